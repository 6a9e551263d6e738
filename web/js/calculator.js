// Loads the WebAssembly core and exposes its entry points. Nothing here computes.
import createRetentionModule from '../wasm/retention.js';

export async function loadCalculator() {
  const module = await createRetentionModule();
  return {
    evaluate: (scenarioJson) => module.evaluate(scenarioJson),
    projectionCsv: (scenarioJson) => module.projectionCsv(scenarioJson),
    defaultScenario: () => module.defaultScenario(),
    scenarioLink: (scenarioJson) => module.scenarioLink(scenarioJson),
    scenarioFromLink: (link) => module.scenarioFromLink(link),
    limits: () => module.limits(),
    messageTemplates: () => module.messageTemplates(),
    planDefaults: () => module.planDefaults(),
  };
}
