import assert from 'node:assert/strict';

// Walks two values together; every number must agree to 1e-9 (relative above 1).
export function assertClose(actual, expected, where = 'report') {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: expected a number`);
    assert.ok(Number.isFinite(actual), `${where}: not finite (${actual})`);
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= tolerance, `${where}: ${actual} != ${expected}`);
  } else if (Array.isArray(expected) || ArrayBuffer.isView(actual)) {
    assert.equal(actual.length, expected.length, `${where}: length`);
    for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${where}[${i}]`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const key of Object.keys(expected)) assertClose(actual[key], expected[key], `${where}.${key}`);
  } else {
    assert.equal(actual, expected, where);
  }
}
