#pragma once
// What the repeat-buying likelihoods share about their rows: the largest purchase count, the
// mean time observed, and ln Γ(v+x)/Γ(v) for integer x as prefix sums of ln(v+k), which a
// dual number differentiates exactly and far faster than ln Γ.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "retention/numerics/dual.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

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

// Starts for the models whose customers drop out at a purchase (BG/NBD, MBG/NBD): rates near
// one purchase per tenth of the mean time observed, and a dropout chance of a fifth.
inline std::vector<std::vector<double>> dropout_at_purchase_starts(const CustomerSummary& rows) {
  const double age = mean_age(rows);
  return {{0, std::log(std::max(1.0, age / 10)), 0, 0},
          {std::log(0.5), std::log(std::max(1.0, age)), std::log(0.5), std::log(2.0)}};
}

// For the models whose customers drop out at a purchase (BG/NBD, MBG/NBD): the chance that a
// customer alive at T after x repeat purchases stops within t. Alive then, lambda ~
// Gamma(r+x, alpha+T) and p ~ Beta(a, b), independently, for the b given (b plus the chances
// to drop survived).
inline double dropout_at_purchases_within(double r, double alpha, double a, double b, double t, double x, double T) {
  // Staying through t is E[exp(-lambda p t)] = E[(1 + c p)^-(r+x)] with
  // c = t/(alpha+T), a 2F1 at -c, which Pfaff's transformation turns into
  // (1+c)^-a 2F1(a+b-r-x, a; a+b; c/(1+c)) with its argument in [0, 1).
  if (t <= 0) return 0;
  const double log_one_plus_c = std::log1p(t / (alpha + T));
  const double stay = std::exp(-a * log_one_plus_c) * hypergeometric_2f1(a + b - r - x, a, a + b, t / (alpha + T + t));
  return std::clamp(1 - stay, 0.0, 1.0);
}

// ln L and, when asked, its gradient in the four parameters, from one likelihood written for
// any number type: called with plain numbers for the value alone, with dual numbers for both.
template <class LogLikelihood>
double with_exact_gradient(const std::vector<double>& p, std::vector<double>* gradient, LogLikelihood&& sum) {
  if (!gradient) return sum(p[0], p[1], p[2], p[3]);
  using D = Dual<4>;
  const D value = sum(D::variable(p[0], 0), D::variable(p[1], 1), D::variable(p[2], 2), D::variable(p[3], 3));
  gradient->assign(value.d.begin(), value.d.end());
  return value.value;
}

// A column of times as indexes into its distinct values, so that what a likelihood computes of a
// time (a logarithm) is computed once per value: times on a grid of days have a few hundred
// distinct values, however many the customers.
struct DistinctTimes {
  std::vector<double> values;
  std::vector<std::uint32_t> at;  // per row, into values

  // An open-addressing table of value numbers plus one, at most half full (std::unordered_map
  // cost as much as two evaluations of BG/NBD's likelihood on a million customers' rows).
  explicit DistinctTimes(const std::vector<double>& column) : at(column.size()) {
    std::vector<std::uint32_t> slots(256, 0);
    const auto slot_of = [&](double v) -> std::uint32_t& {
      std::uint64_t h;
      const double key = v + 0.0;  // -0 as 0: they are equal
      std::memcpy(&h, &key, sizeof h);
      h = (h ^ (h >> 31)) * 0x9e3779b97f4a7c15u;
      for (std::size_t i = (h >> 32) & (slots.size() - 1);; i = (i + 1) & (slots.size() - 1))
        if (slots[i] == 0 || values[slots[i] - 1] == v) return slots[i];
    };
    for (std::size_t i = 0; i < column.size(); ++i) {
      std::uint32_t& slot = slot_of(column[i]);
      if (slot != 0) {
        at[i] = slot - 1;
        continue;
      }
      values.push_back(column[i]);
      slot = static_cast<std::uint32_t>(values.size()), at[i] = slot - 1;
      if (values.size() * 2 > slots.size()) {  // rehash into twice the slots
        slots.assign(slots.size() * 2, 0);
        for (std::size_t j = 0; j < values.size(); ++j) slot_of(values[j]) = static_cast<std::uint32_t>(j + 1);
      }
    }
  }
};

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
