#include "retention/repeat_buying/purchase_band.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retention/calculator/report_json.hpp"
#include "retention/numerics/parameter_draws.hpp"
#include "retention/numerics/quantile.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {
namespace {

constexpr double max_band_evaluations = 1e7;
// Above this many rows each draw is evaluated on a systematic sample of them (see below).
constexpr std::size_t band_sample_rows = 5'000;

// The answers of one parameter vector, summed over weighted rows.
struct Totals {
  double purchases = 0, alive = 0, in_holdout = 0, clv = 0;
  bool finite() const { return std::isfinite(purchases) && std::isfinite(alive) && std::isfinite(in_holdout); }
};

// A draw of Gamma-Gamma's parameters gives a mean spend only with q > 1.
bool has_mean_spend(const GammaGammaParameters& g) { return g.q > 1; }

// Where the discounted purchases of the window are evaluated: at units u_1 < ... < u_m = window,
// the cumulative expectation taken as linear between them (from 0 at 0), so a unit's purchases
// are the slope of its segment and the discounted sum is sum_j (f(u_j) - f(u_j-1)) W_j, W_j the
// mean of v^u over the segment's units. With every unit a point it is the analysis's own sum;
// a draw uses `coarse_points` of them (the band then adds the exact sum at the estimate and the
// draw's change on the coarse grid: the interpolation's error hardly changes between draws).
constexpr int coarse_points = 8;
// A sampled band's draws (a large log's) use 4: their change on the grid is what counts, and it
// is smooth in the unit. On the 10,000,000-row log the CLV band's P10, P50 and P90 moved by 0.02%
// of its width (CDNOW_master's by 0.015%), a hundredth of the sample's own error (about 2%), and
// each draw sums 5 series per (x, T) instead of 9 (4 points and the holdout's end).
constexpr int sampled_coarse_points = 4;
struct DiscountGrid {
  std::vector<int> units;
  std::vector<double> weights;
  DiscountGrid(int window, int points, double v) {
    points = std::min(points, window);
    int before = 0;
    for (int j = 1; j <= points; ++j) {
      const int unit = static_cast<int>(std::lround(static_cast<double>(j) * window / points));
      double sum = 0, discount = std::pow(v, before);
      for (int u = before + 1; u <= unit; ++u) discount *= v, sum += discount;
      units.push_back(unit), weights.push_back(sum / (unit - before));
      before = unit;
    }
  }
};

// Weighted rows with their (x, T) keys: the expectations if alive depend on x and T only, so one
// evaluation per key and draw serves the rows that differ in t_x alone (CDNOW_master: 8,685
// rows, far fewer (x, T)). With spends (per row, see ClvBandInputs) they also give the CLV, whose
// discounted sum costs an evaluation per point of the grid and key.
class BandRows {
 public:
  BandRows(const PurchaseModel& model, const CustomerSummary& rows, const ClvBandInputs* clv, double window, int grid_points)
      : rows_(rows), clv_(clv), key_of_(rows.size()),
        grid_(static_cast<int>(window), grid_points, clv ? clv->discount_per_unit : 1),
        probability_alive_(model.probability_alive_on_rows(rows)) {
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto [it, added] = index.try_emplace(purchase_history_key(rows.frequency[i], rows.age[i], rows.days_per_unit), keys_.size());
      if (added) keys_.emplace_back(rows.frequency[i], rows.age[i]);
      key_of_[i] = it->second;
    }
    window_if_alive_.resize(keys_.size()), holdout_if_alive_.resize(keys_.size()), discounted_if_alive_.resize(keys_.size());
    by_frequency_.resize(keys_.size());
    std::iota(by_frequency_.begin(), by_frequency_.end(), std::size_t{0});
    std::stable_sort(by_frequency_.begin(), by_frequency_.end(),
                     [&](std::size_t l, std::size_t r) { return keys_[l].first < keys_[r].first; });
  }
  double evaluations_per_draw() const {
    const double per_key = 1 + (clv_ ? static_cast<double>(std::max<std::size_t>(grid_.units.size(), 1)) : 1);
    return static_cast<double>(rows_.size()) + per_key * static_cast<double>(keys_.size());
  }

