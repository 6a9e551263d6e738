#pragma once
// A per-customer summary brought from where the data lives (the query of warehouse_sql.hpp, a
// spreadsheet, another tool): one row per customer, or a compressed table with one row per
// distinct (x, t_x, T, spend) and the number of customers who have it. Its columns are found by
// header, in any case: x (or frequency), t_x (or recency), T (or age), and optionally count (or
// customers, weight, weights) and spend (or monetary, monetary_value: the mean of the repeat
// purchases' amounts, what Gamma-Gamma needs). A row that breaks the summary's rules is named by
// its line and column and the table is refused: a summary is a computed table, and a wrong row
// says the query or export went wrong, so nothing is dropped or guessed.
#include <string_view>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/customer_summary.hpp"

namespace retention {

Result<CustomerSummary> read_summary_table(std::string_view bytes, double days_per_unit);

// Equal (x, t_x, T, spend) as one row weighted by the customers' number, sorted by x, t_x, T and
// spend: the table the warehouse query writes. The customer and holdout columns are left empty.
CustomerSummary compress_with_spend(const CustomerSummary& summary);

}  // namespace retention
