#include "retention/calculator/customer_value.hpp"

#include <algorithm>
#include <cmath>

#include "retention/calculator/lifetime_value.hpp"

namespace retention {

CustomerValue customer_value(const Assumptions& a) {
  CustomerValue v;
  const auto survival = a.survival();
  const SurvivalCurve& curve = *survival;
  const double d = a.discount_rate();
  v.margin_per_period = a.margin_per_period();
  v.discount_rate_per_period = d;
  v.clv_horizon = customer_lifetime_value(curve, v.margin_per_period, d, a.timing, a.horizon_periods);
  const double lifetime = customer_lifetime_value(curve, v.margin_per_period, d, a.timing, std::nullopt);
  if (std::isfinite(lifetime)) v.clv_lifetime = lifetime;
  v.clv = a.clv_basis == ClvBasis::horizon ? v.clv_horizon : lifetime;
  v.net_clv = v.clv - a.cac;
  if (a.cac > 0 && std::isfinite(v.clv)) v.ltv_to_cac = v.clv / a.cac;
  // Lifetime payback looks up to 100 years; beyond that "never" is the honest answer.
  v.payback_search_periods =
      a.clv_basis == ClvBasis::horizon ? a.horizon_periods : std::max(a.horizon_periods, 100 * periods_per_year(a.period));
  v.payback_period =
      cac_payback_period(curve, v.margin_per_period, a.cac, d, a.timing, a.payback_discounted, v.payback_search_periods);
  const double lifetime_periods = expected_lifetime(curve, a.clv_horizon());
  if (std::isfinite(lifetime_periods)) v.expected_lifetime_periods = lifetime_periods;
  return v;
}

}  // namespace retention
