#include "retention/calculator/lifetime_value.hpp"

#include <cmath>

namespace retention {

double period_discount_rate(double annual_rate, Period period) {
  return std::expm1(std::log1p(annual_rate) / periods_per_year(period));
}

double customer_lifetime_value(const SurvivalCurve& curve, double margin, double d, Timing timing,
                               std::optional<int> horizon) {
  if (margin == 0) return 0;  // also avoids 0 * infinity
  // Period k's margin is m*S(k) paid at time k (start), m*S(k) paid at k+1 (end), or
  // m*S(k+1) paid at k+1 (end, retained only): the three sums of docs/model.md.
  std::optional<int> last;
  switch (timing) {
    case Timing::start_of_period:
      if (horizon) last = *horizon - 1;
      return margin * curve.discounted_sum(d, 0, last);
    case Timing::end_of_period:
      if (horizon) last = *horizon - 1;
      return margin * curve.discounted_sum(d, 0, last) / (1 + d);
    case Timing::end_of_period_retained:
      return margin * curve.discounted_sum(d, 1, horizon);
  }
  return 0;
}

double expected_lifetime(const SurvivalCurve& curve, std::optional<int> horizon) {
  return curve.discounted_sum(0, 0, horizon ? std::optional<int>(*horizon - 1) : std::nullopt);
}

std::optional<int> cac_payback_period(const SurvivalCurve& curve, double margin, double cac, double d,
                                      Timing timing, bool discounted, int max_periods) {
  if (cac <= 0) return 0;
  if (margin <= 0) return std::nullopt;
  const double rate = discounted ? d : 0;
  double cumulative = 0;
  for (int k = 0; k < max_periods; ++k) {
    const bool paid_at_end = timing != Timing::start_of_period;
    const double survivors = curve.survival(timing == Timing::end_of_period_retained ? k + 1 : k);
    cumulative += margin * survivors * std::exp(-(paid_at_end ? k + 1 : k) * std::log1p(rate));
    if (cumulative >= cac * (1 - 1e-12)) return k + 1;
    if (survivors == 0) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace retention
