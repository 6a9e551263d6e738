#include "retention/repeat_buying/history_table.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "text/number_table.hpp"

namespace retention {
namespace {

constexpr double max_opportunities = 10'000;  // check_histories' limit: the likelihood sums over them
constexpr double max_count = 1e12;

bool whole(double v) { return v == std::floor(v); }

}  // namespace

Result<std::vector<OpportunityHistory>> read_history_table(std::string_view bytes) {
  NumberTable table(bytes, "histories");
  if (!table.read_header()) return field_error(table.field(), "history_table_empty");
  const int x_column = table.column({"x", "frequency"});
  const int t_x_column = table.column({"t_x", "recency"});
  const int n_column = table.column({"n", "periods", "opportunities"});
  const int count_column = table.column({"count", "customers", "weight", "weights"});
  for (auto [column, name, names] : {std::tuple{x_column, "x", "x, frequency"}, {t_x_column, "t_x", "t_x, recency"},
                                     {n_column, "n", "n, periods, opportunities"}})
    if (column < 0)
      table.refuse_table("history_column_missing", {text_argument("column", name), text_argument("headers", names)});
  if (!table.errors().empty()) return table.errors();

  std::vector<OpportunityHistory> rows;
  while (table.next_row()) {
    OpportunityHistory h;
    // Every cell is read, so each bad one of the row is named, not only the first.
    const bool read[] = {table.number(x_column, "x", 0, h.x), table.number(t_x_column, "t_x", 0, h.t_x),
                         table.number(n_column, "n", 0, h.n),
                         table.number(count_column, "count", 1, h.count)};  // no count column: one customer per row
    if (std::find(std::begin(read), std::end(read), false) != std::end(read)) continue;
    if (!whole(h.n) || h.n < 1 || h.n > max_opportunities) table.refuse("n", "history_n_invalid");
    else if (!whole(h.t_x) || h.t_x < 0 || h.t_x > h.n || (h.x == 0 && h.t_x != 0)) table.refuse("t_x", "history_t_x_invalid");
    else if (!whole(h.x) || h.x < 0 || h.x > h.t_x) table.refuse("x", "history_x_invalid");
    else if (!(h.count > 0) || h.count > max_count) table.refuse("count", "summary_count_invalid");
    else rows.push_back(h);
  }
  if (!table.errors().empty()) return table.errors();
  if (rows.empty()) return field_error(table.field(), "history_table_empty");
  return rows;
}

}  // namespace retention
