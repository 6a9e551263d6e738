// Files the transaction-log module reads in one piece, off the page's thread: subscriptions
// exports and per-customer summary tables, and the warehouse query for the user's names (the
// module holds the file readers they share with transaction logs). Each answer carries its
// request's id; the views drop answers overtaken by newer input.
import createTransactionsModule from '../wasm/transactions.js';
import { serveEntries } from './worker-entries.js';

const modulePromise = createTransactionsModule();

const entries = {
  subscriptions: (module, data) => module.analyseSubscriptions({ bytes: data.bytes, options: data.options }),
  summary: (module, data) => module.analyseSummary({ bytes: data.bytes, options: data.options }),
  sql: (module, data) => module.warehouseSql({ options: data.options }),
};

serveEntries(modulePromise, entries);
