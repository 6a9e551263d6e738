#include "retention/repeat_buying/history_table.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "retention/text/csv_records.hpp"
#include "retention/text/header_columns.hpp"
#include "retention/text/text_decoder.hpp"
#include "text/plain_number.hpp"

namespace retention {
namespace {

constexpr std::size_t max_errors = 5;
constexpr double max_opportunities = 10'000;  // check_histories' limit: the likelihood sums over them
constexpr double max_count = 1e12;

bool whole(double v) { return v == std::floor(v); }

}  // namespace

Result<std::vector<OpportunityHistory>> read_history_table(std::string_view bytes) {
  const std::string field = "histories";
  TextDecoder decoder;
  std::string text(decoder.decode(bytes));
  text += decoder.finish();
  CsvRecordReader records;
  records.feed(text);
  records.finish();
  CsvRecord record;
  if (!records.next(record)) return field_error(field, "history_table_empty");
  const int x_column = column_named(record.cells, {"x", "frequency"});
  const int t_x_column = column_named(record.cells, {"t_x", "recency"});
  const int n_column = column_named(record.cells, {"n", "periods", "opportunities"});
  const int count_column = column_named(record.cells, {"count", "customers", "weight", "weights"});
  FieldErrors errors;
  for (auto [column, name, names] : {std::tuple{x_column, "x", "x, frequency"}, {t_x_column, "t_x", "t_x, recency"},
                                     {n_column, "n", "n, periods, opportunities"}})
    if (column < 0)
      errors.push_back(field_error(field, "history_column_missing", {text_argument("column", name), text_argument("headers", names)}));
  if (!errors.empty()) return errors;

  std::vector<OpportunityHistory> rows;
  const auto bad = [&](std::int64_t line, std::string_view column, std::string_view code, MessageArguments arguments = {}) {
    arguments.push_back(number_argument("line", static_cast<double>(line)));
    arguments.push_back(text_argument("column", std::string(column)));
    if (errors.size() < max_errors) errors.push_back(field_error(field, code, std::move(arguments)));
  };
  while (records.next(record)) {
    const auto value = [&](int column, std::string_view name, double& out) {
      if (column < 0) return out = 1, true;  // no count column: one customer per row
      const std::string_view cell = column < static_cast<int>(record.cells.size()) ? record.cells[column] : std::string_view();
      if (!read_plain_number(cell, out)) {
        bad(record.line, name, "summary_cell_not_number", {text_argument("value", std::string(utf8_prefix(cell, 20)))});
        return false;
      }
      return true;
    };
    OpportunityHistory h;
    // Every cell is read, so each bad one of the row is named, not only the first.
    const bool read[] = {value(x_column, "x", h.x), value(t_x_column, "t_x", h.t_x), value(n_column, "n", h.n),
                         value(count_column, "count", h.count)};
    if (std::find(std::begin(read), std::end(read), false) != std::end(read)) continue;
    if (!whole(h.n) || h.n < 1 || h.n > max_opportunities) bad(record.line, "n", "history_n_invalid");
    else if (!whole(h.t_x) || h.t_x < 0 || h.t_x > h.n || (h.x == 0 && h.t_x != 0)) bad(record.line, "t_x", "history_t_x_invalid");
    else if (!whole(h.x) || h.x < 0 || h.x > h.t_x) bad(record.line, "x", "history_x_invalid");
    else if (!(h.count > 0) || h.count > max_count) bad(record.line, "count", "summary_count_invalid");
    else rows.push_back(h);
  }
  if (!errors.empty()) return errors;
  if (rows.empty()) return field_error(field, "history_table_empty");
  return rows;
}

}  // namespace retention
