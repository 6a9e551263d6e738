// The headline CLV's P10-P90 when a fitted curve with its covariance gives it. The cohort module
// computes it (its worker, started here on first use), not the page's, which the first visit
// carries; the page asks after its result is on screen and only draws the answer. Loaded by
// app.js only when a scenario has such a curve. One request at a time: while one runs only the
// newest scenario waits, and an answer for a scenario the user has since changed is dropped.
// It imports nothing: what it shares with the page (the worker's start, the formats) comes from
// app.js, so its being loaded apart does not split the page's own chunks (a first visit's bytes).

/** @type {WeakMap<object, ClvBandView>} one view per calculator on the page */
const views = new WeakMap();

// Called by app.js after each valid scenario once a scenario has had a band: the band of the
// page's newest result (`page`: the running calculator, its root, language and last good result).
/**
 * @param {{$: (selector: string) => HTMLElement, language: ClvBandView['language'], lastGood: {json: string, result: any}}} page
 * @param {typeof import('./format.js').makeFormat} makeFormat
 * @param {typeof import('./module-worker.js').startModuleWorker} startModuleWorker
 */
export function showClvBand(page, makeFormat, startModuleWorker) {
  if (!views.has(page)) {
    views.set(page, new ClvBandView(page.$('#card-clv-title').parentElement,
      () => startModuleWorker(new URL('./cohort-worker.js', import.meta.url))));
  }
  const { json, result: { summary: { scenario } } } = page.lastGood;
  views.get(page).show(scenario.retention_curve?.log_covariance ? json : null, page.language,
    makeFormat(scenario.currency, scenario.period, page.language));
}

export class ClvBandView {
  /** @param {HTMLElement} card the headline CLV's card
   *  @param {() => ReturnType<typeof import('./module-worker.js').startModuleWorker>} startWorker the cohort worker's start */
  constructor(card, startWorker) {
    this.line = Object.assign(document.createElement('p'), { className: 'sub clv-band', hidden: true });
    this.line.setAttribute('data-out', 'clv-band');
    card.append(this.line);
    this.startWorker = startWorker;
    /** @type {ReturnType<typeof import('./module-worker.js').startModuleWorker> | null} */
    this.worker = null;
    this.latest = 0;        // the id of the newest scenario asked about
    this.sent = null;       // the request the worker is answering
    this.waiting = null;    // the newest request, sent when the worker is free
    this.answer = null;     // {json, result} for the scenario shown
    /** @type {ReturnType<typeof import('./i18n.js').makeLanguage>} */
    this.language = null;
    /** @type {ReturnType<typeof import('./format.js').makeFormat>} */
    this.format = null;
  }

  // `json`: the calculator's valid scenario, with a fitted curve and its covariance, or null for
  // none (no band); `format`: its formatters (format.js) in `language`. The same scenario in
  // another language is drawn again from the answer it has.
  /** @param {string | null} json @param {ClvBandView['language']} language @param {ClvBandView['format']} format */
  show(json, language, format) {
    this.language = language;
    this.format = format;
    ++this.latest;
    if (json === null) {
      this.waiting = null;
      this.answer = null;
      this.line.hidden = true;
      return;
    }
    if (this.answer?.json === json) return this.render();
    this.line.setAttribute('aria-busy', 'true');
    this.line.style.opacity = '.55';  // the band of the scenario before, dimmed until the new one is in
    this.waiting = { type: 'clvBand', id: this.latest, scenarioJson: json };
    if (this.sent === null) this.sendWaiting();
  }

  sendWaiting() {
    if (!this.worker) {
      this.worker = this.startWorker();
      this.worker.onmessage = ({ data }) => this.receive(data);
      this.worker.onerror = (event) => {
        this.worker?.terminate();
        this.worker = null;  // the next scenario tries again
        this.receive({ id: this.sent?.id, result: null, message: event.message ?? '' });
      };
    }
    this.sent = this.waiting;
    this.waiting = null;
    this.worker.postMessage(this.sent);
  }

  receive({ id, result, message }) {
    const json = this.sent?.scenarioJson;
    this.sent = null;
    if (this.waiting) this.sendWaiting();
    if (id !== this.latest) return;  // the scenario changed since: its answer is coming
    // A worker that failed says why in place of the band; the headline stands either way.
    this.answer = { json, result: result ?? { ok: false, errors: [{ message }] } };
    this.render();
  }

  // The band's words are the panels' strings: drawn once they are in, if nothing newer came
  // meanwhile.
  render() {
    const { answer, language, format } = this;
    language.loadPanels().then(() => {
      if (answer !== this.answer || language !== this.language) return;
      const { ok, band, errors } = answer.result;
      this.line.textContent = !ok ? errors.map((e) => language.message(e)).join(' ')
        : band.clv ? language.t('cohort.clv_band', { low: format.money(band.clv.p10), high: format.money(band.clv.p90) })
          : language.t('cohort.clv_band_none', { unbounded: language.number(band.unbounded_draws), draws: language.number(band.draws) });
      this.line.hidden = false;
      this.line.style.opacity = '';
      this.line.setAttribute('aria-busy', 'false');
    });
  }
}
