// The rule that splits each language into the calculator's strings and the analyst panels'
// (web/js/string-parts.js): nothing the calculator shows before a panel is used may be in the
// panels' part. Checked against the page's scripts and markup and against the core's sources:
// a code the page's module can produce (core/src/calculator, scenario, planner; the module's
// bindings) must be in the first part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/wasm-module.mjs';
import {
  CALCULATOR_MESSAGE_CODES, CURVE_MESSAGE_CODES, PANEL_FIELD_TERMS, PANEL_KEY_PREFIXES, PLAN_MESSAGE_CODES,
  isCalculatorMessage, isPanelKey, splitLanguage,
} from '../../web/js/string-parts.js';

const read = (...parts) => fs.readFileSync(path.join(ROOT, ...parts), 'utf8');
const i18n = path.join(ROOT, 'web', 'i18n');
const languages = fs.readdirSync(i18n).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(read('web', 'i18n', f))]);
const codes = Object.keys(languages.find(([code]) => code === 'hy')[1].messages);
const html = read('web', 'index.html');

// The panels' scripts: the three panels and the views and helpers only they import, and the
// headline CLV's band (clv-band.js), an answer of the cohort module drawn once the panels' strings
// are in. Every other page script (workers aside) runs for the calculator.
const PANEL_MODULES = ['planner-panel.js', 'plan-editor.js', 'cohort-panel.js', 'transactions-panel.js', 'subscription-view.js',
  'warehouse-view.js', 'opportunity-view.js', 'model-comparison.js', 'clv-band.js'];
const scripts = fs.readdirSync(path.join(ROOT, 'web', 'js')).filter((f) => f.endsWith('.js') && !f.endsWith('-worker.js'));
const calculatorScripts = scripts.filter((f) => !PANEL_MODULES.includes(f));

