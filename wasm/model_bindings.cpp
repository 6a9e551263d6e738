// Embind bindings of the models module: the probability models of customer behaviour beyond the
// panels' own fits, loaded by a worker only when a panel uses them, so no other module carries
// them. Each entry point takes one options object; histories cross as Float64Arrays (or arrays),
// files as Uint8Arrays; errors come back as values.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "js_values.hpp"
#include "retention/common/json_text.hpp"
#include "retention/repeat_buying/bg_bb_report.hpp"
#include "retention/repeat_buying/history_table.hpp"

namespace {

using emscripten::val;
using retention::wasm::error_result;
using retention::wasm::json_text;
using retention::wasm::ok_result;
using retention::wasm::option;
using retention::wasm::parse_json;

// The analysis options (an object or its JSON text); left out or not JSON, the defaults.
nlohmann::json analysis_options(const val& options) {
  auto parsed = retention::json_parsing::parse_or_discarded(json_text(option(options, "options")));
  return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

// {ok: true, summary: {...}} for histories of discrete opportunities (BG/BB): {x, t_x, n, count,
// options}, four Float64Arrays (or arrays) of one length (a compressed table) and the options.
val analyse_histories(const val& options) {
  const auto column = [&](const char* key) {
    val array = option(options, key);
    if (array.isUndefined() || array.isNull() || !array["length"].isNumber()) return std::vector<double>();
    return emscripten::convertJSArrayToNumberVector<double>(array);
  };
  const std::vector<double> xs = column("x"), recency = column("t_x"), opportunities = column("n"),
                            counts = column("count");
  if (recency.size() != xs.size() || opportunities.size() != xs.size() || counts.size() != xs.size())
    return error_result({retention::field_error("histories", "histories_columns_differ")});
  std::vector<retention::OpportunityHistory> rows(xs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = {xs[i], recency[i], opportunities[i], counts[i]};
  auto analysis = retention::analyse_histories(rows, analysis_options(options));
  if (!analysis.ok()) return error_result(analysis.errors());
  val out = ok_result();
  out.set("summary", parse_json(analysis.value()));
  return out;
}

// The same for {bytes, options}: a table of histories as a file's bytes (a Uint8Array: x, t_x, n
// and optionally count, found by header; see history_table.hpp), with {ok: false, errors} naming
// the line and column of a row that is not a history.
val analyse_history_table(const val& options) {
  auto bytes = retention::wasm::bytes_option(options);
  if (!bytes.ok()) return error_result(bytes.errors());
  auto rows = retention::read_history_table(bytes.value());
  if (!rows.ok()) return error_result(rows.errors());
  auto analysis = retention::analyse_histories(rows.value(), analysis_options(options));
  if (!analysis.ok()) return error_result(analysis.errors());
  val out = ok_result();
  out.set("summary", parse_json(analysis.value()));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_models) {
  emscripten::function("analyseHistories", &analyse_histories);
  emscripten::function("analyseHistoryTable", &analyse_history_table);
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
}
