// The benchmark's worker (bench/model_fits_browser.mjs; never part of the site): loads one module,
// a site's served module or the benchmark's model_fits_web, makes its input ready, pauses as the
// planner's timing does (the first pause in typing), then times `runs` calls of one entry with
// performance.now(), in this worker, and answers the times in ms (the first call's alone).
const calls = {
  // model_fits_web: one fit of the small data sets, by its core_bench name.
  fit: (module, { name, texts }) => {
    if (!module.prepare(texts.cdnow, texts.donations, texts.cohort, name === 'cdnow_band_1000')) throw new Error('model_fits_web could not read the data sets');
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

onmessage = async ({ data }) => {
  try {
    const { default: create } = await import(data.module);
    const module = await create();
    const { call, note = () => '' } = calls[data.kind](module, data);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // `calls` calls, timed together: their time in ms.
    const timed = (calls) => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) if (!call()) throw new Error(`${data.kind} ${data.name ?? ''} failed`);
      return performance.now() - started;
    };
    const times = [timed(1)];
    // performance.now() is coarse in a worker (0.1 ms in Chromium without cross-origin isolation):
    // a call under 2 ms is timed after the first in batches that last 2 ms or more.
    let batch = 1;
    if (times[0] < 2) while (batch < 65536 && timed(batch) < 2) batch *= 2;
    for (let i = 1; i < data.runs; i++) times.push(timed(batch) / batch);
    postMessage({ times, batch, note: note() });
  } catch (error) {
    postMessage({ failed: String(error?.message ?? error) });
  }
};
