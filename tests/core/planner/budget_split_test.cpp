// The budget split optimiser against a brute-force grid, and its response curves by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/planner/budget_split.hpp"

namespace retention {
namespace {

TEST(BudgetSplit, ResponseCurvesSaturateAsDocumented) {
  BudgetSplit s;  // at most 50 customers, 30% of leavers, half of it at 2,000
  EXPECT_DOUBLE_EQ(leavers_kept_from_spend(s, 0), 0);
  EXPECT_NEAR(leavers_kept_from_spend(s, 2000), 0.15, 1e-15);
  EXPECT_NEAR(leavers_kept_from_spend(s, 4000), 0.225, 1e-15);
  EXPECT_NEAR(extra_customers_from_spend(s, 300, 50 * 300 * std::log(2.0)), 25, 1e-12);
  // The first customers cost the CAC: the slope at zero spend is 1/CAC.
  EXPECT_NEAR(extra_customers_from_spend(s, 300, 1e-3) / 1e-3, 1.0 / 300, 1e-9);
}

void expect_matches_grid(const ScenarioDocument& d, const BudgetSplit& s) {
  const Assumptions a = baseline_assumptions(d);
  const BudgetSplitResult r = optimise_budget_split(a, s);
  double best_share = 0, best_profit = -INFINITY;
  for (int i = 0; i <= 2000; ++i) {
    const double share = i / 2000.0, profit = profit_with_split(a, s, share);
    if (profit > best_profit) best_profit = profit, best_share = share;
  }
  EXPECT_GE(r.best_profit, best_profit - 1e-9 * std::fabs(best_profit));
  EXPECT_NEAR(r.best_share, best_share, 0.0006);
  EXPECT_DOUBLE_EQ(r.profit[50], profit_with_split(a, s, 0.5));
}

TEST(BudgetSplit, OptimumMatchesABruteForceGrid) {
  ScenarioDocument d;
  expect_matches_grid(d, BudgetSplit{});
  BudgetSplit cheap_retention{5000, 50, 40, 500};  // retention saturates early: a mixed split
  expect_matches_grid(d, cheap_retention);
  d.retention_curve = SbgParameters{0.704, 1.182};
  expect_matches_grid(d, cheap_retention);
}

TEST(BudgetSplit, AUselessSideGetsNothing) {
  ScenarioDocument d;
  BudgetSplit no_retention_effect{5000, 50, 0, 2000};
  const BudgetSplitResult r = optimise_budget_split(baseline_assumptions(d), no_retention_effect);
  EXPECT_DOUBLE_EQ(r.best_share, 1);
  EXPECT_DOUBLE_EQ(r.best_leavers_kept, 0);
}

}  // namespace
}  // namespace retention