// The page strings a script names: quoted keys, and the prefixes of keys it builds (`word.${unit}`).
function keysIn(source) {
  return {
    keys: [...source.matchAll(/['"`]([a-z]+(?:\.[a-z0-9_]+)+)['"`]/g)].map((m) => m[1]),
    prefixes: [...source.matchAll(/`([a-z]+)\.[a-z_.]*\$\{/g)].map((m) => m[1]),
  };
}

// The markup's keys, with whether they sit inside an analyst panel's section.
function markupKeys() {
  const out = [];
  let depth = 0, panelDepth = null;
  for (const match of html.matchAll(/<section\b[^>]*>|<\/section>|data-i18n="([^"]+)"|data-i18n-attr="([^"]+)"/g)) {
    if (match[0].startsWith('<section')) {
      depth += 1;
      if (panelDepth === null && /class="[^"]*\b(planner|band|cohort|transactions)-panel\b/.test(match[0])) panelDepth = depth;
    } else if (match[0] === '</section>') {
      if (depth === panelDepth) panelDepth = null;
      depth -= 1;
    } else {
      const keys = match[1] ? [match[1]] : match[2].split(/\s+/).map((pair) => pair.split('=')[1]);
      for (const key of keys) out.push({ key, inPanel: panelDepth !== null });
    }
  }
  return out;
}

test('each language splits into two parts that together hold exactly its file', () => {
  assert.ok(languages.length >= 4);
  for (const [code, data] of languages) {
    const { first, panels } = splitLanguage(code, data);
    assert.equal(first.panels, `${code}-panels.json`);
    assert.deepEqual(first.meta, data.meta);
    for (const part of ['ui', 'messages']) {
      const a = Object.keys(first[part]), b = Object.keys(panels[part]);
      assert.ok(!a.some((key) => b.includes(key)), `${code} ${part}: no entry in both parts`);
      assert.deepEqual({ ...first[part], ...panels[part] }, data[part], `${code} ${part}`);
    }
    if (code !== 'en') assert.ok(Object.keys(panels.ui).length > 100 && Object.keys(panels.messages).length > 100, code);
  }
});

test('the markup outside the analyst panels asks for no panel string, and the panels\' sections are found', () => {
  const keys = markupKeys();
  assert.ok(keys.filter((k) => k.inPanel).length > 100, 'the three panel sections hold their markup');
  assert.deepEqual(keys.filter((k) => !k.inPanel && isPanelKey(k.key)).map((k) => k.key), []);
  // Each panel prefix is one the panels use (a prefix kept by mistake would hide nothing but cost nothing either way).
  const panelKeys = [...keys.filter((k) => k.inPanel).map((k) => k.key),
    ...PANEL_MODULES.flatMap((f) => keysIn(read('web', 'js', f)).keys), 'file.too_large'];
  for (const prefix of PANEL_KEY_PREFIXES) assert.ok(panelKeys.some((key) => key.startsWith(`${prefix}.`)), prefix);
});

test('the calculator\'s scripts ask for no panel string', () => {
  const english = languages.find(([code]) => code === 'en')[1];
  const known = new Set([...markupKeys().map((k) => k.key), ...Object.keys(english.ui)]);
  for (const file of calculatorScripts) {
    let source = read('web', 'js', file);
    // dom.js's takeChosenFile (file.too_large) serves the panels' file views only.
    if (file === 'dom.js') {
      source = source.replace(/export async function takeChosenFile[\s\S]*?\n}\n/, '');
      const users = scripts.filter((f) => read('web', 'js', f).includes('takeChosenFile') && f !== 'dom.js');
      assert.ok(users.length > 0 && users.every((f) => PANEL_MODULES.includes(f)), users.join(', '));
    }
    const { keys, prefixes } = keysIn(source);
    assert.deepEqual(keys.filter((key) => known.has(key) && isPanelKey(key)), [], file);
    assert.deepEqual(prefixes.filter((prefix) => PANEL_KEY_PREFIXES.includes(prefix)), [], file);
  }
});

// String literals of C++ sources: by default the page's module's domains for evaluating a
// scenario and reading a share link, and its bindings.
function literalsOf(domains = ['calculator', 'scenario'], bindings = true) {
  const files = [];
  for (const domain of domains) {
    for (const folder of [path.join('core', 'src', domain), path.join('core', 'include', 'retention', domain)]) {
      for (const f of fs.readdirSync(path.join(ROOT, folder))) files.push(path.join(folder, f));
    }
  }
  if (bindings) files.push(path.join('wasm', 'bindings.cpp'));
  return new Set(files.flatMap((f) => [...read(f).matchAll(/"([A-Za-z_.]+)"/g)].map((m) => m[1])));
}

test('every message code and field label the page\'s module can produce is in the first part, a plan\'s and a fitted curve\'s faults aside', () => {
  const literals = literalsOf();
  const produced = codes.filter((code) => literals.has(code));
  assert.ok(produced.length > 30, `${produced.length} codes found in the calculator's sources`);
  const laterCodes = [...PLAN_MESSAGE_CODES, ...CURVE_MESSAGE_CODES, ...PANEL_FIELD_TERMS];
  assert.deepEqual(produced.filter((code) => !isCalculatorMessage(code) && !laterCodes.includes(code)), []);
  // Field labels are named by key ("field." + key).
  const labels = codes.filter((code) => code.startsWith('field.') && literals.has(code.slice(6)));
  assert.ok(labels.length > 20, `${labels.length} field labels`);
  assert.deepEqual(labels.filter((code) => !isCalculatorMessage(code) && !PANEL_FIELD_TERMS.includes(code)), []);
  // The lists name real codes, each of which the module's sources produce; the plan's are the
  // planner's reader's or name its fields (plan_json.cpp), and are not in the first part.
  for (const code of CALCULATOR_MESSAGE_CODES) assert.ok(literals.has(code), `${code} is not in the calculator's sources`);
  const planner = literalsOf(['planner'], false);
  const planReader = read('core', 'src', 'planner', 'plan_json.cpp');
  // A fitted curve's fault is the scenario reader's, and not in the first part either.
  for (const code of CURVE_MESSAGE_CODES) {
    assert.ok(read('core', 'src', 'scenario', 'scenario_json.cpp').includes(`"${code}"`), code);
    assert.equal(isCalculatorMessage(code), false, code);
  }
  const analysisReader = read('core', 'src', 'scenario', 'analysis_json.cpp');
  for (const code of PLAN_MESSAGE_CODES) {
    assert.ok(literals.has(code) || planner.has(code), code);
    assert.equal(isCalculatorMessage(code), false, code);
  }
  // The labels kept for the panels are of the plan's fields (its reader names them; the plan
  // itself and a program's name are named by the scenario's reader and checks) or of fields no
  // calculator source names.
  for (const term of PANEL_FIELD_TERMS) {
    const key = term.slice(6);
    assert.ok(codes.includes(term), term);
    assert.equal(isCalculatorMessage(term), false, term);
    assert.ok(planReader.includes(`"${key}"`) || analysisReader.includes(`"${key}"`) || ['plan', 'program_name', 'analysis'].includes(key) || !literals.has(key), term);
  }
});

test('the panels\' part holds the file readers\' and fits\' messages', () => {
  // Codes only a panel's module produces, and a term only they name.
  for (const code of ['cohort_table_empty', 'no_transactions', 'subscription_column_missing', 'fit_not_converged', 'unit.month', 'field.band_draws']) {
    assert.ok(codes.includes(code), code);
    assert.equal(isCalculatorMessage(code), false, code);
  }
});
