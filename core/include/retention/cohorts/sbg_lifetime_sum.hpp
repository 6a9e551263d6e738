#pragma once
// The sBG curve's discounted lifetime sum in closed form. Summed term by term it takes thousands
// of terms (S(t) falls like t^-alpha, so only the discount ends it: about 4,000 for monthly
// periods at 10% a year), and the planner's Monte Carlo needs one on every draw.
#include <optional>

#include "retention/cohorts/sbg_parameters.hpp"

namespace retention {

// sum over t >= 0 of S(t) / (1+d)^t for the sBG curve with these parameters. nullopt where the
// closed form would lose precision (alpha within 0.02 of 1, alpha >= 2, large alpha + beta, the
// two terms cancelling) and for d below 1e-4 (where the series may not settle): callers then sum
// the series.
std::optional<double> sbg_discounted_lifetime(SbgParameters parameters, double d);

}  // namespace retention
