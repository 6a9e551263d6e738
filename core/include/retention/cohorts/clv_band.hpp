#pragma once
// How sure the headline CLV is when a fitted retention curve gives it: the baseline's CLV (the
// calculator's own clv_on_basis) recomputed for curves drawn from the fit's asymptotic normal of
// (ln alpha, ln beta), with the covariance the scenario document carries, summarised by P10, P50
// and P90. Seeded: the same document (a share link's too) always gives the same band. The cohort
// module computes it, after the page shows its result: the page's own module does not carry it.
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "retention/calculator/assumptions.hpp"
#include "retention/cohorts/curve_uncertainty.hpp"
#include "retention/numerics/quantile.hpp"

namespace retention {

struct ClvBand {
  int draws = 0;            // curves drawn
  int unbounded_draws = 0;  // of them, those whose CLV does not converge; left out of the band
  std::uint64_t seed = 0;
  // nullopt when more than 1 draw in 10 is unbounded: a band over the bounded rest would hide how
  // unsure the value is (the page says so with these counts).
  std::optional<Interval> clv;
};

inline constexpr int clv_band_draws = 200;
inline constexpr std::uint64_t clv_band_seed = 1;

// `baseline` must have a retention curve (its draws replace it).
ClvBand clv_band(const Assumptions& baseline, const CurveUncertainty& uncertainty, int draws = clv_band_draws,
                 std::uint64_t seed = clv_band_seed);

// {draws, unbounded_draws, seed, clv: {p10, p50, p90} or null}
nlohmann::json clv_band_to_json(const ClvBand& band);

}  // namespace retention
