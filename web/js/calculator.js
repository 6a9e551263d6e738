// Loads the WebAssembly core: the page calls its entry points as they are (one options object in,
// {ok, ...} out; see web/types/wasm/retention.d.ts). Nothing here computes.
import createRetentionModule from '../wasm/retention.js';

/** @returns {Promise<import('../wasm/retention.js').RetentionModule>} */
export async function loadCalculator() {
  return createRetentionModule();
}
