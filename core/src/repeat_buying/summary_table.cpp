#include "retention/repeat_buying/summary_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "retention/common/limits.hpp"
#include "retention/text/csv_records.hpp"
#include "retention/text/header_columns.hpp"
#include "retention/text/text_decoder.hpp"
#include "text/plain_number.hpp"

namespace retention {
namespace {

constexpr std::size_t max_errors = 5;
constexpr double max_count = 1e12;

struct SummaryColumns {
  int x = -1, t_x = -1, T = -1, count = -1, spend = -1;
};

}  // namespace

Result<CustomerSummary> read_summary_table(std::string_view bytes, double days_per_unit) {
  const std::string field = "summary";
  TextDecoder decoder;
  std::string text(decoder.decode(bytes));
  text += decoder.finish();
  CsvRecordReader records;
  records.feed(text);
  records.finish();
  CsvRecord record;
  if (!records.next(record)) return field_error(field, "summary_empty");
  SummaryColumns c;
  c.x = column_named(record.cells, {"x", "frequency"});
  c.t_x = column_named(record.cells, {"t_x", "recency"});
  c.T = column_named(record.cells, {"T", "age"});
  c.count = column_named(record.cells, {"count", "customers", "weight", "weights"});
  c.spend = column_named(record.cells, {"spend", "monetary", "monetary_value"});
  FieldErrors errors;
  for (auto [column, name, names] : {std::tuple{c.x, "x", "x, frequency"}, {c.t_x, "t_x", "t_x, recency"}, {c.T, "T", "T, age"}})
    if (column < 0)
      errors.push_back(field_error(field, "summary_column_missing", {text_argument("column", name), text_argument("headers", names)}));
  if (!errors.empty()) return errors;

  CustomerSummary s;
  s.days_per_unit = days_per_unit;
  const auto bad = [&](std::int64_t line, std::string_view column, std::string_view code, MessageArguments arguments = {}) {
    arguments.push_back(number_argument("line", static_cast<double>(line)));
    arguments.push_back(text_argument("column", std::string(column)));
    if (errors.size() < max_errors) errors.push_back(field_error(field, code, std::move(arguments)));
  };
  while (records.next(record)) {
    const auto value = [&](int column, std::string_view name, double fallback, double& out) {
      if (column < 0) return out = fallback, true;
      const std::string_view cell = column < static_cast<int>(record.cells.size()) ? record.cells[column] : std::string_view();
      if (!read_plain_number(cell, out)) {
        bad(record.line, name, "summary_cell_not_number", {text_argument("value", std::string(utf8_prefix(cell, 20)))});
        return false;
      }
      return true;
    };
    double x = 0, t_x = 0, T = 0, count = 1, spend = 0;
    // Every cell is read, so each bad one of the row is named, not only the first.
    const bool read[] = {value(c.x, "x", 0, x), value(c.t_x, "t_x", 0, t_x), value(c.T, "T", 0, T),
                         value(c.count, "count", 1, count), value(c.spend, "spend", 0, spend)};
    if (std::find(std::begin(read), std::end(read), false) != std::end(read)) continue;
    if (x < 0 || x != std::floor(x) || x > 1e6) bad(record.line, "x", "summary_x_invalid");
    else if (t_x < 0 || t_x > T || (x == 0 && t_x != 0)) bad(record.line, "t_x", "summary_t_x_invalid");
    else if (T <= 0 || T > 1e6) bad(record.line, "T", "summary_T_invalid");
    else if (!(count > 0) || count > max_count) bad(record.line, "count", "summary_count_invalid");
    else if (spend < 0 || spend > max_money_amount) bad(record.line, "spend", "summary_spend_invalid");
    else {
      s.frequency.push_back(x), s.recency.push_back(t_x), s.age.push_back(T), s.monetary.push_back(x > 0 ? spend : 0);
      s.weight.push_back(count);
      s.customer.push_back(static_cast<std::int32_t>(s.customer.size()));
      s.holdout_frequency.push_back(0);
    }
  }
  if (!errors.empty()) return errors;
  if (s.size() == 0) return field_error(field, "summary_empty");
  return s;
}

CustomerSummary compress_with_spend(const CustomerSummary& s) {
  std::map<std::tuple<double, double, double, double>, double> counts;
  for (std::size_t i = 0; i < s.size(); ++i)
    counts[{s.frequency[i], s.recency[i], s.age[i], s.frequency[i] > 0 ? s.monetary[i] : 0}] += s.weight_of(i);
  CustomerSummary rows;
  rows.days_per_unit = s.days_per_unit;
  rows.calibration_end_day = s.calibration_end_day, rows.holdout_end_day = s.calibration_end_day;
  rows.customers_not_yet_acquired = s.customers_not_yet_acquired;
  for (const auto& [key, count] : counts) {
    const auto& [x, t_x, T, spend] = key;
    rows.frequency.push_back(x), rows.recency.push_back(t_x), rows.age.push_back(T), rows.monetary.push_back(spend);
    rows.weight.push_back(count);
    rows.customer.push_back(static_cast<std::int32_t>(rows.customer.size()));
    rows.holdout_frequency.push_back(0);
  }
  return rows;
}

}  // namespace retention
