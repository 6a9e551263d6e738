// Embind bindings of the transaction-log module, loaded only by the page's workers, so the
// calculator's own module stays small: transaction logs, and subscriptions exports (which share
// its file readers). Each entry point takes one options object ({bytes, options}: a file's bytes
// as a Uint8Array, the options as an object or their JSON text) and answers {ok: true, ...} or
// {ok: false, errors}; so do the methods of TransactionImport, the one streaming API.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <optional>
#include <string>

#include "js_values.hpp"
#include "retention/common/json_text.hpp"
#include "retention/repeat_buying/import_options.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "retention/repeat_buying/summary_table.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "retention/repeat_buying/warehouse_sql.hpp"
#include "retention/subscriptions/subscription_cohorts.hpp"
#include "retention/subscriptions/subscription_options.hpp"

namespace {

using emscripten::val;
using retention::wasm::bytes_option;
using retention::wasm::error_result;
using retention::wasm::float64_array;
using retention::wasm::json_text;
using retention::wasm::ok_result;
using retention::wasm::option;
using retention::wasm::parse_json;

// The options field as JSON, or discarded when it is left out or not JSON.
nlohmann::json options_json(const val& options) {
  return retention::json_parsing::parse_or_discarded(json_text(option(options, "options")));
}

// How to read a file (`read`: one of the core's *_from_json), or the error that the options are
// no object.
template <class Read>
auto import_options(const val& options, Read read) -> decltype(read(nlohmann::json())) {
  auto json = options_json(options);
  if (json.is_discarded()) return retention::field_error("", "import_options_not_object");
  return read(json);
}

// The transaction panel's analysis options (transaction_options_from_json), or errors naming them.
retention::Result<retention::TransactionAnalysisOptions> analysis_options(const val& options) {
  auto json = options_json(options);
  if (json.is_discarded()) return retention::field_error("options", "analysis_options_not_json");
  return retention::transaction_options_from_json(json);
}

// {bytes, complete} -> the first rows of a file as the reader splits them: {ok: true, separator,
// export, rows: [[cell, ...], ...]} (export: "shopify_orders" when the header is a Shopify orders
// export's, else "generic"). `bytes`: the file's first bytes (a Uint8Array), decoded as the
// reader decodes the whole file; `complete`: they are the whole file.
val preview_transactions(const val& options) {
  auto bytes = bytes_option(options);
  if (!bytes.ok()) return error_result(bytes.errors());
  const retention::Preview preview = retention::preview_rows(bytes.value(), 6, option(options, "complete").isTrue());
  nlohmann::json rows = preview.rows;
  val out = ok_result();
  out.set("separator", std::string(1, preview.separator));
  out.set("export", preview.kind == retention::ExportKind::shopify_orders ? "shopify_orders" : "generic");
  out.set("rows", parse_json(rows));
  return out;
}

// {bytes, options} -> {ok: true, file, import, cohorts, survivor_text} for a subscriptions export
// (its bytes, a Uint8Array) read and counted as cohorts; file: {export, rows} (its kind and first
// rows); survivor_text is the survivor table as the cohort panel's text box reads it (cohorts in
// rows). Bad options or a file that cannot be counted (a column missing, two currencies and none
// chosen) come back as errors naming the field.
val analyse_subscriptions(const val& input) {
  auto bytes = bytes_option(input);
  if (!bytes.ok()) return error_result(bytes.errors());
  const std::string& text = bytes.value();
  // What the file's first rows say it is, with them, so the page can offer its columns to map
  // when it is no export the core recognises (kept on every answer, errors included).
  const retention::Preview preview = retention::preview_rows(text, 4, true);
  std::vector<std::string_view> header;
  if (!preview.rows.empty()) header.assign(preview.rows.front().begin(), preview.rows.front().end());
  const retention::SubscriptionExportKind kind = retention::recognise_subscription_export(header);
  val file = val::object();
  file.set("export", kind == retention::SubscriptionExportKind::stripe        ? "stripe"
                     : kind == retention::SubscriptionExportKind::baremetrics ? "baremetrics"
                                                                              : "generic");
  file.set("rows", parse_json(nlohmann::json(preview.rows)));
  const auto with_file = [&](val answer) {
    answer.set("file", file);
    return answer;
  };
  auto options = import_options(input, retention::subscription_options_from_json);
  if (!options.ok()) return with_file(error_result(options.errors()));
  auto log = retention::read_subscriptions(text, options.value().columns);
  if (!log.ok()) return with_file(error_result(log.errors()));
  val out = ok_result();
  out.set("import", parse_json(retention::subscription_import_to_json(log.value())));
  auto cohorts = retention::analyse_subscriptions(log.value(), options.value().cohorts);
  if (!cohorts.ok()) {
    val failed = error_result(cohorts.errors());
    failed.set("import", out["import"]);  // what was read, so the page can offer the currencies
    return with_file(failed);
  }
  out.set("cohorts", parse_json(retention::subscription_cohorts_to_json(cohorts.value())));
  out.set("survivor_text", retention::cohort_table_text(cohorts.value().survivors));
  return with_file(out);
}

// {options} -> {ok, sql} for the warehouse query of the options (warehouse_sql.hpp), or errors
// naming them.
val warehouse_sql(const val& options) {
  auto query = import_options(options, retention::warehouse_query_from_json);
  if (!query.ok()) return error_result(query.errors());
  val out = ok_result();
  out.set("sql", retention::warehouse_summary_sql(query.value()));
  return out;
}

// {bytes, options} -> {ok, summary} for a per-customer or compressed summary table (its bytes, a
// Uint8Array), analysed with the transaction panel's options (calibration_end names when the
// table was cut).
val analyse_summary(const val& input) {
  auto options = analysis_options(input);
  if (!options.ok()) return error_result(options.errors());
  auto bytes = bytes_option(input);
  if (!bytes.ok()) return error_result(bytes.errors());
  auto table = retention::read_summary_table(bytes.value(), options.value().days_per_unit);
  if (!table.ok()) return error_result(table.errors());
  table.value().calibration_end_day = table.value().holdout_end_day = options.value().calibration_end_day;
  auto analysis = retention::analyse_summary(std::move(table.value()), options.value());
  if (!analysis.ok()) return error_result(analysis.errors());
  val out = ok_result();
  out.set("summary", parse_json(retention::summary_analysis_to_json(analysis.value())));
  return out;
}

// A transaction log read in chunks (feed({bytes}) with Uint8Arrays, as File.stream() gives them),
// then analysed as often as the user changes the options. The only stateful entry point: the log
// stays in wasm memory between analyses instead of crossing the boundary again. The constructor's
// {options}: how to read the file (core/include/retention/repeat_buying/import_options.hpp); bad
// options come back from the first feed() and from finish() as errors naming the option. Every
// method answers {ok: true, ...} or {ok: false, errors}.
class TransactionImport {
 public:
  explicit TransactionImport(const val& options) {
    auto columns = import_options(options, retention::transaction_columns_from_json);
    if (columns.ok()) reader_ = std::make_unique<retention::TransactionLogReader>(columns.value());
    else option_errors_ = columns.errors();
  }

