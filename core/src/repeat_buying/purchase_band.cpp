#include "retention/repeat_buying/purchase_band.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retention/numerics/parameter_draws.hpp"
#include "retention/numerics/quantile.hpp"

namespace retention {
namespace {

Interval interval_of(std::vector<double>& values) {
  const std::array<double, 3> d = deciles_10_50_90(std::span<double>(values));
  return {d[0], d[1], d[2]};
}

constexpr double max_band_evaluations = 1e7;

nlohmann::json band_json(const Interval& b) { return {{"p10", b.p10}, {"p50", b.p50}, {"p90", b.p90}}; }

}  // namespace

std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& result, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed) {
  if (!result.fitted() || draws <= 0 || !result.all_estimated() || result.no_dropout) return std::nullopt;
  const PurchaseModelFit& fit = *result.fit;
  const PurchaseModel& model = *result.model;
  // The expectations if alive depend on x and T only: one evaluation per (x, T) and draw, shared
  // by the rows that differ in t_x alone (CDNOW_master: 8,685 rows, far fewer (x, T)).
  std::vector<std::size_t> key_of(rows.size());
  std::vector<std::pair<double, double>> keys;
  {
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto [it, added] = index.try_emplace(purchase_history_key(rows.frequency[i], rows.age[i], rows.days_per_unit), keys.size());
      if (added) keys.emplace_back(rows.frequency[i], rows.age[i]);
      key_of[i] = it->second;
    }
  }
  // A band costs draws x (rows + keys) evaluations: the draws are capped so that a large log's
  // band stays within about a second in the browser (at least 40 draws; a large log's band is
  // narrow, and 40 draws still place its P10 and P90).
  const double per_draw = static_cast<double>(rows.size() + 2 * keys.size());
  draws = std::min(draws, std::max(40, static_cast<int>(max_band_evaluations / std::max(per_draw, 1.0))));
  auto parameters = draw_parameters(fit.parameters, fit.log_parameter_covariance, draws, seed);
  if (!parameters) return std::nullopt;
  std::vector<double> window_if_alive(keys.size()), holdout_if_alive(keys.size());
  std::vector<double> purchases, alive, in_holdout;
  const double customers = rows.customers();
  for (const std::vector<double>& p : *parameters) {
    for (std::size_t k = 0; k < keys.size(); ++k) {
      window_if_alive[k] = capped_expected_purchases_if_alive(model, p, window, keys[k].first, keys[k].second);
      if (holdout > 0) holdout_if_alive[k] = capped_expected_purchases_if_alive(model, p, holdout, keys[k].first, keys[k].second);
    }
    double total = 0, alive_total = 0, holdout_total = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double w = rows.weight_of(i);
      const double a = model.probability_alive(p, rows.frequency[i], rows.recency[i], rows.age[i]);
      alive_total += w * a;
      total += w * a * window_if_alive[key_of[i]];
      if (holdout > 0) holdout_total += w * a * holdout_if_alive[key_of[i]];
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
