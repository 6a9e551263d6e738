// <retention-calculator>: the calculator as a custom element for blogs and other pages. One
// module script tag loads it; it renders in a shadow root, so the host's CSS cannot break it
// and its CSS cannot leak out. Configuration: a `scenario` attribute, or a child
// <script type="application/json">, holding the scenario fields to change from the defaults;
// `panels="cohorts transactions planner"` adds the analyst panels and the strategy planner (left
// out by default: a blog reader wants the calculator; their workers need the element's own origin); `lang="ur"` picks its language (else the reader's browser decides).
// Theming: CSS custom properties on the element (--accent, --ink, …).
import { startCalculator } from './app.js';

const SITE = new URL('..', import.meta.url);
let markup = null;

// The markup is the calculator part of the page itself (element.html: the built page without its
// inline style and script, which a blog's policy would refuse), so there is one copy of it. The
// browser parses it as a document response: parsing a string (DOMParser, innerHTML) is a Trusted Types
// sink that a host page enforcing them would block, leaving the element empty.
function calculatorMarkup() {
  markup ??= new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', new URL('element.html', SITE));
    request.responseType = 'document';
    request.onload = () => {
      const calculator = request.status === 200 ? request.responseXML?.querySelector('.calculator') : null;
      if (calculator) resolve(calculator);
      else reject(new Error(`element.html could not be read (HTTP ${request.status})`));
    };
    request.onerror = () => reject(new Error('element.html could not be loaded'));
    request.send();
  });
  return markup;
}

function configuration(element) {
  const text = element.getAttribute('scenario') ?? element.querySelector('script[type="application/json"]')?.textContent;
  if (!text) return { initialScenario: null, notice: null };
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { initialScenario: value, notice: null };
  } catch {
    // reported below
  }
  return { initialScenario: null, notice: 'embed.bad_json' };
}

class RetentionCalculator extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL('style.css', SITE).href });
    root.append(style);
    const template = await calculatorMarkup();
    const content = document.importNode(template, true);
    // The site's default numbers (dist/index.html) are not this element's scenario: placeholders
    // until its own are computed.
    for (const prerendered of content.querySelectorAll('[data-prerendered]')) prerendered.textContent = '–';
    const panels = (this.getAttribute('panels') ?? '').split(/\s+/);
    if (!panels.includes('cohorts')) content.querySelector('.cohort-panel')?.remove();
    if (!panels.includes('transactions')) content.querySelector('.transactions-panel')?.remove();
    if (!panels.includes('planner')) content.querySelector('.planner-panel')?.remove();
    // The bands' draws and seed serve the fitted models' panels.
    if (!panels.includes('cohorts') && !panels.includes('transactions')) content.querySelector('.band-panel')?.remove();
    root.append(content);
    await startCalculator(root, { useLocation: false, language: this.getAttribute('lang'), ...configuration(this) });
  }
}

if (!customElements.get('retention-calculator')) customElements.define('retention-calculator', RetentionCalculator);
