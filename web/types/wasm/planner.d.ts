// The strategy planner's module (web/wasm/planner.js; the planner's worker loads it). The scenario
// carries the plan (ScenarioDocument.plan).
import type { Summary, Columns, Document, EmscriptenModule, ModuleOptions, Result, ScenarioDocument } from './shapes.js';

export type * from './shapes.js';

export interface PlannerModule extends EmscriptenModule {
  /** The plan's expected effect: summary {programs, combined, funnel?, budget_split?} and per-period series. */
  planStrategy(options: { scenario: Document<ScenarioDocument> }): Result<{ summary: Summary; series: Columns }>;
  /** The Monte Carlo simulation: summary {draws, seed, payback_probability, clv, roi, net_gain} and bands. */
  simulatePlan(options: { scenario: Document<ScenarioDocument> }): Result<{ summary: Summary; bands: Columns }>;
  /** The plan's series and bands per period as CSV. */
  planCsv(options: { scenario: Document<ScenarioDocument> }): Result<{ csv: string }>;
  /** Takes no input: runs a small simulation so the browser optimises the hot loops (answers a number). */
  warmUp(): number;
}

export default function createPlannerModule(options?: ModuleOptions): Promise<PlannerModule>;
