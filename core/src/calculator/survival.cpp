#include "retention/calculator/survival.hpp"

#include "retention/cohorts/shifted_beta_geometric.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retention {

double SurvivalCurve::hazard(int t) const {
  const double before = survival(t - 1);
  return before > 0 ? 1 - survival(t) / before : 1;
}

double SurvivalCurve::discounted_sum(double d, int first, std::optional<int> last) const {
  // A finite sum runs to `last`. An infinite one stops when what is left cannot matter: S(t)
  // never rises, so the tail after t is at most S(t) v^(t+1) / (1 - v) with v = 1/(1+d). Without
  // discounting there is no such bound, and a curve still above 1e-13 of its sum after 10,000
  // periods (over 800 years of months) is treated as not converging: as "unbounded".
  // The work is bounded whatever the inputs: a discount so small that a million periods do not
  // settle the sum (about 0.05% a year with monthly periods) also counts as not converging.
  constexpr int max_terms = 1'000'000;
  const double v = 1 / (1 + d);
  double discount = std::pow(v, first);  // v^t, carried along rather than recomputed
  const double tail_factor = d > 0 ? 1 / d : std::numeric_limits<double>::infinity();  // v / (1 - v)
  double total = 0;
  const int end = last ? *last : first + max_terms;
  for (int t = first; t <= end; ++t) {
    const double term = survival(t) * discount;
    // A curve that cannot be evaluated here (parameters far in a tail) has no sum: NaN, not a
    // million terms of it.
    if (!std::isfinite(term)) return std::numeric_limits<double>::quiet_NaN();
    discount *= v;
    total += term;
    if (!last && (term * tail_factor <= total * 1e-13 || (d == 0 && term <= total * 1e-13))) return total;
    if (!last && d == 0 && t - first >= 10'000) break;
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

double HazardAdjustedSurvival::survival(int t) const {
  if (t <= 0) return 1;
  while (static_cast<int>(survival_.size()) <= t) {
    const int k = static_cast<int>(survival_.size());
    survival_.push_back(survival_.back() * (1 - std::clamp(scale_ * base_->hazard(k) + shift_, 0.0, 1.0)));
  }
  return survival_[t];
}

namespace {

// sum over t >= first of S(t) v^t with S(t) = S(t-1)(1 - h'_t), h'_t = clamp(scale h_t + shift),
// stopping by the default sum's rule. `Hazard` is a plain callable so a known curve inlines.
template <class Hazard>
double adjusted_sum(Hazard hazard, double scale, double shift, double d, int first) {
  const double v = 1 / (1 + d), inverse_d = 1 / d;
  double s = 1, discount = 1, total = 0;
  for (int t = 0; t < first + 1'000'000; ++t) {
    if (t > 0) s *= 1 - std::clamp(scale * hazard(t) + shift, 0.0, 1.0);
    if (t >= first) {
      total += s * discount;
      if (s * discount * inverse_d <= total * 1e-13) return total;
    }
    discount *= v;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

double HazardAdjustedSurvival::discounted_sum(double d, int first, std::optional<int> last) const {
  if (!(d > 0) || last) return SurvivalCurve::discounted_sum(d, first, last);
  // Monte Carlo values a new adjusted curve on every draw, thousands of terms each for a fitted
  // curve: the sBG hazard is called directly rather than through the interface.
  if (const SbgSurvival* sbg = base_->as_sbg())
    return adjusted_sum([sbg](int t) { return sbg->hazard(t); }, scale_, shift_, d, first);
  return adjusted_sum([this](int t) { return base_->hazard(t); }, scale_, shift_, d, first);
}

}  // namespace retention