  Totals totals(const PurchaseModel& model, const std::vector<double>& p, double window, double holdout,
                const std::optional<GammaGammaParameters>& spend = std::nullopt) {
    // The times each key needs: the grid's units (or the window alone), then the holdout.
    const bool on_grid = clv_ && !grid_.units.empty();
    std::vector<double> times;
    if (on_grid) times.assign(grid_.units.begin(), grid_.units.end());
    else times.push_back(window);
    const std::size_t at_holdout = times.size();
    if (holdout > 0) times.push_back(holdout);
    // The keys in order of x, and for all the keys with one x their expectations at every time in
    // one call: the series' coefficients depend on x alone, and the many series then sum side by
    // side rather than one after another.
    for (std::size_t run = 0; run < keys_.size();) {
      const double x = keys_[by_frequency_[run]].first;
      std::size_t end = run;
      pair_T_.clear(), pair_t_.clear();
      for (; end < keys_.size() && keys_[by_frequency_[end]].first == x; ++end)
        for (double t : times) pair_T_.push_back(keys_[by_frequency_[end]].second), pair_t_.push_back(t);
      pair_expected_.resize(pair_t_.size());
      capped_expected_purchases_if_alive_at(model, p, x, pair_T_, pair_t_, pair_expected_);
      for (std::size_t at = run; at < end; ++at)
        key_values(by_frequency_[at], std::span<const double>(pair_expected_).subspan((at - run) * times.size(), times.size()),
                   on_grid, holdout > 0, at_holdout);
      run = end;
    }
    Totals t;
    probability_alive_(p, alive_);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const double w = rows_.weight_of(i);
      const double a = alive_[i];
      t.alive += w * a;
      t.purchases += w * a * window_if_alive_[key_of_[i]];
      if (holdout > 0) t.in_holdout += w * a * holdout_if_alive_[key_of_[i]];
      if (clv_) t.clv += a * discounted_if_alive_[key_of_[i]] * spend_of_row(i, spend);
    }
    t.clv *= clv_ ? clv_->margin_fraction : 0;
    return t;
  }

 private:
  // The row's customers' E[spend] summed: as at the estimates, or for drawn Gamma-Gamma parameters
  // (E[spend] is linear in a customer's mean spend, so the row's is that of its mean spends' mean).
  double spend_of_row(std::size_t i, const std::optional<GammaGammaParameters>& g) const {
    if (!g) return clv_->spend[i];
    const double customers = rows_.weight_of(i);
    return customers * gamma_gamma_expected_spend(*g, rows_.frequency[i], clv_->monetary[i] / customers);
  }

  // Key k's answers from its expectations at the grid's units (or the window), then the holdout.
  void key_values(std::size_t k, std::span<const double> expected, bool on_grid, bool holdout, std::size_t at_holdout) {
    if (on_grid) {
      // As the analysis values them: unit u's purchases at its end, discounted u units.
      double before = 0, discounted = 0;
      for (std::size_t j = 0; j < grid_.units.size(); ++j) {
        const double now = expected[j];
        discounted += (now - before) * grid_.weights[j];
        before = now;
      }
      window_if_alive_[k] = before, discounted_if_alive_[k] = discounted;
    } else {
      window_if_alive_[k] = expected[0];
      discounted_if_alive_[k] = 0;
    }
    if (holdout) holdout_if_alive_[k] = expected[at_holdout];
  }

  const CustomerSummary& rows_;
  const ClvBandInputs* clv_;
  std::vector<std::size_t> key_of_;
  DiscountGrid grid_;
  std::vector<std::pair<double, double>> keys_;
  std::vector<std::size_t> by_frequency_;  // the keys' indexes in order of x
  std::vector<double> pair_T_, pair_t_, pair_expected_;  // one x's keys' (T, t) pairs and expectations
  std::vector<double> window_if_alive_, holdout_if_alive_, discounted_if_alive_;
  PurchaseModel::RowsProbabilityAlive probability_alive_;
  std::vector<double> alive_;
};

// Every stride-th row, its weight (and its summed spends) times the stride.
struct Sample {
  CustomerSummary rows;
  ClvBandInputs clv;
};
Sample systematic_sample(const CustomerSummary& rows, const ClvBandInputs* clv, std::size_t stride) {
  Sample sample;
  sample.rows.days_per_unit = rows.days_per_unit;
  if (clv) sample.clv = *clv, sample.clv.spend.clear(), sample.clv.monetary.clear();
  const double scale = static_cast<double>(stride);
  for (std::size_t i = 0; i < rows.size(); i += stride) {
    sample.rows.frequency.push_back(rows.frequency[i]), sample.rows.recency.push_back(rows.recency[i]);
    sample.rows.age.push_back(rows.age[i]);
    sample.rows.weight.push_back(rows.weight_of(i) * scale);
    if (clv) sample.clv.spend.push_back(clv->spend[i] * scale), sample.clv.monetary.push_back(clv->monetary[i] * scale);
  }
  return sample;
}

// The spend model's draws come from a stream of their own, so the purchase model's draws, and so
// the other bands, are the same with or without them.
constexpr std::uint64_t spend_seed_offset = 0x9E3779B97F4A7C15ULL;

}  // namespace

