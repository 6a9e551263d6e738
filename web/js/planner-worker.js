// The strategy planner off the page's thread: the planner's wasm module answers the plan on every
// change and runs the Monte Carlo simulation, so 10,000 draws never freeze the page.
import createPlannerModule from '../wasm/planner.js';

const modulePromise = createPlannerModule().then((module) => {
  module.warmUp();  // optimised code for the hot loops before the first real simulation
  postMessage({ type: 'ready' });
  return module;
});

onmessage = async ({ data }) => {
  try {
    const module = await modulePromise;
    if (data.type === 'plan') {
      postMessage({ type: 'plan', id: data.id, result: module.planStrategy({ scenario: data.json }) });
    } else if (data.type === 'csv') {
      postMessage({ type: 'csv', id: data.id, result: module.planCsv({ scenario: data.json }) });
    } else if (data.type === 'simulate') {
      const started = performance.now();
      const result = module.simulatePlan({ scenario: data.json });
      postMessage({ type: 'simulated', id: data.id, result, milliseconds: performance.now() - started });
    }
  } catch (error) {
    postMessage({ type: 'failed', id: data.id, message: String(error?.message ?? error) });
  }
};
