// The benchmark's worker (bench/model_fits_browser.mjs; never part of the site). Asked in three
// steps, so that the benchmark can read this thread's CPU time between them: `load` one module (a
// site's served module or the benchmark's model_fits_web), make its input ready and pause as the
// planner's timing does (the first pause in typing); `first` times one call; `more` times `runs`
// more. Each call is timed with performance.now() in this worker; times are in ms.
const calls = {
  // model_fits_web: one fit of the small data sets, by its core_bench name.
  fit: (module, { name, texts }) => {
    if (!module.prepare(texts.cdnow, texts.donations, texts.cohort, name === 'cdnow_band_1000')) {
      throw new Error('model_fits_web could not read the data sets');
    }
    return { call: () => module.fit(name), note: () => (name === 'cdnow_band_1000' ? module.bandNote() : '') };
  },
  // The cohort module: the cohort panel's whole analysis (sBG and BdW fitted, valued).
  cohorts: (module, { texts, scenario }) => ({
    call: () => module.analyseCohorts({ table: texts.cohort, layout: 'columns', calibration_periods: 7, scenario }).ok,
  }),
  // The models module: the BG/BB panel's whole analysis of a histories file.
  histories: (module, { texts }) => {
    const bytes = new TextEncoder().encode(texts.donations);
    return { call: () => module.analyseHistoryTable({ bytes, options: {} }).ok };
  },
  // The transaction module: the log read once, then the transaction panel's whole analysis.
  transactions: (module, { texts, options }) => {
    const importer = new module.TransactionImport({ options: { customer: 1, date: 2, amount: 4 } });
    importer.feed({ bytes: new TextEncoder().encode(texts.cdnow) });
    if (!importer.finish().ok) throw new Error('the CDNOW sample was not read');
    return { call: () => importer.analyse({ options }).ok };
  },
};

let entry = null, made = 0, first = 0;  // the loaded entry; the calls made so far; the first's time

// `count` calls, timed together: their time in ms.
function timed(count) {
  const started = performance.now();
  for (let i = 0; i < count; i++) if (!entry.call()) throw new Error('the call failed');
  made += count;
  return performance.now() - started;
}

const steps = {
  async load(data) {
    const { default: create } = await import(data.module);
    entry = calls[data.kind](await create(), data);
    await new Promise((resolve) => setTimeout(resolve, 250));
    return {};
  },
  first: () => ({ times: [first = timed(1)] }),
  // performance.now() is coarse in a worker (0.1 ms in Chromium without cross-origin isolation),
  // and the thread's CPU time coarser (10 ms): a call under 10 ms is timed in batches that last
  // 10 ms or more. `calls`: every call made here.
  more({ runs }) {
    const before = made;
    let batch = 1;
    if (first < 10) while (batch < 65536 && timed(batch) < 10) batch *= 2;
    const times = Array.from({ length: runs }, () => timed(batch) / batch);
    return { times, batch, calls: made - before, note: entry.note?.() ?? '' };
  },
};

onmessage = async ({ data }) => {
  try {
    postMessage(await steps[data.step](data));
  } catch (error) {
    postMessage({ failed: String(error?.message ?? error) });
  }
};