std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& result, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed,
                                          const std::optional<ClvBandInputs>& clv_inputs) {
  if (!result.fitted() || draws <= 0 || !result.all_estimated() || result.no_dropout) return std::nullopt;
  const PurchaseModelFit& fit = *result.fit;
  const PurchaseModel& model = *result.model;
  const ClvBandInputs* clv = clv_inputs ? &*clv_inputs : nullptr;
  // Many rows: each draw is evaluated on a systematic sample, and the band is the answer at the
  // estimate on all the rows plus the draw's change on the sample, sample(draw) - sample(estimate)
  // (the sample is a control variate: what varies between draws is the parameters, and the
  // change they make is smooth in the rows). Its error, about 2% of the band's width for 5,000
  // sampled rows, is below that of placing a P10 with a few hundred draws.
  const bool sampled = rows.size() > band_sample_rows;
  const Sample sample = sampled ? systematic_sample(rows, clv, rows.size() / band_sample_rows + 1) : Sample{};
  BandRows evaluated(model, sampled ? sample.rows : rows, sampled && clv ? &sample.clv : clv, window,
                     sampled ? sampled_coarse_points : coarse_points);
  Totals shift;
  // The CLV's coarse discount grid is a control variate too: the answer at the estimate on every
  // unit of the window, plus each draw's change on the grid.
  if (sampled || clv) {
    const int every_unit = std::max(static_cast<int>(window), 1);
    const Totals all = BandRows(model, rows, clv, window, every_unit).totals(model, fit.parameters, window, holdout);
    const Totals at_estimate = evaluated.totals(model, fit.parameters, window, holdout);
    shift = {all.purchases - at_estimate.purchases, all.alive - at_estimate.alive, all.in_holdout - at_estimate.in_holdout,
             all.clv - at_estimate.clv};
  }
  // A band costs draws x (rows + keys x evaluations per key) evaluations: the draws are capped so
  // that a band stays within about a second in the browser (at least 40 draws; a large log's
  // band is narrow, and 40 draws still place its P10 and P90).
  draws = std::min(draws, std::max(40, static_cast<int>(max_band_evaluations / std::max(evaluated.evaluations_per_draw(), 1.0))));
  auto parameters = draw_parameters(fit.parameters, fit.log_parameter_covariance, draws, seed);
  if (!parameters) return std::nullopt;
  // The spend model's parameters, drawn alongside when it has an estimate to draw from.
  std::optional<std::vector<std::vector<double>>> spends;
  std::string spend_not_drawn = clv ? clv->spend_not_drawn : "";
  if (clv && !clv->spend_parameters.empty()) {
    spends = draw_parameters(clv->spend_parameters, clv->spend_log_covariance, draws, seed ^ spend_seed_offset);
    if (!spends) spend_not_drawn = "no_covariance";
  }
  std::vector<double> purchases, alive, in_holdout, clvs;
  const double customers = rows.customers();
  for (std::size_t d = 0; d < parameters->size(); ++d) {
    std::optional<GammaGammaParameters> spend;
    if (spends) spend = GammaGammaParameters{(*spends)[d][0], (*spends)[d][1], (*spends)[d][2]};
    const Totals t = evaluated.totals(model, (*parameters)[d], window, holdout, spend);
    // A draw far in a tail can make a formula fail; it is left out rather than summed as NaN.
    if (!t.finite()) continue;
    purchases.push_back(t.purchases + shift.purchases), alive.push_back((t.alive + shift.alive) / customers);
    in_holdout.push_back(t.in_holdout + shift.in_holdout);
    if (clv && std::isfinite(t.clv) && (!spend || has_mean_spend(*spend))) clvs.push_back(t.clv + shift.clv);
  }
  if (purchases.empty()) return std::nullopt;
  PurchaseBand band;
  band.draws = static_cast<int>(purchases.size());
  band.seed = seed;
  band.expected_purchases = interval_of(purchases);
  band.mean_probability_alive = interval_of(alive);
  if (holdout > 0) band.holdout_expected = interval_of(in_holdout);
  if (!clvs.empty()) {
    band.clv_draws = static_cast<int>(clvs.size());
    band.clv = interval_of(clvs);
    band.mean_clv = Interval{band.clv->p10 / customers, band.clv->p50 / customers, band.clv->p90 / customers};
    band.spend_drawn = spends.has_value();
    band.spend_not_drawn = band.spend_drawn ? "" : spend_not_drawn;
  }
  return band;
}

nlohmann::json purchase_band_to_json(const std::optional<PurchaseBand>& band) {
  if (!band) return nullptr;
  return json_object({{"draws", band->draws},
          {"seed", band->seed},
          {"expected_purchases", interval_to_json(band->expected_purchases)},
          {"mean_probability_alive", interval_to_json(band->mean_probability_alive)},
          {"holdout_expected", band->holdout_expected ? interval_to_json(*band->holdout_expected) : nlohmann::json(nullptr)},
          {"clv", band->clv ? interval_to_json(*band->clv) : nlohmann::json(nullptr)},
          {"mean_clv", band->mean_clv ? interval_to_json(*band->mean_clv) : nlohmann::json(nullptr)},
          {"clv_draws", band->clv_draws},
          // Which fits' parameters were drawn: the spend model's only when it has an estimate.
          {"drawn", json_object({{"purchase_model", true}, {"spend_model", band->spend_drawn}})},
          {"spend_not_drawn", band->spend_not_drawn.empty() || !band->clv ? nlohmann::json(nullptr) : nlohmann::json(band->spend_not_drawn)}});
}

}  // namespace retention
