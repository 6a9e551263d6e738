#include <gtest/gtest.h>

#include <cmath>

#include "retention/cohorts/cohort_analysis.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

using test::regular_cohort;
const auto yearly_valuation = test::yearly_margin_of_100;

TEST(CohortAnalysis, HoldoutOfThePublishedCohort) {
  // Fit on years 1-7, project 8-12 (Fader & Hardie 2007): the sBG curve tracks the held-out
  // years, constant churn falls far below them.
  Result<CohortAnalysis> result = analyse_cohorts(regular_cohort(), yearly_valuation(), 7);
  ASSERT_TRUE(result.ok());
  const CohortAnalysis& a = result.value();
  EXPECT_EQ(a.series.holdout_period, (std::vector<double>{8, 9, 10, 11, 12}));
  EXPECT_EQ(a.series.holdout_actual, (std::vector<double>{223, 207, 194, 183, 173}));
  ASSERT_TRUE(a.holdout_error_percent_sbg && a.holdout_error_percent_geometric);
  EXPECT_LT(*a.holdout_error_percent_sbg, 5);
  EXPECT_GT(*a.holdout_error_percent_geometric, 4 * *a.holdout_error_percent_sbg);
  for (std::size_t i = 0; i < a.series.holdout_sbg.size(); ++i)
    EXPECT_NEAR(a.series.holdout_sbg[i], 1000 * SbgSurvival(a.fit.parameters).survival(8 + static_cast<int>(i)), 1e-9);
}

TEST(CohortAnalysis, ConstantChurnUndervaluesTheLoyalCohort) {
  Result<CohortAnalysis> result = analyse_cohorts(regular_cohort(), yearly_valuation(), 7);
  const CohortAnalysis& a = result.value();
  // Geometric churn on years 1-7: customers lost / customer-years at risk.
  const double lost = 1000 - 241, at_risk = 1000 + 631 + 468 + 382 + 326 + 289 + 262;
  EXPECT_NEAR(a.geometric_churn, lost / at_risk, 1e-15);
  EXPECT_GT(a.value.clv_sbg, a.value.clv_geometric);
  // Start-of-period CLV is the first payment plus the residual value one period later:
  // m (1 + DERL / (1 + d)), since DERL counts its first renewal undiscounted.
  ASSERT_TRUE(a.value.derl_sbg.has_value());
  EXPECT_NEAR(a.value.clv_sbg, 100 * (1 + *a.value.derl_sbg / 1.1), 1e-6);
  EXPECT_NEAR(a.value.clv_geometric, 100 * (1 + a.value.derl_geometric / 1.1), 1e-9);
  EXPECT_FALSE(a.value.expected_lifetime_sbg.has_value());  // alpha < 1: the mean lifetime is infinite
  EXPECT_NEAR(a.value.expected_lifetime_geometric, 1 / a.geometric_churn, 1e-12);
}

TEST(CohortAnalysis, SeriesArePooledOverTheCohortsObserved) {
  CohortTable table{{"a", "b"}, {{100, 50, 30}, {200, 150}}};
  Result<CohortAnalysis> result = analyse_cohorts(table, ScenarioDocument{}, 0);
  ASSERT_TRUE(result.ok());
  const CohortSeries& s = result.value().series;
  EXPECT_EQ(s.observed_survival, (std::vector<double>{1, 200.0 / 300, 0.3}));
  EXPECT_EQ(s.observed_retention, (std::vector<double>{200.0 / 300, 0.6}));
  EXPECT_TRUE(s.holdout_period.empty());
  EXPECT_FALSE(result.value().holdout_error_percent_sbg.has_value());
  EXPECT_EQ(s.fitted_survival.size(), 2u + 24 + 1);  // two years of months past the data
}

TEST(CohortAnalysis, CalibrationOutsideTheTableIsAnError) {
  Result<CohortAnalysis> result = analyse_cohorts(regular_cohort(), yearly_valuation(), 13);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().field, "calibration_periods");
  EXPECT_FALSE(analyse_cohorts(regular_cohort(), yearly_valuation(), 1).ok());
}

}  // namespace
}  // namespace retention
