// The models module (web/wasm/models.js): BG/BB for histories of discrete opportunities.
import type { Summary, Document, EmscriptenModule, ModuleOptions, Options, Result } from './shapes.js';

export type * from './shapes.js';

/** A column of numbers, one per history (or per group of histories). */
export type NumberColumn = Float64Array | ArrayLike<number>;

export interface ModelsModule extends EmscriptenModule {
  /** A compressed table of histories as columns of one length: purchases x, the opportunity of the
   *  last purchase t_x, opportunities n, and how many customers share the row. Options: see
   *  core/include/retention/repeat_buying/bg_bb_report.hpp (future_opportunities, discount_rate_percent, ...). */
  analyseHistories(options: { x: NumberColumn; t_x: NumberColumn; n: NumberColumn; count: NumberColumn; options?: Document<Options> }):
    Result<{ summary: Summary }>;
  /** The same for a file's bytes: a table with x, t_x, n and optionally count, found by header. */
  analyseHistoryTable(options: { bytes: Uint8Array; options?: Document<Options> }): Result<{ summary: Summary }>;
}

export default function createModelsModule(options?: ModuleOptions): Promise<ModelsModule>;
