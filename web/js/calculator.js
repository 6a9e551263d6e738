// Loads the WebAssembly core: the page calls its entry points as they are (one options object in,
// {ok, ...} out). Nothing here computes.
import createRetentionModule from '../wasm/retention.js';

export async function loadCalculator() {
  return createRetentionModule();
}
