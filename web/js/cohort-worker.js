// The cohort fit off the page's thread: the cohort module parses the pasted table and fits it,
// so a table of the core's largest size (2 MB of text, about a second to fit) never freezes
// the page. It also draws the calculator's CLV band (clv-band.js). One request at a time; the
// panel and the band drop answers overtaken by newer input.
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
    } else if (data.type === 'clvBand') {
      // The headline CLV's band for the page (clv-band.js), which keeps its own module small.
      postMessage({ type: 'clvBand', id: data.id, result: module.clvBand({ scenario: data.scenarioJson }) });
    }
  } catch (error) {
    postMessage({ type: 'failed', id: data.id, message: String(error?.message ?? error) });
  }
};
