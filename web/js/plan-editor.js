// The planner's inputs <-> the "plan" part of the scenario document: program cards (each value a
// number or a low / most likely / high range), ranges on baseline numbers, draws and seed, the
// funnel and the budget split. What is typed is kept as typed; the core validates.
import { parseNumberText } from './format.js';
import { markInvalid, clearInvalid } from './baseline-form.js';
import { el } from './dom.js';

// A program's values, in card order; `percent` ones are effects (the user's assumptions).
const PROGRAM_VALUES = [
  { key: 'fixed_cost_per_period', label: 'program.fixed_cost' },
  { key: 'cost_per_customer_per_period', label: 'program.cost_per_customer' },
  { key: 'churn_reduction_percent', label: 'program.kept', effect: true },
  { key: 'revenue_uplift_percent', label: 'program.uplift', effect: true },
  { key: 'win_back_percent', label: 'program.win_back', effect: true },
];
// Baseline numbers that may be given as a range (the core's rangeable_fields).
const RANGEABLE = ['churn_percent', 'revenue_per_customer', 'gross_margin_percent', 'cac', 'new_customers_per_period',
  'retention_spend_per_customer', 'starting_customers', 'annual_discount_rate_percent'];
const text = (v) => (v === undefined || v === null ? '' : String(v));

export class PlanEditor {
  constructor(root, language, { maxPrograms, defaults, fieldLabel, onChange }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.maxPrograms = maxPrograms;
    this.defaults = defaults;  // () -> the core's funnel and budget split, asked for when a section first opens
    this.fieldLabel = fieldLabel;  // (key, language) -> a baseline field's label, from the core's terms
    this.onChange = onChange;
    this.programs = [];
    this.ranges = [];
    this.nextId = 1;
    this.programList = this.$('#program-editors');
    this.rangeList = this.$('#range-editors');
    this.funnelDetails = this.$('#funnel-details');
    this.splitDetails = this.$('#split-details');
    this.$('#add-program').addEventListener('click', () => this.addProgram());
    this.$('#add-range').addEventListener('click', () => this.addRange());
    for (const list of [this.programList, this.rangeList]) list.addEventListener('input', (event) => this.update(event.target));
    for (const details of [this.funnelDetails, this.splitDetails]) {
      details.addEventListener('toggle', () => {
        if (details.open) this.fillEmpty(details);
        this.onChange();
      });
    }
    this.$('.planner-panel').addEventListener('input', (event) => {
      if (event.target.dataset.field) this.onChange();  // draws, seed, funnel and budget inputs
    });
    this.$('#plan-draws').value = '10000';
    this.$('#plan-seed').value = '1';
    this.render();
  }

  setLanguage(language) {
    this.language = language;
    // A program still called by its kind's name follows the language; a name the user typed stays.
    for (const p of this.programs) if (p.autoName) p.name = this.kindName(p.kind);
    this.render();
  }

  kindName(kind) {
    return this.$(`#program-kind option[value="${kind}"]`).textContent.trim();
  }

  t(key, params) {
    return this.language.t(key, { ...this.periodWords, ...params });
  }

  // Labels say "per month" or "per year" like the rest of the page; cards are redrawn only when
  // the period changes (never while someone types in them).
  setPeriodWords(period, periods) {
    if (this.periodWords?.period === period && this.periodWords?.periods === periods) return;
    this.periodWords = { period, periods };
    this.render();
  }

  number(value) {
    return parseNumberText(value, this.language);
  }

  // A section opened for the first time starts from the core's illustrative defaults.
  fillEmpty(details) {
    const all = this.defaults();
    const defaults = details === this.funnelDetails ? all.funnel : all.budget_split;
    for (const [key, input] of sectionInputs(details)) if (input.value === '') input.value = text(defaults[key]);
  }

  addProgram() {
    if (this.programs.length >= this.maxPrograms) return;
    const select = this.$('#program-kind');
    const program = this.programFrom({ kind: select.value, name: this.kindName(select.value) });
    program.autoName = true;
    this.programs.push(program);
    this.render();
    this.programList.querySelector(`#program-${program.id}-churn_reduction_percent-likely`)?.focus();
    this.onChange();
  }

