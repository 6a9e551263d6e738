#include "retention/survival.hpp"

#include <cmath>
#include <limits>

namespace retention {

double SurvivalCurve::discounted_sum(double d, int first, std::optional<int> last) const {
  // Bounded summation: a finite sum runs to `last`; an infinite one stops once a term no
  // longer changes the total, or gives up (does not converge) after a very long tenure.
  constexpr int max_terms = 1'000'000;
  const double log_discount = std::log1p(d);
  double total = 0;
  const int end = last ? *last : first + max_terms;
  for (int t = first; t <= end; ++t) {
    const double term = survival(t) * std::exp(-t * log_discount);
    total += term;
    if (!last && term <= total * 1e-17) return total;
  }
  return last ? total : std::numeric_limits<double>::infinity();
}

double GeometricSurvival::survival(int t) const {
  if (churn_ >= 1) return t == 0 ? 1.0 : 0.0;
  return std::exp(t * std::log1p(-churn_));
}

double GeometricSurvival::discounted_sum(double d, int first, std::optional<int> last) const {
  if (last && *last < first) return 0;
  if (churn_ >= 1) return first == 0 ? 1.0 : 0.0;
  // x = r / (1 + d), the per-period factor; 1 - x = (c + d) / (1 + d).
  const double log_x = std::log1p(-churn_) - std::log1p(d);
  const double one_minus_x = (churn_ + d) / (1 + d);
  const double head = std::exp(first * log_x);
  if (one_minus_x <= 0) {  // no churn, no discount: every term is 1
    if (!last) return std::numeric_limits<double>::infinity();
    return static_cast<double>(*last - first + 1);
  }
  if (!last) return head / one_minus_x;
  const double count = static_cast<double>(*last - first + 1);
  return head * -std::expm1(count * log_x) / one_minus_x;
}

}  // namespace retention
