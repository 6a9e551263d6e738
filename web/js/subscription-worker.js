// Subscriptions exports read and counted off the page's thread, by the transaction-log module
// (which holds the file readers they share with transaction logs). One file at a time; the view
// drops answers overtaken by a newer file or currency.
import createTransactionsModule from '../wasm/transactions.js';

const modulePromise = createTransactionsModule();

onmessage = async ({ data }) => {
  try {
    const module = await modulePromise;
    postMessage({ id: data.id, result: module.analyseSubscriptions(data.bytes, JSON.stringify(data.options)) });
  } catch (error) {
    postMessage({ id: data.id, message: String(error?.message ?? error) });
  }
};
