// The calculator as a page of its own, or (index.html?embed) inside another site's iframe:
// then without the page's header, footer and phone bar, and telling the host its height so the
// iframe can fit it (js/iframe-resizer.js on the host's side).
import { startCalculator } from './app.js';

const query = new URLSearchParams(window.location.search);
if (query.has('embed')) {
  document.documentElement.classList.add('embedded');
  const panels = (query.get('panels') ?? '').split(',');
  if (!panels.includes('cohorts')) document.querySelector('.cohort-panel')?.remove();
  if (!panels.includes('transactions')) document.querySelector('.transactions-panel')?.remove();
  const tell = () => window.parent.postMessage({ type: 'retention-calculator:height', height: document.documentElement.scrollHeight }, '*');
  new ResizeObserver(tell).observe(document.body);
}
startCalculator(document, { language: query.get('lang') });
