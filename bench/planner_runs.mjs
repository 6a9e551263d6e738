// The planner's worker as the page uses it, timed inside the worker around simulatePlan(): a
// fresh worker, the first pause in typing (250 ms) after it is ready, then 11 runs of the plan.
// Shared by bench/run.mjs and bench/planner_worker.mjs; the page must be served without its CSP
// (the worker is started by hand). Returns the 11 times in ms.
export function plannerWorkerTimes(page, script, plan) {
  return page.evaluate(async ({ plan, script }) => {
    const worker = new Worker(script, { type: 'module' });
    await new Promise((resolve) => { worker.onmessage = ({ data }) => data.type === 'ready' && resolve(undefined); });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const run = () => new Promise((resolve) => {
      worker.onmessage = ({ data }) => data.type === 'simulated' && resolve(data.milliseconds);
      worker.postMessage({ type: 'simulate', id: 1, json: plan });
    });
    const out = [];
    for (let i = 0; i < 11; i++) out.push(await run());
    worker.terminate();
    return out;
  }, { plan, script });
}
