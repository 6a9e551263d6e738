#pragma once
// How sure the purchase predictions are: the answers recomputed for parameters drawn from the fit's
// asymptotic normal (numerics/parameter_draws.hpp), summarised by their P10, P50 and P90. Computed
// on the weighted rows the models fit (one evaluation per distinct history and draw).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/numerics/quantile.hpp"

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model_comparison.hpp"

namespace retention {

// What a CLV band needs besides the purchase rows. Each customer's CLV is
// margin x E[spend per purchase] x P(alive) x the discounted expected purchases if alive, and
// Gamma-Gamma's E[spend] = (1 - w) mean + w m, w = p x / (p x + q - 1), is linear in the
// customer's mean spend m: so per row (customers with the same x, t_x, T) the sum of the spends
// and the sum of the m's are all a draw needs.
struct ClvBandInputs {
  std::vector<double> spend;     // per row of the purchase rows: the customers' E[spend] at the estimates, summed
  std::vector<double> monetary;  // per row: the customers' mean spends m, summed (by weight)
  double margin_fraction = 1;
  double discount_per_unit = 1;  // the purchases of unit k (1..window) are valued at its end, times this^k
  // Gamma-Gamma's (p, q, gamma) and the covariance of their logarithms, when they are drawn; empty:
  // every draw keeps the spends above (no spend model, or one at a limit: no estimate to draw).
  std::vector<double> spend_parameters, spend_log_covariance;
  std::string spend_not_drawn;   // why not, when they are not: "not_fitted", "not_estimated", "no_covariance"
};

struct PurchaseBand {
  int draws = 0;
  std::uint64_t seed = 0;
  Interval expected_purchases;               // by all customers in the prediction window
  Interval mean_probability_alive;
  std::optional<Interval> holdout_expected;  // cumulative repeat purchases over the holdout
  // The discounted CLV over the window, of all customers and per customer, when asked for.
  std::optional<Interval> clv, mean_clv;
  int clv_draws = 0;          // the draws whose CLV could be evaluated (a spend draw with q <= 1 has no mean)
  bool spend_drawn = false;   // Gamma-Gamma's parameters drawn too (else the spends held at the estimates)
  std::string spend_not_drawn;
};

// nullopt when the fit has no covariance (a parameter at a limit: no band to draw) or no draws.
// The draws are capped by the rows' number (at least 40): `draws` of the band says how many.
// `rows`: weighted (x, t_x, T) rows; window and holdout in the rows' time unit (holdout 0: none).
// With `clv`, the band also holds the CLV over the window (a whole number of units then); the
// spend model's draws are seeded apart from the purchase model's but from the same seed.
std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& model, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed,
                                          const std::optional<ClvBandInputs>& clv = std::nullopt);

nlohmann::json purchase_band_to_json(const std::optional<PurchaseBand>& band);

}  // namespace retention
