#pragma once
// The inverse question: which churn gives a wanted CLV, all else equal.
#include <optional>

#include "retention/calculator/assumptions.hpp"

namespace retention {

// The largest shift of every period's churn (a fraction from -1 to 1, on top of the scenario's
// own shift being replaced) at which CLV on the scenario's basis still reaches `target_clv`.
// CLV falls as churn rises, so bisection converges; nullopt when even zero churn falls short,
// 1 when even total churn reaches it.
std::optional<double> churn_shift_for_clv(Assumptions a, double target_clv);

// For constant churn: the highest churn (0..1) that still reaches `target_clv`, as above.
// nullopt also for a fitted curve, which has no single churn to report.
std::optional<double> churn_for_clv(const Assumptions& a, double target_clv);

}  // namespace retention
