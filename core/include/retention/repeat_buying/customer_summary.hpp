#pragma once
// Per-customer summary of a transaction log for the repeat-buying models: repeat purchases x,
// time of the last purchase t_x and time observed T (from the first purchase, in the chosen
// time unit, to the end of the calibration period), the mean value of repeat purchases, and the
// repeat purchases in a holdout period after it. Purchases on the same day count once.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {

struct CustomerSummary {
  std::vector<std::int32_t> customer;  // index into the log's customer_ids
  std::vector<double> frequency, recency, age;  // x, t_x, T
  std::vector<double> monetary;  // mean value of the repeat purchases (0 when x = 0)
  std::vector<double> holdout_frequency;  // purchases after the calibration end, up to the holdout end
  // All customers' holdout purchases by time unit after the calibration end (index 0 = the first unit).
  std::vector<double> holdout_purchases_by_unit;
  double days_per_unit = 7;
  std::int32_t calibration_end_day = 0, holdout_end_day = 0;
  int customers_not_yet_acquired = 0;  // first purchase after the calibration end: left out
  // How many customers each row stands for: empty when each row is one customer; else a row is
  // every customer with the same summary (see compress_for_purchases), and the models fit on the
  // rows at a cost in proportion to their number, not the customers'.
  std::vector<double> weight;

  std::size_t size() const { return frequency.size(); }
  double weight_of(std::size_t row) const { return weight.empty() ? 1.0 : weight[row]; }
  double customers() const;  // the sum of the weights
};

// The rows with the same (x, t_x, T) as one row weighted by their number, in the order of first
// appearance: all the BG/NBD likelihood needs. The customer, monetary and holdout columns are left
// empty (predictions are made per customer on the full summary). row_of_customer, when given,
// receives each summary row's row in the result: what depends on (x, t_x, T) alone, such as
// P(alive), is then computed once per row and looked up per customer.
CustomerSummary compress_for_purchases(const CustomerSummary& summary, std::vector<std::uint32_t>* row_of_customer = nullptr);

// calibration_end_day and holdout_end_day are days since 1970-01-01 (inclusive); the holdout may
// be empty (holdout_end_day <= calibration_end_day). days_per_unit: 1 (days), 7 (weeks),
// 365.25/12 (months).
Result<CustomerSummary> summarise_customers(const TransactionLog& log, std::int32_t calibration_end_day,
                                            std::int32_t holdout_end_day, double days_per_unit);

}  // namespace retention
