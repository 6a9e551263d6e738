#include "retention/repeat_buying/purchase_band.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retention/calculator/report_json.hpp"
#include "retention/numerics/parameter_draws.hpp"
#include "retention/numerics/quantile.hpp"

namespace retention {
namespace {

constexpr double max_band_evaluations = 1e7;
// Above this many rows each draw is evaluated on a systematic sample of them (see below).
constexpr std::size_t band_sample_rows = 5'000;

// The answers of one parameter vector, summed over weighted rows.
struct Totals {
  double purchases = 0, alive = 0, in_holdout = 0;
  bool finite() const { return std::isfinite(purchases) && std::isfinite(alive) && std::isfinite(in_holdout); }
};

// Weighted rows with their (x, T) keys: the expectations if alive depend on x and T only, so one
// evaluation per key and draw serves the rows that differ in t_x alone (CDNOW_master: 8,685
// rows, far fewer (x, T)).
class BandRows {
 public:
  BandRows(const PurchaseModel& model, const CustomerSummary& rows)
      : rows_(rows), key_of_(rows.size()), probability_alive_(model.probability_alive_on_rows(rows)) {
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto [it, added] = index.try_emplace(purchase_history_key(rows.frequency[i], rows.age[i], rows.days_per_unit), keys_.size());
      if (added) keys_.emplace_back(rows.frequency[i], rows.age[i]);
      key_of_[i] = it->second;
    }
    window_if_alive_.resize(keys_.size()), holdout_if_alive_.resize(keys_.size());
  }
  double evaluations_per_draw() const { return static_cast<double>(rows_.size() + 2 * keys_.size()); }

  Totals totals(const PurchaseModel& model, const std::vector<double>& p, double window, double holdout) {
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      window_if_alive_[k] = capped_expected_purchases_if_alive(model, p, window, keys_[k].first, keys_[k].second);
      if (holdout > 0) holdout_if_alive_[k] = capped_expected_purchases_if_alive(model, p, holdout, keys_[k].first, keys_[k].second);
    }
    Totals t;
    probability_alive_(p, alive_);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const double w = rows_.weight_of(i);
      const double a = alive_[i];
      t.alive += w * a;
      t.purchases += w * a * window_if_alive_[key_of_[i]];
      if (holdout > 0) t.in_holdout += w * a * holdout_if_alive_[key_of_[i]];
    }
    return t;
  }

 private:
  const CustomerSummary& rows_;
  std::vector<std::size_t> key_of_;
  std::vector<std::pair<double, double>> keys_;
  std::vector<double> window_if_alive_, holdout_if_alive_;
  PurchaseModel::RowsProbabilityAlive probability_alive_;
  std::vector<double> alive_;
};

// Every stride-th row, its weight times the stride.
CustomerSummary systematic_sample(const CustomerSummary& rows, std::size_t stride) {
  CustomerSummary sample;
  sample.days_per_unit = rows.days_per_unit;
  for (std::size_t i = 0; i < rows.size(); i += stride) {
    sample.frequency.push_back(rows.frequency[i]), sample.recency.push_back(rows.recency[i]), sample.age.push_back(rows.age[i]);
    sample.weight.push_back(rows.weight_of(i) * static_cast<double>(stride));
  }
  return sample;
}

}  // namespace

std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& result, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed) {
  if (!result.fitted() || draws <= 0 || !result.all_estimated() || result.no_dropout) return std::nullopt;
  const PurchaseModelFit& fit = *result.fit;
  const PurchaseModel& model = *result.model;
  // Many rows: each draw is evaluated on a systematic sample, and the band is the answer at the
  // estimate on all the rows plus the draw's change on the sample, sample(draw) - sample(estimate)
  // (the sample is a control variate: what varies between draws is the parameters, and the
  // change they make is smooth in the rows). Its error, about 2% of the band's width for 5,000
  // sampled rows, is below that of placing a P10 with a few hundred draws.
  const bool sampled = rows.size() > band_sample_rows;
  const CustomerSummary sample = sampled ? systematic_sample(rows, rows.size() / band_sample_rows + 1) : CustomerSummary{};
  BandRows evaluated(model, sampled ? sample : rows);
  Totals shift;
  if (sampled) {
    const Totals all = BandRows(model, rows).totals(model, fit.parameters, window, holdout);
    const Totals at_estimate = evaluated.totals(model, fit.parameters, window, holdout);
    shift = {all.purchases - at_estimate.purchases, all.alive - at_estimate.alive, all.in_holdout - at_estimate.in_holdout};
  }
  // A band costs draws x (rows + 2 keys) evaluations: the draws are capped so that a band stays
  // within about a second in the browser (at least 40 draws; a large log's band is narrow, and
  // 40 draws still place its P10 and P90).
  draws = std::min(draws, std::max(40, static_cast<int>(max_band_evaluations / std::max(evaluated.evaluations_per_draw(), 1.0))));
  auto parameters = draw_parameters(fit.parameters, fit.log_parameter_covariance, draws, seed);
  if (!parameters) return std::nullopt;
  std::vector<double> purchases, alive, in_holdout;
  const double customers = rows.customers();
  for (const std::vector<double>& p : *parameters) {
    const Totals t = evaluated.totals(model, p, window, holdout);
    // A draw far in a tail can make a formula fail; it is left out rather than summed as NaN.
    if (!t.finite()) continue;
    purchases.push_back(t.purchases + shift.purchases), alive.push_back((t.alive + shift.alive) / customers);
    in_holdout.push_back(t.in_holdout + shift.in_holdout);
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
          {"expected_purchases", interval_to_json(band->expected_purchases)},
          {"mean_probability_alive", interval_to_json(band->mean_probability_alive)},
          {"holdout_expected", band->holdout_expected ? interval_to_json(*band->holdout_expected) : nlohmann::json(nullptr)}};
}

}  // namespace retention
