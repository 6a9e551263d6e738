// The headline CLV band's view (web/js/clv-band.js) with a stand-in for the cohort worker whose
// answers the test releases in any order: one request at a time, only the newest scenario waits,
// and an answer to a scenario the user has since changed never reaches the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// Just enough DOM for the view: a paragraph whose text, visibility and busy state the test reads.
globalThis.document = /** @type {any} */ ({
  createElement: () => ({ attributes: {}, style: {}, hidden: false, textContent: '', setAttribute(name, value) { this.attributes[name] = value; } }),
});
const { ClvBandView } = await import('../../web/js/clv-band.js');

const language = {
  loadPanels: () => Promise.resolve(),
  t: (key, params) => `${key} ${JSON.stringify(params)}`,
  message: (m) => m.message,
  number: (n) => String(n),
};
const format = /** @type {any} */ ({ money: (value) => `$${value}` });
const answer = (p10, p90) => ({ ok: true, band: { draws: 200, unbounded_draws: 0, seed: 1, clv: { p10, p50: (p10 + p90) / 2, p90 } } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function viewWithWorker() {
  const posted = [];
  const worker = { onmessage: null, onerror: null, postMessage: (message) => posted.push(message), terminate() {} };
  const card = { children: [], append(node) { this.children.push(node); } };
  const view = new ClvBandView(/** @type {any} */ (card), () => /** @type {any} */ (worker));
  const reply = (request, result) => worker.onmessage({ data: { type: 'clvBand', id: request.id, result } });
  return { view, posted, reply, line: card.children[0] };
}

test('while the worker answers one scenario, only the newest of those typed since waits', async () => {
  const { view, posted, reply, line } = viewWithWorker();
  view.show('{"a":1}', /** @type {any} */ (language), format);
  view.show('{"a":2}', /** @type {any} */ (language), format);
  view.show('{"a":3}', /** @type {any} */ (language), format);
  assert.deepEqual(posted.map((p) => p.scenarioJson), ['{"a":1}']);
  assert.equal(line.attributes['aria-busy'], 'true');
  reply(posted[0], answer(1, 2));  // the answer to a scenario since changed: dropped
  await settle();
  assert.equal(line.textContent, '');
  assert.deepEqual(posted.map((p) => p.scenarioJson), ['{"a":1}', '{"a":3}']);
  reply(posted[1], answer(30, 40));
  await settle();
  assert.equal(line.textContent, 'cohort.clv_band {"low":"$30","high":"$40"}');
  assert.equal(line.attributes['aria-busy'], 'false');
  assert.equal(line.hidden, false);
});

test('the same scenario is drawn again from its answer; one answered after the curve was dropped is not drawn', async () => {
  const { view, posted, reply, line } = viewWithWorker();
  view.show('{"a":1}', /** @type {any} */ (language), format);
  reply(posted[0], answer(1, 2));
  await settle();
  assert.match(line.textContent, /"\$1"/);
  view.show('{"a":1}', /** @type {any} */ ({ ...language, t: (key) => `in another language: ${key}` }), format);
  await settle();
  assert.equal(posted.length, 1, 'a language change asks the worker nothing');
  assert.equal(line.textContent, 'in another language: cohort.clv_band');
  view.show('{"a":2}', /** @type {any} */ (language), format);
  view.show(null, /** @type {any} */ (language), format);  // the curve dropped: no band
  assert.equal(line.hidden, true);
  reply(posted[1], answer(5, 6));
  await settle();
  assert.equal(line.hidden, true);
  assert.doesNotMatch(line.textContent, /\$5/);
});

test('no band when too many drawn curves are unbounded: the view says how many', async () => {
  const { view, posted, reply, line } = viewWithWorker();
  view.show('{"a":1}', /** @type {any} */ (language), format);
  reply(posted[0], { ok: true, band: { draws: 200, unbounded_draws: 80, seed: 1, clv: null } });
  await settle();
  assert.equal(line.textContent, 'cohort.clv_band_none {"unbounded":"80","draws":"200"}');
});
