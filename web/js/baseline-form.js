// The baseline inputs: scenario document <-> form fields. Validation is the core's; this
// module only reads what was typed and shows the core's messages next to the fields.
import { parseNumberText } from './format.js';

export class BaselineForm {
  constructor(form) {
    this.form = form;
    this.churnInput = form.querySelector('#churn-input');
    this.churnMode = form.querySelector('#churn-mode');
    this.churnLabel = form.querySelector('#churn-label');
    this.churnMode.addEventListener('change', () => this.switchChurnMode());
  }

  fields() {
    return [...this.form.querySelectorAll('[data-kind]')];
  }

  // The baseline part of a scenario document (no version, no scenarios).
  read() {
    const document = {};
    for (const field of this.fields()) {
      const kind = field.dataset.kind;
      if (kind === 'bool') document[field.name] = field.checked;
      else if (kind === 'text') document[field.name] = field.value;
      else {
        const value = parseNumberText(field.value);
        if (value !== undefined) document[field.name] = value;
      }
    }
    return document;
  }

  fill(document) {
    this.churnMode.value = 'churn';
    this.setChurnName('churn_percent');
    for (const field of this.fields()) {
      const value = document[field.name];
      if (field.dataset.kind === 'bool') field.checked = Boolean(value);
      else field.value = value === undefined || value === null ? '' : String(value);
    }
  }

  // Churn and retention are the same input seen two ways; switching converts what is typed.
  switchChurnMode() {
    const retention = this.churnMode.value === 'retention';
    const value = parseNumberText(this.churnInput.value);
    if (typeof value === 'number') this.churnInput.value = String(+(100 - value).toFixed(10));
    this.setChurnName(retention ? 'retention_percent' : 'churn_percent');
    this.form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  setChurnName(name) {
    this.churnInput.name = name;
    this.churnLabel.firstChild.textContent = name === 'churn_percent' ? 'Churn % per ' : 'Retention % per ';
  }

  // Marks the baseline fields the core rejected (the error summary lists every error).
  showErrors(errors) {
    this.clearErrors();
    for (const error of errors) {
      const name = error.field === 'retention_percent' || error.field === 'churn_percent' ? this.churnInput.name : error.field;
      const field = name && this.form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (field) markInvalid(field, error.message);
    }
  }

  clearErrors() {
    clearInvalid(this.form);
  }
}

// Shared by the baseline form and the scenario editors.
export function markInvalid(field, message) {
  field.setAttribute('aria-invalid', 'true');
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
