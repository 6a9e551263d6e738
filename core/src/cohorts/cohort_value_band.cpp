#include "retention/cohorts/cohort_value_band.hpp"

#include <cmath>
#include <vector>

#include "retention/calculator/lifetime_value.hpp"
#include "retention/numerics/parameter_draws.hpp"

namespace retention {
namespace {

// The band of CLV and DERL over curves built from drawn parameters by `curve_of`.
template <class CurveOf>
std::optional<ValueBand> band_of(const std::vector<double>& estimate, const std::vector<double>& log_covariance,
                                 const Valuation& v, int draws, std::uint64_t seed, CurveOf curve_of) {
  if (log_covariance.empty() || draws <= 0) return std::nullopt;
  const auto parameters = draw_parameters(estimate, log_covariance, draws, seed);
  if (!parameters) return std::nullopt;
  std::vector<double> clv, derl;
  for (const std::vector<double>& p : *parameters) {
    const auto curve = curve_of(p);
    const double value = customer_lifetime_value(curve, v.margin, v.discount_rate, v.timing, v.horizon);
    const std::optional<double> residual = discounted_expected_residual_lifetime(curve, v.discount_rate, 1);
    // A draw far in a tail can make a sum diverge; it is left out rather than counted as infinite.
    if (!std::isfinite(value) || !residual || !std::isfinite(*residual)) continue;
    clv.push_back(value), derl.push_back(*residual);
  }
  if (clv.empty()) return std::nullopt;
  return ValueBand{static_cast<int>(clv.size()), seed, interval_of(clv), interval_of(derl)};
}

}  // namespace

std::optional<ValueBand> sbg_value_band(const SbgFit& fit, const Valuation& valuation, int draws, std::uint64_t seed) {
  return band_of({fit.parameters.alpha, fit.parameters.beta}, fit.log_parameter_covariance, valuation, draws, seed,
                 [](const std::vector<double>& p) { return SbgSurvival({p[0], p[1]}); });
}

std::optional<ValueBand> bdw_value_band(const BdwFit& fit, const Valuation& valuation, int draws, std::uint64_t seed) {
  return band_of({fit.parameters.alpha, fit.parameters.beta, fit.parameters.c}, fit.log_parameter_covariance, valuation,
                 draws, seed, [](const std::vector<double>& p) { return BdwSurvival({p[0], p[1], p[2]}); });
}

}  // namespace retention
