#include <gtest/gtest.h>

#include <cmath>

#include "retention/cohorts/cohort_analysis.hpp"
#include "cohorts/published_base.hpp"
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

// Calibrated on years 1-4 (Fader, Hardie, Liu, Davin & Steenburgh 2018): the analysis carries the
// BdW fit, its curves and holdout, and the test of c = 1 from the two likelihoods.
TEST(CohortAnalysis, TheBdwBesideTheSbg) {
  const CohortTable table = regular_cohort();
  const CohortAnalysis a = analyse_cohorts(table, yearly_valuation(), 4).value();
  ASSERT_TRUE(a.bdw.has_value());
  const BdwFit direct = fit_bdw(table, 4).value();
  EXPECT_EQ(a.bdw->parameters.c, direct.parameters.c);
  EXPECT_NEAR(a.bdw->parameters.c, 1.1964, 0.0002);
  EXPECT_NEAR(a.tenure_test.statistic, 2 * (a.bdw->log_likelihood - a.fit.log_likelihood), 1e-12);
  EXPECT_NEAR(a.tenure_test.statistic, 0.35, 0.005);  // 2 (-1401.383 + 1401.559)
  EXPECT_NEAR(a.tenure_test.p_value, 0.55, 0.01);
  const BdwSurvival curve(a.bdw->parameters);
  ASSERT_EQ(a.series.holdout_bdw.size(), 8u);  // years 5-12
  for (std::size_t i = 0; i < 8; ++i) EXPECT_NEAR(a.series.holdout_bdw[i], 1000 * curve.survival(5 + static_cast<int>(i)), 1e-9);
  EXPECT_EQ(a.series.bdw_survival.size(), a.series.fitted_survival.size());
  for (std::size_t t = 1; t < a.series.bdw_survival.size(); ++t)
    EXPECT_NEAR(a.series.bdw_retention[t - 1], curve.survival(static_cast<int>(t)) / curve.survival(static_cast<int>(t) - 1), 1e-12);
  ASSERT_TRUE(a.holdout_error_percent_bdw && a.value.derl_bdw && a.value.clv_bdw);
  EXPECT_NEAR(*a.value.derl_bdw, *discounted_expected_residual_lifetime(curve, 0.1, 1), 1e-12);
  EXPECT_NEAR(a.first_period_churn, a.fit.parameters.alpha / (a.fit.parameters.alpha + a.fit.parameters.beta), 1e-15);
}

// Fader & Hardie (2010), case 1, through the analysis: the sBG fitted to the five cohorts'
// survivors gives back sBG(3.80, 15.20), and the customers active today are worth 207,438 a unit
// of margin, against 182,292 from one aggregate retention rate (12.1% less).
TEST(CohortAnalysis, TheValueOfTodaysCustomerBase) {
  const CohortAnalysis a = analyse_cohorts(test::published_base(false), yearly_valuation(), 0).value();
  EXPECT_NEAR(a.fit.parameters.alpha, 3.8, 0.01);
  EXPECT_NEAR(a.fit.parameters.beta, 15.2, 0.04);
  ASSERT_TRUE(a.base_value_sbg.has_value());
  const CustomerBaseValue& base = *a.base_value_sbg;
  EXPECT_NEAR(base.value, 100 * 207438, 100 * 207438 * 2e-4);  // margin 100 a year, d = 10%
  EXPECT_NEAR(base.naive_value, 100 * 182292, 100 * 0.5);
  EXPECT_NEAR(base.understatement_percent, 12.1, 0.05);
  ASSERT_TRUE(a.base_value_bdw.has_value());  // the BdW nests the sBG: c near 1 gives the same value
  EXPECT_NEAR(a.base_value_bdw->value, base.value, base.value * 0.01);
  const nlohmann::json json = cohort_analysis_to_json(a);
  EXPECT_NEAR(json["base_value"]["sbg"]["value"].get<double>(), base.value, 1e-6);
  EXPECT_EQ(json["base_value"]["sbg"]["cohorts"].size(), 5u);
  EXPECT_TRUE(json["base_value"]["note"].is_null());
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
