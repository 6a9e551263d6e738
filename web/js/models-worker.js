// The models module (BG/BB so far) off the page's thread: loaded when a panel first uses one of
// its models. Each answer carries its request's id; the view drops answers overtaken by newer input.
import createModelsModule from '../wasm/models.js';
import { serveEntries } from './worker-entries.js';

const modulePromise = createModelsModule();

const entries = {
  histories: (module, data) => module.analyseHistoryTable({ bytes: data.bytes, options: data.options }),
};

serveEntries(modulePromise, entries);
