#pragma once
// The inverse question: which churn gives a wanted CLV, all else equal.
#include <optional>

#include "retention/assumptions.hpp"

namespace retention {

// Highest churn (fraction, 0..1) at which CLV on the scenario's basis still reaches
// `target_clv`. CLV falls as churn rises, so bisection converges; nullopt when even zero
// churn falls short, 1 when even total churn reaches it.
std::optional<double> churn_for_clv(Assumptions a, double target_clv);

}  // namespace retention
