// The models module (BG/BB so far) off the page's thread: loaded when a panel first uses one of
// its models. Each answer carries its request's id; the view drops answers overtaken by newer input.
import createModelsModule from '../wasm/models.js';

const modulePromise = createModelsModule();

const entries = {
  histories: (module, data) => module.analyseHistoryTable({ bytes: data.bytes, options: data.options }),
};

onmessage = async ({ data }) => {
  try {
    const module = await modulePromise;
    postMessage({ id: data.id, result: entries[data.type](module, data) });
  } catch (error) {
    postMessage({ id: data.id, message: String(error?.message ?? error) });
  }
};
