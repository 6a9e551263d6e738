#pragma once
// Customer lifetime value and the quantities derived from it, for any survival curve and any
// of the three cash-timing conventions (docs/model.md).
#include <optional>

#include "retention/scenario/scenario.hpp"
#include "retention/calculator/survival.hpp"

namespace retention {

// Annual rate D (as a fraction) to the per-period rate: (1+D)^(1/12) - 1 for months.
double period_discount_rate(double annual_rate, Period period);

// CLV of one customer earning `margin` per period. `horizon` periods (nullopt: no horizon).
// Returns +infinity when the lifetime sum does not converge (no churn and no discount).
double customer_lifetime_value(const SurvivalCurve& curve, double margin, double d, Timing timing,
                               std::optional<int> horizon);

// Expected number of periods as a customer, sum of S(t) for t = 0..horizon-1 (or all t).
// +infinity when churn is 0 and there is no horizon.
double expected_lifetime(const SurvivalCurve& curve, std::optional<int> horizon);

// The period (1 = the first) in which the survival-weighted cumulative margin first reaches
// CAC, searching up to `max_periods`; nullopt when it never does.
std::optional<int> cac_payback_period(const SurvivalCurve& curve, double margin, double cac, double d,
                                      Timing timing, bool discounted, int max_periods);

}  // namespace retention