  // Effects start empty: the user states them, the page never suggests one.
  programFrom(p) {
    const program = { id: this.nextId++, kind: p.kind, name: text(p.name), ramp: text(p.ramp_up_periods ?? '') };
    for (const { key } of PROGRAM_VALUES) {
      const value = p[key];
      const range = value !== null && typeof value === 'object';
      program[key] = range
        ? { likely: text(value.likely), low: text(value.low), high: text(value.high) }
        : { likely: value === 0 || value === undefined ? '' : text(value), low: '', high: '' };
    }
    return program;
  }

  addRange() {
    const used = new Set(this.ranges.map((r) => r.field));
    const field = RANGEABLE.find((f) => !used.has(f));
    if (!field) return;
    this.ranges.push({ id: this.nextId++, field, low: '', high: '' });
    this.render();
    this.rangeList.querySelector(`#range-${this.ranges.at(-1).id}-low`)?.focus();
  }

  remove(list, id) {
    this[list] = this[list].filter((item) => item.id !== id);
    this.render();
    this.onChange();
  }

  update(input) {
    const item = [...this.programs, ...this.ranges].find((p) => String(p.id) === input.dataset.item);
    if (!item) return;
    if (input.dataset.part) item[input.dataset.key][input.dataset.part] = input.value;
    else item[input.dataset.key] = input.value;
    if (input.dataset.key === 'name') item.autoName = false;
    if (input.tagName === 'SELECT') this.render();
    this.onChange();
  }

  // The document's "plan", or undefined when nothing is planned (so links stay short).
  read() {
    const plan = {};
    if (this.programs.length) plan.programs = this.programs.map((p) => this.readProgram(p));
    if (this.ranges.length) {
      plan.ranges = {};
      for (const r of this.ranges) plan.ranges[r.field] = { low: this.number(r.low) ?? '', high: this.number(r.high) ?? '' };
    }
    const draws = this.number(this.$('#plan-draws').value), seed = this.number(this.$('#plan-seed').value);
    const funnelUsed = this.funnelDetails.open || this.$('#funnel-use').checked;
    if (funnelUsed) plan.funnel = { ...this.readSection(this.funnelDetails), use_for_cac: this.$('#funnel-use').checked };
    if (this.splitDetails.open) plan.budget_split = this.readSection(this.splitDetails);
    if (Object.keys(plan).length === 0) return undefined;
    if (draws !== undefined) plan.draws = draws;
    if (seed !== undefined) plan.seed = seed;
    return plan;
  }

  readProgram(p) {
    const out = { kind: p.kind, name: p.name };
    for (const { key } of PROGRAM_VALUES) {
      const likely = this.number(p[key].likely), low = this.number(p[key].low), high = this.number(p[key].high);
      if (low === undefined && high === undefined) {
        if (likely !== undefined) out[key] = likely;
      } else {
        // One end left blank means that end is the most likely value.
        out[key] = { low: low ?? likely ?? '', likely: likely ?? '', high: high ?? likely ?? '' };
      }
    }
    const ramp = this.number(p.ramp);
    if (ramp !== undefined) out.ramp_up_periods = ramp;
    return out;
  }

  readSection(details) {
    const out = {};
    for (const [key, input] of sectionInputs(details)) out[key] = this.number(input.value) ?? '';
    return out;
  }

  // From a document (share link, import, embed).
  fill(plan) {
    this.programs = (plan?.programs ?? []).map((p) => this.programFrom(p));
    this.ranges = Object.entries(plan?.ranges ?? {}).map(([field, r]) => ({ id: this.nextId++, field, low: text(r.low), high: text(r.high) }));
    this.$('#plan-draws').value = text(plan?.draws ?? 10000);
    this.$('#plan-seed').value = text(plan?.seed ?? 1);
    for (const [details, section] of [[this.funnelDetails, plan?.funnel], [this.splitDetails, plan?.budget_split]]) {
      for (const [key, input] of sectionInputs(details)) input.value = text(section?.[key]);
      details.open = Boolean(section);
    }
    this.$('#funnel-use').checked = Boolean(plan?.funnel?.use_for_cac);
    this.render();
  }

  showErrors(errors) {
    clearInvalid(this.$('.planner-panel'));
    const shown = [];
    for (const error of errors) {
      const input = this.inputFor(error.field);
      if (!input) continue;
      markInvalid(input, this.language.message(error));
      shown.push(error);
    }
    return shown;
  }

