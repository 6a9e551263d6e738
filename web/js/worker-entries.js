// The answering loop of a worker that serves a wasm module's entry points: each request names an
// entry of `entries`, which runs once the module has loaded; the answer carries the request's id
// (the views drop answers overtaken by newer input), or the message of anything thrown.
/**
 * @template M
 * @param {Promise<M>} modulePromise
 * @param {Record<string, (module: M, data: any) => unknown>} entries
 */
export function serveEntries(modulePromise, entries) {
  onmessage = async ({ data }) => {
    try {
      const module = await modulePromise;
      postMessage({ id: data.id, result: entries[data.type](module, data) });
    } catch (error) {
      postMessage({ id: data.id, message: String(error?.message ?? error) });
    }
  };
}