  // {bytes} -> {ok: true}, or the errors: the options', a chunk that is no Uint8Array, or a log
  // already finished.
  val feed(const val& options) {
    if (!option_errors_.empty()) return error_result(option_errors_);
    if (!reader_) return error_result({retention::field_error("transactions", "transactions_already_read")});
    auto chunk = bytes_option(options);
    if (!chunk.ok()) return error_result(chunk.errors());
    reader_->feed(chunk.value());
    return ok_result();
  }

  // {ok, import: {...}} once the whole file is in, or the errors.
  val finish() {
    if (!option_errors_.empty()) return error_result(option_errors_);
    if (!reader_) return error_result({retention::field_error("transactions", "transactions_already_read")});
    retention::Result<retention::TransactionLog> log = reader_->finish();
    reader_.reset();
    if (!log.ok()) return error_result(log.errors());
    log_ = std::move(log.value());
    val out = ok_result();
    out.set("import", parse_json(retention::transaction_import_to_json(*log_)));
    return out;
  }

  // {options} -> {ok, summary, series: {holdout_actual, holdout_expected, holdout_expected_by_model:
  // {name: Float64Array}}}, or the errors.
  val analyse(const val& input) {
    if (!log_) return error_result({retention::field_error("transactions", "transactions_not_read")});
    auto options = analysis_options(input);
    if (!options.ok()) return error_result(options.errors());
    auto analysis = retention::analyse_transactions(*log_, options.value());
    if (!analysis.ok()) return error_result(analysis.errors());
    analysis_ = std::move(analysis.value());
    val series = val::object();
    series.set("holdout_actual", float64_array(analysis_->holdout_actual_cumulative));
    series.set("holdout_expected", float64_array(analysis_->holdout_expected_cumulative));
    // Each fitted model's tracking curve, by its name, for the comparison chart.
    val by_model = val::object();
    for (std::size_t m = 0; m < analysis_->comparison.models.size(); ++m)
      if (analysis_->comparison.models[m].fitted())
        by_model.set(std::string(analysis_->comparison.models[m].model->name()),
                     float64_array(analysis_->holdout_expected_cumulative_by_model[m]));
    series.set("holdout_expected_by_model", by_model);
    val out = ok_result();
    out.set("summary", parse_json(retention::transaction_analysis_to_json(*analysis_, *log_)));
    out.set("series", series);
    return out;
  }

