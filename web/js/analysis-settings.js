// The analyst panels' settings in the scenario document ("analysis", version 3): the one pair of
// band draws and seed that every panel's uncertainty band uses, and each panel's own choices
// that change its numbers (never the user's data). Each is a field of the markup that names its
// place in the document (data-analysis-field="analysis.transactions.prediction_units"); they are
// read into the document on every change, so a share link, an export or an embed configuration
// carries them, and filled back when a document is loaded. A field with data-follows (the
// transaction panel's discount and margin) is written only when it differs from that calculator
// field, which it follows otherwise. The core checks them; a rejected one is marked beside it.
import { parseNumberText } from './format.js';
import { markInvalid } from './baseline-form.js';

export class AnalysisSettings {
  constructor(root, { scenario, onChange }) {
    this.root = root;
    this.scenario = scenario;  // () => the calculator's last valid scenario, or null
    root.addEventListener('input', (event) => event.target.closest?.('[data-analysis-field]') && onChange());
  }

  fields() {
    return [...this.root.querySelectorAll('[data-analysis-field]')].map((field) => ({
      field, path: field.getAttribute('data-analysis-field').split('.').slice(1),
    }));
  }

  // The document's "analysis" part, as typed (an empty field is left out: its default).
  read(language) {
    const analysis = {};
    for (const { field, path } of this.fields()) {
      const value = field instanceof HTMLSelectElement ? field.value : parseNumberText(field.value, language);
      const follows = field.getAttribute('data-follows');
      if (value === undefined || (follows && this.scenario()?.[follows] === value)) continue;
      let at = analysis;
      for (const key of path.slice(0, -1)) at = at[key] ??= {};
      at[path.at(-1)] = value;
    }
    return analysis;
  }

  // A document's settings into the fields; those it leaves out go back to the markup's defaults.
  fill(analysis) {
    for (const { field, path } of this.fields()) {
      const value = path.reduce((at, key) => at?.[key], analysis);
      if (value !== undefined && value !== null) field.value = String(value);
      else if (field instanceof HTMLSelectElement) field.value = ([...field.options].find((o) => o.defaultSelected) ?? field.options[0]).value;
      else field.value = field.defaultValue;
    }
  }

  showErrors(errors, language) {
    this.clearErrors();
    for (const error of errors) {
      if (!error.field?.startsWith('analysis.')) continue;
      const field = this.root.querySelector(`[data-analysis-field="${CSS.escape(error.field)}"]`);
      if (field) markInvalid(field, language.message(error));
    }
  }

  clearErrors() {
    for (const field of this.root.querySelectorAll('[data-analysis-field][aria-invalid]')) {
      const note = field.getAttribute('aria-describedby');
      if (note) this.root.querySelector(`#${CSS.escape(note)}`)?.remove();
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
  }
}

// The bands' draws and seed of a scenario, as a panel's core call takes them (left out: unset,
// the core's defaults).
export const bandOf = (scenario) => ({ band_draws: scenario?.analysis?.band_draws, band_seed: scenario?.analysis?.band_seed });
