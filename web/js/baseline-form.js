// The baseline inputs: scenario document <-> form fields. Validation is the core's; this
// module only reads what was typed and shows the core's messages next to the fields.
import { parseNumberText } from './format.js';
import { translateMarkup } from './i18n.js';

export class BaselineForm {
  constructor(form, language) {
    this.form = form;
    this.language = language;
    this.churnInput = form.querySelector('#churn-input');
    this.churnMode = form.querySelector('#churn-mode');
    this.churnWords = form.querySelector('[data-churn-words]');
    this.churnMode.addEventListener('change', () => this.switchChurnMode());
    this.curveNotice = form.querySelector('#curve-notice');
    this.retentionCurve = null;  // {alpha, beta, log_covariance?} of a fitted curve in use, or null for constant churn
    form.querySelector('#drop-curve').addEventListener('click', () => this.setRetentionCurve(null));
  }

  // A fitted curve replaces constant churn until the user drops it; the churn field is kept
  // (disabled) so dropping the curve brings the user's own churn back.
  setRetentionCurve(curve, { notify = true } = {}) {
    // The fit's covariance comes along (when it has one): the headline CLV then shows its band.
    this.retentionCurve = curve ? { alpha: curve.alpha, beta: curve.beta, log_covariance: curve.log_covariance ?? undefined } : null;
    this.churnInput.disabled = this.churnMode.disabled = Boolean(curve);
    this.curveNotice.hidden = !curve;
    this.describeCurve();
    if (notify) this.form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  // With the funnel's CAC in use the typed CAC is kept but set aside, like churn under a curve.
  showCacFromFunnel(text) {
    const cac = this.form.querySelector('[name="cac"]');
    cac.disabled = text !== null;
    let note = this.form.querySelector('#cac-from-funnel');
    if (text === null) { note?.remove(); return; }
    if (!note) {
      note = Object.assign(document.createElement('p'), { id: 'cac-from-funnel', className: 'curve-notice' });
      cac.insertAdjacentElement('afterend', note);
    }
    note.textContent = this.language.t('form.cac_from_funnel', { cac: text });
  }

  describeCurve() {
    const curve = this.retentionCurve;
    if (!curve) return;
    const three = { minimumFractionDigits: 3, maximumFractionDigits: 3 };
    this.curveNotice.querySelector('p').textContent = this.language.t('form.curve_notice', {
      alpha: this.language.number(curve.alpha, three), beta: this.language.number(curve.beta, three),
      first: this.language.number(curve.alpha / (curve.alpha + curve.beta), { style: 'percent', maximumFractionDigits: 1 }),
    });
  }

  setLanguage(language) {
    this.language = language;
    this.setChurnName(this.churnInput.name);
    this.describeCurve();
  }

  // Puts values into fields as if typed (for averages brought from another panel).
  setValues(values) {
    for (const [name, value] of Object.entries(values)) {
      const field = this.form.querySelector(`[name="${name}"]`);
      if (field && !field.disabled) field.value = String(value);
    }
    this.form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  fields() {
    return [...this.form.querySelectorAll('[data-kind]')];
  }

  // The baseline part of a scenario document (no version, no scenarios).
  read() {
    const scenario = {};
    for (const field of this.fields()) {
      const kind = field.dataset.kind;
      if (kind === 'bool') scenario[field.name] = field.checked;
      else if (kind === 'text') scenario[field.name] = field.value;
      else {
        const value = parseNumberText(field.value, this.language);
        if (value !== undefined) scenario[field.name] = value;
      }
    }
    if (this.retentionCurve) scenario.retention_curve = { model: 'shifted_beta_geometric', ...this.retentionCurve };
    return scenario;
  }

  fill(scenario) {
    this.churnMode.value = 'churn';
    this.setChurnName('churn_percent');
    for (const field of this.fields()) {
      const value = scenario[field.name];
      if (field.dataset.kind === 'bool') field.checked = Boolean(value);
      else field.value = value === undefined || value === null ? '' : String(value);
    }
    this.setRetentionCurve(scenario.retention_curve ?? null, { notify: false });
  }

  // Churn and retention are the same input seen two ways; switching converts what is typed.
  switchChurnMode() {
    const retention = this.churnMode.value === 'retention';
    const value = parseNumberText(this.churnInput.value, this.language);
    if (typeof value === 'number') this.churnInput.value = String(+(100 - value).toFixed(10));
    this.setChurnName(retention ? 'retention_percent' : 'churn_percent');
    this.form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  setChurnName(name) {
    this.churnInput.name = name;
    this.churnWords.dataset.i18n = name === 'churn_percent' ? 'form.churn' : 'form.retention';
    translateMarkup(this.churnWords.parentElement, this.language);
    const period = this.form.querySelector('[name="period"]').value === 'year' ? 'year' : 'month';
    for (const word of this.churnWords.querySelectorAll('[data-period-word]')) word.textContent = this.language.t(`word.${period}`);
  }

  // Marks the baseline fields the core rejected (the error summary lists every error).
  showErrors(errors) {
    this.clearErrors();
    for (const error of errors) {
      const name = error.field === 'retention_percent' || error.field === 'churn_percent' ? this.churnInput.name : error.field;
      const field = name && this.form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (field) markInvalid(field, this.language.message(error));
    }
  }

  clearErrors() {
    clearInvalid(this.form);
  }
}

// Shared by the baseline form and the scenario editors.
export function markInvalid(field, message) {
  field.setAttribute('aria-invalid', 'true');
  const folded = field.closest('details');
  if (folded) folded.open = true;  // a message inside a closed section would go unseen
  const note = document.createElement('p');
  note.className = 'field-error';
  note.id = `${(field.id || field.name).replace(/\W/g, '-')}-error`;
  note.textContent = message;
  field.setAttribute('aria-describedby', note.id);
  // Outside the label, so the message describes the field without renaming it.
  const anchor = field.closest('[data-error-anchor]') ?? field.closest('label') ?? field;
  anchor.insertAdjacentElement('afterend', note);
}

export function clearInvalid(root) {
  for (const note of root.querySelectorAll('.field-error')) note.remove();
  for (const field of root.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}
