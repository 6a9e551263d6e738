// The cohort fit off the page's thread: the cohort module parses the pasted table and fits it,
// so a table of the core's largest size (2 MB of text, about a second to fit) never freezes
// the page. One request at a time; the panel drops answers overtaken by newer input.
import createCohortsModule from '../wasm/cohorts.js';

const modulePromise = createCohortsModule();

onmessage = async ({ data }) => {
  try {
    const module = await modulePromise;
    if (data.type === 'analyse') {
      const result = module.analyseCohorts({ table: data.text, layout: data.layout, calibration_periods: data.calibration, scenario: data.scenarioJson });
      // The series are copies already (Float64Arrays off the wasm heap): hand them over, not again.
      const buffers = result.ok ? Object.values(result.series).map((column) => column.buffer) : [];
      postMessage({ type: 'analysed', id: data.id, result }, { transfer: buffers });
    }
  } catch (error) {
    postMessage({ type: 'failed', id: data.id, message: String(error?.message ?? error) });
  }
};
