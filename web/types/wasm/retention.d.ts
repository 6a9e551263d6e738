// The calculator's module (web/wasm/retention.js; the page loads it). Every function with input
// takes one options object and answers Result<...>; those without input answer their value.
import type { Summary, Columns, Document, EmscriptenModule, ModuleOptions, Result, ScenarioDocument } from './shapes.js';

export type * from './shapes.js';

/** One scenario's (the baseline's first) headline results. */
export interface ScenarioResult {
  name: string;
  value: {
    clv: number;
    clv_horizon: number;
    clv_lifetime: number;
    net_clv: number;
    ltv_to_cac: number;
    margin_per_period: number;
    discount_rate_per_period: number;
    expected_lifetime_periods: number;
    payback_period: number;
    payback_search_periods: number;
  };
  cumulative_discounted_profit: number;
  customers_at_horizon: number;
  assumptions: Record<string, number>;
  acquisition_vs_retention: Record<string, number>;
  difference_from_baseline: Record<string, number>;
}

export interface ReportSummary {
  /** The canonical document that was evaluated. */
  scenario: ScenarioDocument;
  /** The baseline first, then each what-if scenario. */
  results: ScenarioResult[];
  sensitivity: { step_percent: number; clv: number; profit: number; rows: Array<Record<string, number | string>> };
  targets: Record<string, unknown>;
}

export interface Limits {
  scenarioVersion: number;
  maxHorizonPeriods: number;
  maxScenarios: number;
  maxScenarioNameLength: number;
  maxPrograms: number;
}

export interface RetentionModule extends EmscriptenModule {
  /** The scenario's report: a summary and each scenario's per-period projection (active_customers,
   *  revenue, profit, cumulative_discounted_profit, ...). */
  evaluate(options: { scenario: Document<ScenarioDocument> }): Result<{ summary: ReportSummary; projections: Columns[] }>;
  /** The projections as CSV, for download. */
  projectionCsv(options: { scenario: Document<ScenarioDocument> }): Result<{ csv: string }>;
  /** The share link's fragment for a valid scenario. */
  scenarioLink(options: { scenario: Document<ScenarioDocument> }): Result<{ link: string }>;
  /** The scenario of a share link, or an error that says the link is damaged. */
  scenarioFromLink(options: { link: string }): Result<{ scenario: ScenarioDocument }>;
  /** Takes no input: the example scenario the page starts from. */
  defaultScenario(): ScenarioDocument;
  /** Takes no input: the funnel's and budget split's starting values. */
  planDefaults(): StrategyPlanDefaults;
  /** Takes no input: the document version and the core's limits. */
  limits(): Limits;
  /** Takes no input: the English template of every message this module can produce (the calculator's and the
   * scenario document's; the analyst panels' modules carry their own), {one, other} for a message that counts. */
  messageTemplates(): Record<string, string | { one: string; other: string }>;
}

export type StrategyPlanDefaults = import('./shapes.js').StrategyPlan;

/** The Emscripten factory: resolves once the wasm is compiled. */
export default function createRetentionModule(options?: ModuleOptions): Promise<RetentionModule>;
