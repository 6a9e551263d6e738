// The shapes every wasm module's entry points share: one options object in, {ok: true, ...} or
// {ok: false, errors} out. Documents (a scenario, analysis or import options) are given as an
// object or as its JSON text, files as Uint8Arrays. Hand-written: keep in step with wasm/*.cpp.

/** One problem with one input: `field` names it (a document's key, "scenarios[1].cac", "bytes"),
 *  `code` and `args` say what is wrong in any language (the page's i18n files translate the
 *  codes), `message` says it in English. */
export interface FieldError {
  field: string;
  code: string;
  args: Record<string, unknown>;
  message: string;
}

/** The answer of every entry point that failed. */
export interface Failure {
  ok: false;
  errors: FieldError[];
}

/** `{ok: true, ...T}`, or a Failure (where T's keys are absent: `result.errors` and, say,
 *  `result.summary` can be read on either, so plain JS that tests `ok` type-checks too). */
export type Result<T> = ({ ok: true; errors?: undefined } & T) | (Failure & { [K in keyof T]?: undefined });

/** A JSON document: the object itself or its JSON text (the core reads the text either way). */
export type Document<T> = T | string;

/** Options the factory of an Emscripten module reads. In a browser pass nothing: the loader fetches
 *  its .wasm beside itself (import.meta.url). In Node pass the binary. */
export interface ModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** What every module has beside its entry points. */
export interface EmscriptenModule {
  /** Bytes the allocator has handed out and not had back (a diagnostic; takes no input). */
  heapInUse(): number;
  /** The wasm memory as bytes. */
  HEAP8: Int8Array;
}

/** A scenario's fields as the calculator reads them; every field is optional in input (the core
 *  says which are required and what is allowed), and evaluate() answers the canonical document. */
export interface ScenarioDocument {
  version?: number;
  currency?: string;
  period?: 'month' | 'year';
  revenue_per_customer?: number;
  gross_margin_percent?: number;
  churn_percent?: number;
  retention_percent?: number;
  annual_discount_rate_percent?: number;
  cac?: number;
  retention_spend_per_customer?: number;
  churn_reduction_from_retention_spend_points?: number;
  starting_customers?: number;
  new_customers_per_period?: number;
  horizon_periods?: number;
  timing?: 'start_of_period' | 'end_of_period_retained' | 'end_of_period';
  clv_basis?: 'lifetime' | 'horizon';
  payback_discounted?: boolean;
  target_ltv_to_cac?: number;
  target_clv?: number;
  /** log_covariance: the fit's covariance of (ln alpha, ln beta), row-major ([var, cov, cov, var]),
   *  for the headline CLV's band. */
  retention_curve?: { model: string; alpha: number; beta: number; log_covariance?: [number, number, number, number] };
  scenarios?: ScenarioChange[];
  plan?: StrategyPlan;
  analysis?: AnalysisSettings;
  [field: string]: unknown;
}

/** The analyst panels' settings (version 3): the bands' draws and seed, and each panel's choices. */
export interface AnalysisSettings {
  band_draws?: number;
  band_seed?: number;
  cohorts?: { calibration_periods?: number };
  transactions?: { time_unit?: 'week' | 'day' | 'month'; prediction_units?: number; annual_discount_rate_percent?: number;
    margin_percent?: number; purchase_model?: string; inactive_units?: number };
  opportunities?: { future_opportunities?: number; discount_rate_percent?: number };
}

/** A what-if scenario: a name and the fields it changes. */
export interface ScenarioChange {
  name: string;
  churn_change_points?: number;
  churn_change_percent?: number;
  [field: string]: unknown;
}

/** The strategy planner's plan (programs, ranges, funnel, budget split, draws, seed). */
export interface StrategyPlan {
  programs?: Array<Record<string, unknown>>;
  ranges?: Record<string, unknown>;
  funnel?: Record<string, unknown>;
  budget_split?: Record<string, unknown>;
  draws?: number;
  seed?: number;
  [field: string]: unknown;
}

/** Analysis or import options: a JSON object whose keys each entry point documents (the core's
 *  *_options.hpp headers); unknown or bad keys come back as errors naming them. */
export type Options = Record<string, unknown>;

/** A summary as the core writes it (JSON); its keys are those of the core's *_to_json functions,
 *  documented there rather than repeated here. */
export type Summary = Record<string, any>;

/** Per-period columns by name. */
export type Columns = Record<string, Float64Array>;
