#pragma once
// What the repeat-buying likelihoods share about their rows: the largest purchase count, the
// mean time observed, and ln Γ(v+x)/Γ(v) for integer x as prefix sums of ln(v+k), which a
// dual number differentiates exactly and far faster than ln Γ.
#include <algorithm>
#include <vector>

#include "retention/numerics/dual.hpp"
#include "retention/repeat_buying/customer_summary.hpp"

namespace retention {

inline int largest_frequency(const CustomerSummary& rows) {
  double largest = 0;
  for (double x : rows.frequency) largest = std::max(largest, x);
  return static_cast<int>(largest);
}

inline double mean_age(const CustomerSummary& rows) {
  double total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) total += rows.weight_of(i) * rows.age[i];
  return total / rows.customers();
}

// at(n) = sum over k < n of ln(v + k) = ln Γ(v + n) − ln Γ(v), for n = 0..max.
template <class Number>
class PrefixLogs {
 public:
  PrefixLogs(const Number& v, int max) : sums_(static_cast<std::size_t>(max) + 1, Number(0.0)) {
    for (int k = 0; k < max; ++k) sums_[k + 1] = sums_[k] + log(v + static_cast<double>(k));
  }
  const Number& at(double n) const { return sums_[static_cast<std::size_t>(n)]; }

 private:
  std::vector<Number> sums_;
};

}  // namespace retention
