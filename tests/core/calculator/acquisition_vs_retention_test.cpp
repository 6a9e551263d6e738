// Acquisition-versus-retention figures and the inverse solver against closed forms for the
// default scenario (m = 50 x 80% - 2 = 38 per month, churn 5%, 10% a year, CAC 300).
#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/churn_solver.hpp"
#include "retention/calculator/evaluate.hpp"

namespace retention {
namespace {

const double d = std::pow(1.1, 1.0 / 12) - 1;

// Start-of-period lifetime CLV of a geometric customer.
double closed_form_clv(double margin, double churn) { return margin * (1 + d) / (churn + d); }

TEST(AcquisitionVsRetention, CostToKeepAndRatio) {
  Result<Report> report = evaluate(ScenarioDocument{});
  ASSERT_TRUE(report.ok());
  const AcquisitionVsRetention& a = report.value().baseline.acquisition_vs_retention;
  EXPECT_DOUBLE_EQ(a.cost_to_acquire, 300);
  EXPECT_NEAR(*a.cost_to_keep, 2 / 0.01, 1e-9);  // $2 a month buys one point of churn
  EXPECT_NEAR(*a.acquire_to_keep_ratio, 1.5, 1e-12);
  EXPECT_NEAR(a.acquisition_spend_saved_per_churn_point, 0.01 * 1100 * 300, 1e-9);
}

TEST(AcquisitionVsRetention, BreakEvenChurnReduction) {
  // Without the $2 the margin is 40; the spend breaks even when 40(1+d)/(c'+d) = 38(1+d)/(0.05+d),
  // i.e. c' - 0.05 = (2/38)(0.05 + d).
  Result<Report> report = evaluate(ScenarioDocument{});
  const auto& a = report.value().baseline.acquisition_vs_retention;
  ASSERT_TRUE(a.break_even_churn_reduction_points.has_value());
  EXPECT_NEAR(*a.break_even_churn_reduction_points, 100 * (2.0 / 38) * (0.05 + d), 1e-9);
}

TEST(AcquisitionVsRetention, SpendThatCannotPayBack) {
  // A spend larger than what the whole first period earns can never be recovered by a churn cut.
  ScenarioDocument doc;
  doc.retention_spend_per_customer = 39;
  Result<Report> report = evaluate(doc);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report.value().baseline.acquisition_vs_retention.break_even_churn_reduction_points.has_value());
}

TEST(AcquisitionVsRetention, FivePointRetentionIncrease) {
  ScenarioDocument doc;
  doc.churn_percent = 8;
  Result<Report> report = evaluate(doc);
  const auto& a = report.value().baseline.acquisition_vs_retention;
  const double before = closed_form_clv(38, 0.08), after = closed_form_clv(38, 0.03);
  EXPECT_NEAR(*a.clv_after_5_point_retention_increase, after, 1e-9);
  EXPECT_NEAR(*a.clv_change_percent_after_5_points, (after - before) / before * 100, 1e-9);
  EXPECT_GT(a.profit_after_5_point_retention_increase, report.value().baseline.cumulative_discounted_profit);
}

TEST(AcquisitionVsRetention, FivePointsFromZeroChurnWithoutDiscountIsUnbounded) {
  ScenarioDocument doc;
  doc.churn_percent = 3;
  doc.annual_discount_rate_percent = 0;
  Result<Report> report = evaluate(doc);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report.value().baseline.acquisition_vs_retention.clv_after_5_point_retention_increase.has_value());
  EXPECT_FALSE(report.value().baseline.acquisition_vs_retention.clv_change_percent_after_5_points.has_value());
}

TEST(ChurnSolver, TargetLtvToCac) {
  // LTV:CAC = 3 means CLV = 900: 38(1+d)/(c+d) = 900.
  Result<Report> report = evaluate(ScenarioDocument{});
  const auto& target = report.value().churn_for_target_ltv_to_cac;
  ASSERT_TRUE(target && target->churn_percent);
  EXPECT_NEAR(target->target_clv, 900, 1e-12);
  EXPECT_NEAR(*target->churn_percent, 100 * (38 * (1 + d) / 900 - d), 1e-9);
}

TEST(ChurnSolver, TargetClvOnHorizonBasisIsSolvedNumerically) {
  ScenarioDocument doc;
  doc.clv_basis = ClvBasis::horizon;
  doc.target_clv = 500;
  Result<Report> report = evaluate(doc);
  const auto& target = report.value().churn_for_target_clv;
  ASSERT_TRUE(target && target->churn_percent);
  Assumptions at_solution = baseline_assumptions(doc);
  at_solution.churn = *target->churn_percent / 100;
  EXPECT_NEAR(clv_on_basis(at_solution), 500, 1e-6);
}

TEST(ChurnSolver, UnreachableAndTrivialTargets) {
  Assumptions a = baseline_assumptions(ScenarioDocument{});
  a.clv_basis = ClvBasis::horizon;  // at most 36 x 38 even with no churn
  EXPECT_FALSE(churn_for_clv(a, 36 * 38 + 1).has_value());
  EXPECT_DOUBLE_EQ(*churn_for_clv(a, 38), 1.0);  // the first period alone reaches it
}

}  // namespace
}  // namespace retention
