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

export interface CohortsModule extends EmscriptenModule {
  /** summary: the fits and values; series: observed_survival, fitted_survival, holdout_actual, ... */
  analyseCohorts(options: CohortOptions): Result<{ summary: Summary; series: Columns }>;
}

export default function createCohortsModule(options?: ModuleOptions): Promise<CohortsModule>;
