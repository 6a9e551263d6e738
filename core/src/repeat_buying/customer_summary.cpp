#include "retention/repeat_buying/customer_summary.hpp"

#include <functional>
#include <initializer_list>
#include <unordered_map>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace retention {

Result<CustomerSummary> summarise_customers(const TransactionLog& log, std::int32_t calibration_end_day,
                                            std::int32_t holdout_end_day, double days_per_unit) {
  if (!(days_per_unit > 0)) return field_error("time_unit", "time_unit_invalid");
  // Transactions grouped by customer, then by day: one counting pass and a sort per customer.
  const std::size_t customers = log.customer_ids.size(), n = log.day.size();
  std::vector<std::int64_t> start(customers + 1, 0);
  for (std::int32_t c : log.customer) ++start[static_cast<std::size_t>(c) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[static_cast<std::size_t>(fill[static_cast<std::size_t>(log.customer[i])]++)] = static_cast<std::uint32_t>(i);

  CustomerSummary s;
  s.days_per_unit = days_per_unit;
  s.calibration_end_day = calibration_end_day;
  s.holdout_end_day = holdout_end_day;
  if (holdout_end_day > calibration_end_day)
    s.holdout_purchases_by_unit.assign(static_cast<std::size_t>(std::ceil((holdout_end_day - calibration_end_day) / days_per_unit)), 0.0);
  for (std::size_t c = 0; c < customers; ++c) {
    using Offset = std::vector<std::uint32_t>::difference_type;
    auto first = order.begin() + static_cast<Offset>(start[c]), last = order.begin() + static_cast<Offset>(start[c + 1]);
    if (first == last) continue;
    std::sort(first, last, [&](std::uint32_t a, std::uint32_t b) { return log.day[a] < log.day[b]; });
    const std::int32_t first_day = log.day[*first];
    if (first_day > calibration_end_day) {
      ++s.customers_not_yet_acquired;
      continue;
    }
    int repeats = 0, holdout = 0;
    std::int32_t last_day = first_day, current_day = first_day;
    double repeat_value = 0, day_value = 0;
    for (auto it = first; it != last; ++it) {
      const std::int32_t day = log.day[*it];
      if (day != current_day) {  // a new purchase day: close the previous one
        if (current_day != first_day && current_day <= calibration_end_day) repeat_value += day_value;
        day_value = 0;
        current_day = day;
        if (day <= calibration_end_day) {
          ++repeats;
          last_day = day;
        } else if (day <= holdout_end_day) {
          ++holdout;
          const auto unit = static_cast<std::size_t>((day - calibration_end_day - 1) / days_per_unit);
          if (unit < s.holdout_purchases_by_unit.size()) s.holdout_purchases_by_unit[unit] += 1;
        }
      }
      day_value += log.amount[*it];
    }
    if (current_day != first_day && current_day <= calibration_end_day) repeat_value += day_value;
    s.customer.push_back(static_cast<std::int32_t>(c));
    s.frequency.push_back(repeats);
    s.recency.push_back((last_day - first_day) / days_per_unit);
    s.age.push_back((calibration_end_day - first_day) / days_per_unit);
    s.monetary.push_back(repeats > 0 ? repeat_value / repeats : 0);
    s.holdout_frequency.push_back(holdout);
  }
  if (s.size() == 0)
    return field_error("calibration_end", "no_first_purchase");
  return s;
}

double CustomerSummary::customers() const {
  if (weight.empty()) return static_cast<double>(size());
  double total = 0;
  for (double w : weight) total += w;
  return total;
}

CustomerSummary compress_for_purchases(const CustomerSummary& s, std::vector<std::uint32_t>* row_of_customer) {
  CustomerSummary rows;
  rows.days_per_unit = s.days_per_unit;
  rows.calibration_end_day = s.calibration_end_day, rows.holdout_end_day = s.holdout_end_day;
  rows.customers_not_yet_acquired = s.customers_not_yet_acquired;
  // Keyed by the exact bits of the three values: equal summaries, not nearly equal ones.
  struct Key {
    double x, t_x, T;
    bool operator==(const Key& o) const { return x == o.x && t_x == o.t_x && T == o.T; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      const std::hash<double> h;
      std::size_t seed = h(k.x);  // combined as boost::hash_combine does, for 32- and 64-bit size_t
      for (double v : {k.t_x, k.T}) seed ^= h(v) + 0x9e3779b9u + (seed << 6) + (seed >> 2);
      return seed;
    }
  };
  std::unordered_map<Key, std::size_t, KeyHash> row_of;
  row_of.reserve(s.size());
  if (row_of_customer) row_of_customer->resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto [it, added] = row_of.try_emplace(Key{s.frequency[i], s.recency[i], s.age[i]}, rows.frequency.size());
    if (added) {
      rows.frequency.push_back(s.frequency[i]), rows.recency.push_back(s.recency[i]), rows.age.push_back(s.age[i]);
      rows.weight.push_back(0);
    }
    rows.weight[it->second] += s.weight_of(i);
    if (row_of_customer) (*row_of_customer)[i] = static_cast<std::uint32_t>(it->second);
  }
  return rows;
}

}  // namespace retention
