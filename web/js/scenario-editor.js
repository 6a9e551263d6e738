// The list of named scenarios: add, rename, change, remove. Each scenario is a set of changes to
// the baseline; a blank field keeps the baseline value.
import { parseNumberText } from './format.js';
import { markInvalid, clearInvalid } from './baseline-form.js';
import { seriesColour } from './charts.js';

// The baseline fields a scenario may change (labels: "scenario.<key>").
const OVERRIDES = ['revenue_per_customer', 'retention_spend_per_customer', 'cac', 'new_customers_per_period'];

export class ScenarioEditor {
  constructor(container, addButton, language, { maxScenarios, maxNameLength, onChange }) {
    this.container = container;
    this.language = language;
    this.addButton = addButton;
    this.maxScenarios = maxScenarios;
    this.maxNameLength = maxNameLength;
    this.onChange = onChange;
    this.rows = [];
    this.nextId = 1;
    addButton.addEventListener('click', () => this.add());
    container.addEventListener('input', (event) => this.update(event.target));
  }

  // From the scenario document's list.
  set(scenarios) {
    this.rows = scenarios.map((s) => this.rowFrom(s));
    this.render();
  }

  rowFrom(s) {
    const text = (v) => (v === undefined || v === null ? '' : String(v));
    const row = { id: this.nextId++, name: s.name ?? '' };
    row.churnUnit = s.churn_change_percent !== undefined ? 'percent' : 'points';
    row.churnChange = text(s.churn_change_percent ?? s.churn_change_points);
    for (const key of OVERRIDES) row[key] = text(s[key]);
    return row;
  }

  add() {
    if (this.rows.length >= this.maxScenarios) return;
    const row = this.rowFrom({ name: this.language.t('scenario.default_name', { n: this.rows.length + 1 }), churn_change_points: -1 });
    this.rows.push(row);
    this.render();
    this.container.querySelector(`#scenario-${row.id}-name`)?.focus();
    this.onChange();
  }

  remove(id) {
    this.rows = this.rows.filter((row) => row.id !== id);
    this.render();
    this.onChange();
  }

  update(input) {
    const row = this.rows.find((r) => String(r.id) === input.dataset.row);
    if (!row) return;
    row[input.dataset.key] = input.value;
  }

  setLanguage(language) {
    this.language = language;
    this.render();
  }

  // The scenario document's list, in order.
  read() {
    return this.rows.map((row) => {
      const scenario = { name: row.name };
      const churn = parseNumberText(row.churnChange, this.language);
      if (churn !== undefined) scenario[row.churnUnit === 'percent' ? 'churn_change_percent' : 'churn_change_points'] = churn;
      for (const key of OVERRIDES) {
        const value = parseNumberText(row[key], this.language);
        if (value !== undefined) scenario[key] = value;
      }
      return scenario;
    });
  }

  // Placeholders show the baseline value a blank field keeps.
  setBaselinePlaceholders(baseline) {
    for (const input of this.container.querySelectorAll('input[data-key]')) {
      const value = baseline[input.dataset.key];
      if (value !== undefined) input.placeholder = this.language.t('scenario.same', { value: this.language.number(value) });
    }
  }

  showErrors(errors) {
    clearInvalid(this.container);
    for (const error of errors) {
      const match = /^scenarios\[(\d+)\]\.(\w+)$/.exec(error.field);
      const row = match && this.rows[Number(match[1])];
      const key = match && (match[2].startsWith('churn_change') ? 'churnChange' : match[2] === 'name' ? 'name' : match[2]);
      const input = row && this.container.querySelector(`#scenario-${row.id}-${key}`);
      if (input) markInvalid(input, this.language.message(error));
    }
  }

  render() {
    this.container.replaceChildren(...this.rows.map((row, index) => this.renderRow(row, index)));
    this.addButton.disabled = this.rows.length >= this.maxScenarios;
    this.addButton.title = this.addButton.disabled ? this.language.t('scenario.at_most', { n: this.maxScenarios, count: this.maxScenarios }) : '';
  }

  renderRow(row, index) {
    const card = element('div', { className: 'scenario' });
    card.style.setProperty('--scenario-colour', seriesColour(index + 1));
    const t = (key, params) => this.language.t(key, params);
    const name = input(row, 'name', t('scenario.name'));
    name.maxLength = this.maxNameLength;
    card.append(name.label);

    const churn = input(row, 'churnChange', t('scenario.churn_change'));
    churn.inputMode = 'decimal';
    const unit = element('select');
    unit.setAttribute('aria-label', t('scenario.unit_label', { name: row.name }));
    unit.append(new Option(t('scenario.points'), 'points'), new Option('%', 'percent'));
    unit.value = row.churnUnit;
    unit.addEventListener('change', () => { row.churnUnit = unit.value; this.onChange(); });
    const churnRow = element('div', { className: 'churn-change' });
    churnRow.dataset.errorAnchor = '';
    churnRow.append(churn.label, unit);

    const grid = element('div', { className: 'grid' });
    for (const key of OVERRIDES) {
      const field = input(row, key, t(`scenario.${key}`));
      field.inputMode = 'decimal';
      grid.append(field.label);
    }
    const remove = element('button', { type: 'button', className: 'remove', textContent: t('scenario.remove') });
    remove.setAttribute('aria-label', t('scenario.remove_label', { name: row.name }));
    remove.addEventListener('click', () => this.remove(row.id));
    card.append(churnRow, grid, remove);
    return card;
  }
}

function element(tag, properties = {}) {
  return Object.assign(document.createElement(tag), properties);
}

// A labelled text input bound to row[key]; returns the input with its label attached as .label.
function input(row, key, text) {
  const label = element('label', { className: 'field' });
  const field = element('input', { id: `scenario-${row.id}-${key}`, value: row[key], autocomplete: 'off' });
  field.dataset.row = String(row.id);
  field.dataset.key = key;
  label.append(text, field);
  field.label = label;
  return field;
}