  inputFor(field) {
    const program = /^plan\.programs\[(\d+)\]\.(\w+)/.exec(field);
    if (program) {
      const p = this.programs[Number(program[1])];
      const key = program[2] === 'ramp_up_periods' ? 'ramp' : program[2];
      return p && (this.programList.querySelector(`#program-${p.id}-${key}-likely`) ?? this.programList.querySelector(`#program-${p.id}-${key}`));
    }
    const range = /^plan\.ranges\.(\w+)$/.exec(field);
    if (range) {
      const r = this.ranges.find((item) => item.field === range[1]);
      return r && this.rangeList.querySelector(`#range-${r.id}-low`);
    }
    return this.$(`.planner-panel [data-field="${field}"]`);
  }

  render() {
    const t = (key, params) => this.t(key, params);
    this.programList.replaceChildren(...this.programs.map((p) => this.renderProgram(p, t)));
    this.$('#add-program').disabled = this.programs.length >= this.maxPrograms;
    this.rangeList.replaceChildren(...this.ranges.map((r) => this.renderRange(r, t)));
    this.$('#add-range').disabled = this.ranges.length >= RANGEABLE.length;
  }

  renderProgram(p, t) {
    const card = el('fieldset', undefined, 'program');
    const legend = el('legend', p.name || t(`kind.${p.kind}`));
    const name = field(p, 'name', t('program.name'));
    const costs = el('div', undefined, 'costs');
    const effects = el('div', undefined, 'effects');
    effects.append(el('p', t('program.effects_note'), 'assumption'));
    for (const value of PROGRAM_VALUES) {
      const row = rangeRow(p, value.key, t(value.label), t);
      (value.effect ? effects : costs).append(row);
    }
    const ramp = field(p, 'ramp', t('program.ramp'));
    ramp.inputMode = 'numeric';
    const remove = el('button', t('program.remove'), 'remove');
    remove.type = 'button';
    remove.setAttribute('aria-label', t('program.remove_label', { name: p.name }));
    remove.addEventListener('click', () => this.remove('programs', p.id));
    card.append(legend, name.label, costs, effects, ramp.label, remove);
    return card;
  }

  renderRange(r, t) {
    const row = el('div', undefined, 'range-row');
    row.dataset.errorAnchor = '';
    const label = el('label', undefined, 'field');
    const select = el('select');
    select.id = `range-${r.id}-field`;
    select.dataset.item = String(r.id);
    select.dataset.key = 'field';
    const used = new Set(this.ranges.filter((other) => other !== r).map((other) => other.field));
    for (const key of RANGEABLE.filter((f) => !used.has(f))) select.append(new Option(this.fieldLabel(key, this.language), key));
    select.value = r.field;
    label.append(t('range.input'), select);
    const low = field(r, 'low', t('range.low'), 'range');
    const high = field(r, 'high', t('range.high'), 'range');
    for (const input of [low, high]) input.inputMode = 'decimal';
    const remove = el('button', t('program.remove'), 'remove');
    remove.type = 'button';
    remove.addEventListener('click', () => this.remove('ranges', r.id));
    row.append(label, low.label, high.label, remove);
    return row;
  }
}

// The number inputs of the funnel or budget-split section, with their keys in the plan.
function sectionInputs(details) {
  return [...details.querySelectorAll('input[data-field]:not([type=checkbox])')].map((input) => [input.dataset.field.split('.').pop(), input]);
}

// A labelled input bound to item[key] (or item[key][part]); the input carries its label as .label.
function field(item, key, labelText, prefix = 'program', part) {
  const label = el('label', undefined, 'field');
  const input = el('input');
  input.id = `${prefix}-${item.id}-${key}${part ? `-${part}` : ''}`;
  input.value = part ? item[key][part] : item[key];
  input.autocomplete = 'off';
  input.dataset.item = String(item.id);
  input.dataset.key = key;
  if (part) input.dataset.part = part;
  label.append(labelText, input);
  input.label = label;
  return input;
}

// Most likely, low and high for one program value; low and high may stay blank.
function rangeRow(p, key, labelText, t) {
  const group = el('div', undefined, 'range-value');
  group.setAttribute('role', 'group');
  group.dataset.errorAnchor = '';
  const title = el('span', labelText, 'range-title');
  title.id = `program-${p.id}-${key}-title`;
  group.setAttribute('aria-labelledby', title.id);
  const parts = ['likely', 'low', 'high'].map((part) => {
    const input = field(p, key, t(`range.${part}`), 'program', part);
    input.inputMode = 'decimal';
    return input.label;
  });
  group.append(title, ...parts);
  return group;
}
