#include "retention/repeat_buying/summary_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "retention/common/limits.hpp"
#include "text/number_table.hpp"

namespace retention {
namespace {

constexpr double max_count = 1e12;

struct SummaryColumns {
  int x = -1, t_x = -1, T = -1, count = -1, spend = -1;
};

}  // namespace

Result<CustomerSummary> read_summary_table(std::string_view bytes, double days_per_unit) {
  NumberTable table(bytes, "summary");
  if (!table.read_header()) return field_error(table.field(), "summary_empty");
  SummaryColumns c;
  c.x = table.column({"x", "frequency"});
  c.t_x = table.column({"t_x", "recency"});
  c.T = table.column({"T", "age"});
  c.count = table.column({"count", "customers", "weight", "weights"});
  c.spend = table.column({"spend", "monetary", "monetary_value"});
  for (auto [column, name, names] : {std::tuple{c.x, "x", "x, frequency"}, {c.t_x, "t_x", "t_x, recency"}, {c.T, "T", "T, age"}})
    if (column < 0)
      table.refuse_table("summary_column_missing", {text_argument("column", name), text_argument("headers", names)});
  if (!table.errors().empty()) return table.errors();

  CustomerSummary s;
  s.days_per_unit = days_per_unit;
  while (table.next_row()) {
    double x = 0, t_x = 0, T = 0, count = 1, spend = 0;
    // Every cell is read, so each bad one of the row is named, not only the first.
    const bool read[] = {table.number(c.x, "x", 0, x), table.number(c.t_x, "t_x", 0, t_x), table.number(c.T, "T", 0, T),
                         table.number(c.count, "count", 1, count), table.number(c.spend, "spend", 0, spend)};
    if (std::find(std::begin(read), std::end(read), false) != std::end(read)) continue;
    if (x < 0 || x != std::floor(x) || x > 1e6) table.refuse("x", "summary_x_invalid");
    else if (t_x < 0 || t_x > T || (x == 0 && t_x != 0)) table.refuse("t_x", "summary_t_x_invalid");
    else if (T <= 0 || T > 1e6) table.refuse("T", "summary_T_invalid");
    else if (!(count > 0) || count > max_count) table.refuse("count", "summary_count_invalid");
    else if (spend < 0 || spend > max_money_amount) table.refuse("spend", "summary_spend_invalid");
    else {
      s.frequency.push_back(x), s.recency.push_back(t_x), s.age.push_back(T), s.monetary.push_back(x > 0 ? spend : 0);
      s.weight.push_back(count);
      s.customer.push_back(static_cast<std::int32_t>(s.customer.size()));
      s.holdout_frequency.push_back(0);
    }
  }
  if (!table.errors().empty()) return table.errors();
  if (s.size() == 0) return field_error(table.field(), "summary_empty");
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
