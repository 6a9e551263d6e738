#include "retention/repeat_buying/customer_summary.hpp"

#include <cstdint>
#include <cstring>

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

namespace {

// The bits of a value, with -0 as 0 (they compare equal, so they must hash alike).
std::uint64_t bits_of(double v) {
  v += 0.0;
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// splitmix64's finaliser over the three values' bits: every bit of each moves the slot.
std::uint64_t history_hash(double x, double t_x, double T) {
  std::uint64_t h = bits_of(x) * 0x9e3779b97f4a7c15u ^ bits_of(t_x) * 0xc2b2ae3d27d4eb4fu ^ bits_of(T) * 0x165667b19e3779f9u;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
  return h ^ (h >> 31);
}

}  // namespace

CustomerSummary compress_for_purchases(const CustomerSummary& s, std::vector<std::uint32_t>* row_of_customer) {
  CustomerSummary rows;
  rows.days_per_unit = s.days_per_unit;
  rows.calibration_end_day = s.calibration_end_day, rows.holdout_end_day = s.holdout_end_day;
  rows.customers_not_yet_acquired = s.customers_not_yet_acquired;
  // Keyed by the values themselves (equal summaries, not nearly equal ones) in an open-addressing
  // table of row numbers plus one, kept at most half full: a million customers are one pass, with
  // no allocation per row and a table the size of the distinct rows, not of the customers.
  std::vector<std::uint32_t> slots(1024, 0);
  std::size_t mask = slots.size() - 1;
  const auto slot_of = [&](double x, double t_x, double T) -> std::uint32_t& {
    for (std::size_t at = history_hash(x, t_x, T) & mask;; at = (at + 1) & mask) {
      std::uint32_t& slot = slots[at];
      if (slot == 0) return slot;
      const std::size_t row = slot - 1;
      if (rows.frequency[row] == x && rows.recency[row] == t_x && rows.age[row] == T) return slot;
    }
  };
  if (row_of_customer) row_of_customer->resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double x = s.frequency[i], t_x = s.recency[i], T = s.age[i];
    std::uint32_t& slot = slot_of(x, t_x, T);
    std::size_t row = slot - std::size_t{1};
    if (slot == 0) {
      row = rows.frequency.size();
      rows.frequency.push_back(x), rows.recency.push_back(t_x), rows.age.push_back(T);
      rows.weight.push_back(0);
      slot = static_cast<std::uint32_t>(row + 1);
      if (rows.frequency.size() * 2 > slots.size()) {  // rehash into twice the slots
        slots.assign(slots.size() * 2, 0);
        mask = slots.size() - 1;
        for (std::size_t r = 0; r < rows.frequency.size(); ++r)
          slot_of(rows.frequency[r], rows.recency[r], rows.age[r]) = static_cast<std::uint32_t>(r + 1);
      }
    }
    rows.weight[row] += s.weight_of(i);
    if (row_of_customer) (*row_of_customer)[i] = static_cast<std::uint32_t>(row);
  }
  return rows;
}

}  // namespace retention
