// Reads and analyses a transaction log off the page's thread: the file streams in chunks into
// the wasm reader (progress after each), then the models are fitted on request. The page cancels
// by terminating this worker.
import createTransactionsModule from '../wasm/transactions.js';

const modulePromise = createTransactionsModule();
let importer = null;

async function read({ file, columns }) {
  const module = await modulePromise;
  importer?.delete();
  importer = new module.TransactionImport({ options: columns });
  const reader = file.stream().getReader();
  let done = 0, reported = 0;
  for (;;) {
    const { value, done: finished } = await reader.read();
    if (finished) break;
    const fed = importer.feed({ bytes: value });
    if (!fed.ok) {  // the options are bad: said at once, not after the whole file
      reader.cancel();
      postMessage({ type: 'read', result: fed });
      return;
    }
    done += value.length;
    if (done - reported > file.size / 100 || done === file.size) {
      reported = done;
      postMessage({ type: 'progress', fraction: done / file.size });
    }
  }
  postMessage({ type: 'read', result: importer.finish() });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === 'read') await read(data);
    else if (data.type === 'analyse') postMessage({ type: 'analysed', result: importer.analyse({ options: data.options }) });
    else if (data.type === 'csv') postMessage({ type: 'csv', result: importer.predictionsCsv() });
    else if (data.type === 'preview') postMessage({ type: 'preview', preview: (await modulePromise).previewTransactions({ bytes: data.bytes, complete: data.complete }) });
  } catch (error) {
    postMessage({ type: 'failed', message: String(error?.message ?? error) });
  }
};
