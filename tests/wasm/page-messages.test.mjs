// The page's module carries the calculator's and the scenario document's English messages only
// (core/src/common/no_panel_messages.cpp): the analyst panels' sentences load with the panels'
// modules. These tests hold the split to what each module can say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { nativeReport } from '../support/native-report.mjs';
import { loadWasmModule, ROOT } from '../support/wasm-module.mjs';

const everyTemplate = nativeReport(['--messages']);
const pageTemplates = (await loadWasmModule()).messageTemplates();
const panelCodes = Object.keys(everyTemplate).filter((code) => !(code in pageTemplates));

test('the page module\'s messages are the core\'s, word for word, and the panels\' are left out', () => {
  for (const [code, template] of Object.entries(pageTemplates)) assert.deepEqual(template, everyTemplate[code], code);
  assert.ok(Object.keys(pageTemplates).length > 100, `${Object.keys(pageTemplates).length} messages in the page module`);
  assert.ok(panelCodes.length > 80, `${panelCodes.length} panel messages left out`);
  for (const code of ['required', 'field.churn_percent', 'link_damaged', 'curve_covariance_invalid', 'field.band_seed']) {
    assert.ok(code in pageTemplates, code);
  }
  for (const code of ['cohort_table_empty', 'row_not_a_date', 'fit_not_converged']) assert.ok(panelCodes.includes(code), code);
});

// A code the page module's code could produce is written in its data; a panel code there would
// reach the visitor as the bare code, with no sentence.
test('no panel message code is written in the page module, so it cannot produce one', () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'retention.wasm')).toString('latin1');
  const quoted = (code) => wasm.includes(`\0${code}\0`);
  assert.deepEqual(panelCodes.filter(quoted), []);
  assert.ok(quoted('required'), 'the check finds a code the page module does produce');
});
