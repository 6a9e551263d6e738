// The transaction-log module (web/wasm/transactions.js; the page's workers load it): transaction
// logs read in chunks, subscriptions exports, summary tables and the warehouse query.
import type { Summary, Columns, Document, EmscriptenModule, FieldError, ModuleOptions, Options, Result } from './shapes.js';

export type * from './shapes.js';

export interface Preview {
  /** The separator found: ",", ";", a tab or "|". */
  separator: string;
  export: 'shopify_orders' | 'generic';
  /** The first rows, split into cells. */
  rows: string[][];
}

export interface SubscriptionsFile {
  export: 'stripe' | 'baremetrics' | 'generic';
  rows: string[][];
}

/** analyseSubscriptions' answer: with the file's kind and first rows on success and on most errors. */
export type SubscriptionsResult =
  | { ok: true; file: SubscriptionsFile; import: Summary; cohorts: Summary; survivor_text: string }
  | { ok: false; errors: FieldError[]; file?: SubscriptionsFile; import?: Summary };

/** A transaction log read in chunks, then analysed as often as the options change. Embind class:
 *  call delete() when done, or its wasm memory stays taken. */
export interface TransactionImport {
  /** One chunk of the file (as File.stream() gives them). Fails at once on bad import options. */
  feed(options: { bytes: Uint8Array }): Result<{}>;
  /** Takes no input: ends the read; the import's counts (transactions, customers, dates, ...). */
  finish(): Result<{ import: Summary }>;
  /** Fits the purchase models with the analysis options (calibration_end, holdout_end, time_unit, model, ...). */
  analyse(options: { options: Document<Options> }): Result<{
    summary: Summary;
    series: { holdout_actual: Float64Array; holdout_expected: Float64Array; holdout_expected_by_model: Columns };
  }>;
  /** The log's per-customer summary, compressed (Float64Arrays of one length). */
  summaryTable(options: { options: Document<Options> }): Result<{
    x: Float64Array; t_x: Float64Array; T: Float64Array; spend: Float64Array; customers: Float64Array;
  }>;
  /** Takes no input: each customer's predictions from the last analysis as CSV. */
  predictionsCsv(): Result<{ csv: string }>;
  /** Frees the wasm memory the log holds. */
  delete(): void;
}

export interface TransactionsModule extends EmscriptenModule {
  /** The first rows of a file (its first bytes; complete: they are the whole file). */
  previewTransactions(options: { bytes: Uint8Array; complete?: boolean }): Result<Preview>;
  /** A subscriptions export counted as cohorts. Options: currency, as_of, columns, cohorts. */
  analyseSubscriptions(options: { bytes: Uint8Array; options?: Document<Options> }): SubscriptionsResult;
  /** A per-customer or compressed summary table analysed with the transaction panel's options. */
  analyseSummary(options: { bytes: Uint8Array; options: Document<Options> }): Result<{ summary: Summary }>;
  /** The warehouse query (SQL) for the options' dialect, table and column names. */
  warehouseSql(options: { options: Document<Options> }): Result<{ sql: string }>;
  /** options: how to read the file (customer, date, amount columns, date format, export, ...). */
  TransactionImport: new (options: { options: Document<Options> }) => TransactionImport;
}

export default function createTransactionsModule(options?: ModuleOptions): Promise<TransactionsModule>;
