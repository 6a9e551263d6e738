// The analyst panels' settings in the scenario document ("analysis", version 3): the one pair of
// band draws and seed that every panel's uncertainty band uses, and each panel's own choices
// that change its numbers (never the user's data). They are read from the panels into the
// document, so a share link, an export or an embed configuration carries them, and given back
// to the panels when a document is loaded. The core checks them; a rejected one is marked beside
// its field, which names it with data-analysis-field.
import { parseNumberText } from './format.js';
import { markInvalid } from './baseline-form.js';

export class AnalysisSettings {
  constructor(root, { cohorts, transactions, onChange }) {
    this.root = root;
    this.cohorts = cohorts;
    this.transactions = transactions;
    this.draws = root.querySelector('#band-draws');
    this.seed = root.querySelector('#band-seed');
    // Any setting changed in any panel changes the document (and so the next share link).
    root.addEventListener('input', (event) => event.target.closest?.('[data-analysis-field]') && onChange());
  }

  // The document's "analysis" part, as typed (an empty field is left out: its default).
  read(language) {
    return {
      band_draws: parseNumberText(this.draws.value, language),
      band_seed: parseNumberText(this.seed.value, language),
      cohorts: this.cohorts?.settings() ?? {},
      transactions: this.transactions?.settings() ?? {},
      opportunities: this.transactions?.opportunitySettings() ?? {},
    };
  }

  // A document's settings into the fields; those it leaves out go back to the markup's defaults.
  fill(analysis) {
    const a = analysis ?? {};
    setField(this.draws, a.band_draws);
    setField(this.seed, a.band_seed);
    this.cohorts?.fillSettings(a.cohorts ?? {});
    this.transactions?.fillSettings(a.transactions ?? {}, a.opportunities ?? {});
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

// An input or select set to a value, or (undefined or null) back to its markup's default.
export function setField(field, value) {
  if (value !== undefined && value !== null) {
    field.value = String(value);
  } else if (field instanceof HTMLSelectElement) {
    field.value = ([...field.options].find((o) => o.defaultSelected) ?? field.options[0]).value;
  } else {
    field.value = field.defaultValue;
  }
}
