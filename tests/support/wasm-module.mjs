// Loads the built wasm module in Node. Emscripten 3.1.6's web loader would fetch() a file path,
// so Node passes the binary in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @returns {Promise<import('../../web/types/wasm/retention.js').RetentionModule>} */
export async function loadWasmModule() {
  const { default: createRetentionModule } = await import(path.join(ROOT, 'web', 'wasm', 'retention.js'));
  return createRetentionModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'retention.wasm')) });
}

/** @returns {Promise<import('../../web/types/wasm/transactions.js').TransactionsModule>} */
export async function loadTransactionsModule() {
  const { default: createTransactionsModule } = await import(path.join(ROOT, 'web', 'wasm', 'transactions.js'));
  return createTransactionsModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'transactions.wasm')) });
}

/** @returns {Promise<import('../../web/types/wasm/planner.js').PlannerModule>} */
export async function loadPlannerModule() {
  const { default: createPlannerModule } = await import(path.join(ROOT, 'web', 'wasm', 'planner.js'));
  return createPlannerModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'planner.wasm')) });
}

// The cohort panel's worker module (sBG fits).
/** @returns {Promise<import('../../web/types/wasm/cohorts.js').CohortsModule>} */
export async function loadCohortsModule() {
  const { default: createCohortsModule } = await import(path.join(ROOT, 'web', 'wasm', 'cohorts.js'));
  return createCohortsModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'cohorts.wasm')) });
}

// The models module (BG/BB so far), loaded by the panel that uses a model.
/** @returns {Promise<import('../../web/types/wasm/models.js').ModelsModule>} */
export async function loadModelsModule() {
  const { default: createModelsModule } = await import(path.join(ROOT, 'web', 'wasm', 'models.js'));
  return createModelsModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'models.wasm')) });
}
