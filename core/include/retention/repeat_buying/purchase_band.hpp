#pragma once
// How sure the purchase predictions are: the answers recomputed for parameters drawn from the fit's
// asymptotic normal (numerics/parameter_draws.hpp), summarised by their P10, P50 and P90. Computed
// on the weighted rows the models fit (one evaluation per distinct history and draw).
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "retention/numerics/quantile.hpp"

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model_comparison.hpp"

namespace retention {

struct PurchaseBand {
  int draws = 0;
  std::uint64_t seed = 0;
  Interval expected_purchases;               // by all customers in the prediction window
  Interval mean_probability_alive;
  std::optional<Interval> holdout_expected;  // cumulative repeat purchases over the holdout
};

// nullopt when the fit has no covariance (a parameter at a limit: no band to draw) or no draws.
// The draws are capped by the rows' number (at least 40): `draws` of the band says how many.
// `rows`: weighted (x, t_x, T) rows; window and holdout in the rows' time unit (holdout 0: none).
std::optional<PurchaseBand> purchase_band(const PurchaseModelResult& model, const CustomerSummary& rows, double window,
                                          double holdout, int draws, std::uint64_t seed);

nlohmann::json purchase_band_to_json(const std::optional<PurchaseBand>& band);

}  // namespace retention
