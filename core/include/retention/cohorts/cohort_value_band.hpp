#pragma once
// How sure the cohort models' values are: a new customer's CLV and DERL recomputed for
// parameters drawn from each fit's asymptotic normal (of the log-parameters, from the observed
// information), summarised by P10, P50 and P90. Seeded: the same table gives the same band.
#include <cstdint>
#include <optional>

#include "retention/cohorts/beta_discrete_weibull.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "retention/numerics/quantile.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

// What every curve of the cohort panel is valued with (the calculator's scenario).
struct Valuation {
  double margin = 0, discount_rate = 0;
  Timing timing = Timing::end_of_period;
  std::optional<int> horizon;
};

struct ValueBand {
  int draws = 0;
  std::uint64_t seed = 0;
  Interval clv, derl;  // DERL of a new customer (n = 1), per unit of margin
};

inline constexpr int value_band_draws = default_band_draws;

// How many parameter sets a band draws (0: no band) and their seed: the page's one pair for
// every band (the scenario's analysis settings, which check their limits).
struct BandDraws {
  int draws = value_band_draws;
  std::uint64_t seed = 1;
};

// nullopt without a covariance (a parameter at a limit: no band to draw), or when no draw gives
// finite values.
std::optional<ValueBand> sbg_value_band(const SbgFit& fit, const Valuation& valuation, int draws = value_band_draws,
                                        std::uint64_t seed = 1);
std::optional<ValueBand> bdw_value_band(const BdwFit& fit, const Valuation& valuation, int draws = value_band_draws,
                                        std::uint64_t seed = 1);

}  // namespace retention
