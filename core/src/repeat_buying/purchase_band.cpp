#include "retention/repeat_buying/purchase_band.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "retention/numerics/parameter_draws.hpp"
#include "retention/numerics/quantile.hpp"

namespace retention {
namespace {

Interval interval_of(std::vector<double>& values) {
  const std::array<double, 3> d = deciles_10_50_90(std::span<double>(values));
  return {d[0], d[1], d[2]};
}

nlohmann::json band_json(const Interval& b) { return {{"p10", b.p10}, {"p50", b.p50}, {"p90", b.p90}}; }

}  // namespace

std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& result, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed) {
  if (!result.fitted() || draws <= 0 || !result.all_estimated() || result.no_dropout) return std::nullopt;
  const PurchaseModelFit& fit = *result.fit;
  auto parameters = draw_parameters(fit.parameters, fit.log_parameter_covariance, draws, seed);
  if (!parameters) return std::nullopt;
  const PurchaseModel& model = *result.model;
  // Each row's expectation if alive, capped as the analysis caps it (never above never stopping).
  const auto if_alive = [&](const std::vector<double>& p, double t, double x, double T) {
    const double never_stopping = (p[0] + x) / (p[1] + T) * t;
    const double expected = model.expected_purchases_if_alive(p, t, x, T);
    return std::isfinite(expected) ? std::clamp(expected, 0.0, never_stopping) : never_stopping;
  };
  std::vector<double> purchases, alive, in_holdout;
  const double customers = rows.customers();
  for (const std::vector<double>& p : *parameters) {
    double total = 0, alive_total = 0, holdout_total = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double x = rows.frequency[i], T = rows.age[i], w = rows.weight_of(i);
      const double a = model.probability_alive(p, x, rows.recency[i], T);
      alive_total += w * a;
      total += w * a * if_alive(p, window, x, T);
      if (holdout > 0) holdout_total += w * a * if_alive(p, holdout, x, T);
    }
    // A draw far in a tail can make a formula fail; it is left out rather than summed as NaN.
    if (!std::isfinite(total) || !std::isfinite(alive_total) || !std::isfinite(holdout_total)) continue;
    purchases.push_back(total), alive.push_back(alive_total / customers), in_holdout.push_back(holdout_total);
  }
  if (purchases.empty()) return std::nullopt;
  PurchaseBand band;
  band.draws = static_cast<int>(purchases.size());
  band.seed = seed;
  band.expected_purchases = interval_of(purchases);
  band.mean_probability_alive = interval_of(alive);
  if (holdout > 0) band.holdout_expected = interval_of(in_holdout);
  return band;
}

nlohmann::json purchase_band_to_json(const std::optional<PurchaseBand>& band) {
  if (!band) return nullptr;
  return {{"draws", band->draws},
          {"seed", band->seed},
          {"expected_purchases", band_json(band->expected_purchases)},
          {"mean_probability_alive", band_json(band->mean_probability_alive)},
          {"holdout_expected", band->holdout_expected ? band_json(*band->holdout_expected) : nlohmann::json(nullptr)}};
}

}  // namespace retention
