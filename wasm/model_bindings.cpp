// Embind bindings of the models module: the probability models of customer behaviour beyond the
// panels' own fits, loaded by a worker only when a panel uses them, so no other module carries
// them. Histories cross as Float64Arrays; errors come back as values.
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
using retention::wasm::bytes_of;
using retention::wasm::error_result;
using retention::wasm::parse_json;

// {ok: true, summary: {...}} for histories of discrete opportunities (BG/BB): four Float64Arrays
// of one length (x, t_x, n, count: a compressed table) and the options as JSON.
val analyse_histories(val x, val t_x, val n, val count, const std::string& options_json) {
  const auto column = [](val array) { return emscripten::convertJSArrayToNumberVector<double>(array); };
  const std::vector<double> xs = column(x), recency = column(t_x), opportunities = column(n), counts = column(count);
  if (recency.size() != xs.size() || opportunities.size() != xs.size() || counts.size() != xs.size())
    return error_result({retention::field_error("histories", "histories_columns_differ")});
  std::vector<retention::OpportunityHistory> rows(xs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = {xs[i], recency[i], opportunities[i], counts[i]};
  auto options = retention::json_parsing::parse_or_discarded(options_json);
  auto analysis = retention::analyse_histories(rows, options.is_discarded() ? nlohmann::json(nullptr) : options);
  if (!analysis.ok()) return error_result(analysis.errors());
  val out = val::object();
  out.set("ok", true);
  out.set("summary", parse_json(analysis.value()));
  return out;
}

// The same for a table of histories as a file's bytes (a Uint8Array: x, t_x, n and optionally
// count, found by header; see history_table.hpp), with {ok: false, errors} naming the line and
// column of a row that is not a history.
val analyse_history_table(val bytes, const std::string& options_json) {
  auto rows = retention::read_history_table(bytes_of(bytes));
  if (!rows.ok()) return error_result(rows.errors());
  auto options = retention::json_parsing::parse_or_discarded(options_json);
  auto analysis = retention::analyse_histories(rows.value(), options.is_discarded() ? nlohmann::json(nullptr) : options);
  if (!analysis.ok()) return error_result(analysis.errors());
  val out = val::object();
  out.set("ok", true);
  out.set("summary", parse_json(analysis.value()));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_models) {
  emscripten::function("analyseHistories", &analyse_histories);
  emscripten::function("analyseHistoryTable", &analyse_history_table);
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
}
