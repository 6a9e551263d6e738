#pragma once
// Splitting an extra budget per period between acquisition and retention to maximise the
// cumulative discounted profit over the horizon. Both sides saturate:
//   extra customers  n(A) = N (1 - exp(-A / (N CAC)))   (the first ones cost CAC, never more than N)
//   leavers kept     e(R) = E (1 - 2^(-R / H))           (half of E at spend H)
#include <vector>

#include "retention/calculator/assumptions.hpp"
#include "retention/planner/strategy_plan.hpp"

namespace retention {

double extra_customers_from_spend(const BudgetSplit& split, double cac, double spend);
double leavers_kept_from_spend(const BudgetSplit& split, double spend);  // fraction

// Cumulative discounted profit at the horizon with `acquisition_share` of the budget on acquisition.
double profit_with_split(const Assumptions& a, const BudgetSplit& split, double acquisition_share);

struct BudgetSplitResult {
  std::vector<double> acquisition_share;  // 0, 0.01, ..., 1: the curve the page draws
  std::vector<double> profit;
  double best_share = 0;
  double best_profit = 0;
  double best_extra_customers_per_period = 0;
  double best_leavers_kept = 0;  // fraction
  double profit_without_budget = 0;
};

// Grid of 101 splits, then golden-section search around the best one.
BudgetSplitResult optimise_budget_split(const Assumptions& a, const BudgetSplit& split);

}  // namespace retention
