// The cohort fit's module (web/wasm/cohorts.js; the cohort panel's worker loads it): sBG and BdW
// fits of a survivor table, valued with the calculator's scenario.
import type { Summary, Columns, Document, EmscriptenModule, ModuleOptions, Result, ScenarioDocument } from './shapes.js';

export type * from './shapes.js';

export interface CohortOptions {
  /** The survivor table as text (customers still active per cohort and period). */
  table: string;
  /** "columns" (the default: one cohort per column) or "rows". */
  layout?: 'columns' | 'rows';
  /** Periods to fit on: 0 (the default) fits every period; else from 2 to the table's longest. */
  calibration_periods?: number;
  /** The calculator's scenario, to value the fitted curve (its analysis settings: the bands' draws and seed). */
  scenario: Document<ScenarioDocument>;
}

export interface ClvBandOptions {
  /** The calculator's scenario, with a fitted curve and its covariance (retention_curve.log_covariance). */
  scenario: Document<ScenarioDocument>;
}

/** The headline CLV for curves drawn from the fit (seed 1, 200 draws): P10, P50, P90, or null
 *  when more than 1 draw in 10 gives an unbounded CLV (unbounded_draws of draws). */
export interface ClvBand {
  draws: number;
  unbounded_draws: number;
  seed: number;
  clv: { p10: number; p50: number; p90: number } | null;
}

export interface CohortsModule extends EmscriptenModule {
  /** summary: the fits and values; series: observed_survival, fitted_survival, holdout_actual, ... */
  analyseCohorts(options: CohortOptions): Result<{ summary: Summary; series: Columns }>;
  /** The band of the scenario's headline CLV; an error names retention_curve.log_covariance when
   *  the scenario has no fitted curve with a covariance. */
  clvBand(options: ClvBandOptions): Result<{ band: ClvBand }>;
}

export default function createCohortsModule(options?: ModuleOptions): Promise<CohortsModule>;