  // {options} -> {ok, x, t_x, T, spend, customers} (Float64Arrays): the log's summary for the
  // options' calibration end and time unit, compressed as the warehouse query compresses it.
  val summary_table(const val& input) const {
    if (!log_) return error_result({retention::field_error("transactions", "transactions_not_read")});
    auto options = analysis_options(input);
    if (!options.ok()) return error_result(options.errors());
    const retention::TransactionAnalysisOptions& o = options.value();
    auto summary = retention::summarise_customers(*log_, o.calibration_end_day, o.calibration_end_day, o.days_per_unit);
    if (!summary.ok()) return error_result(summary.errors());
    const retention::CustomerSummary rows = retention::compress_with_spend(summary.value());
    val out = ok_result();
    out.set("x", float64_array(rows.frequency));
    out.set("t_x", float64_array(rows.recency));
    out.set("T", float64_array(rows.age));
    out.set("spend", float64_array(rows.monetary));
    out.set("customers", float64_array(rows.weight));
    return out;
  }

  // {ok, csv}: each customer's predictions from the last analysis, for download, or the error
  // that says what to do first.
  val predictions_csv() const {
    if (!log_) return error_result({retention::field_error("transactions", "transactions_not_read")});
    if (!analysis_) return error_result({retention::field_error("transactions", "transactions_not_analysed")});
    val out = ok_result();
    out.set("csv", retention::transaction_predictions_csv(*analysis_, *log_));
    return out;
  }

 private:
  retention::FieldErrors option_errors_;
  std::unique_ptr<retention::TransactionLogReader> reader_;
  std::optional<retention::TransactionLog> log_;
  std::optional<retention::TransactionAnalysis> analysis_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(retention_transactions) {
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
  emscripten::function("previewTransactions", &preview_transactions);
  emscripten::function("analyseSubscriptions", &analyse_subscriptions);
  emscripten::function("analyseSummary", &analyse_summary);
  emscripten::function("warehouseSql", &warehouse_sql);
  emscripten::class_<TransactionImport>("TransactionImport")
      .constructor<const val&>()
      .function("feed", &TransactionImport::feed)
      .function("finish", &TransactionImport::finish)
      .function("analyse", &TransactionImport::analyse)
      .function("summaryTable", &TransactionImport::summary_table)
      .function("predictionsCsv", &TransactionImport::predictions_csv);
}
