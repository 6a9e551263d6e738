// Bands on the cohort models' CLV and DERL: the sBG's log-parameter covariance is its standard
// errors' (delta method), each band holds its point value, the same seed gives the same band,
// and four times the customers (every count times 4) halve its width, as 1/sqrt(n) says.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/assumptions.hpp"
#include "retention/cohorts/cohort_analysis.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

ScenarioDocument valuation() { return test::yearly_margin_of_100(); }

TEST(CohortValueBand, TheLogCovarianceIsTheStandardErrorsDeltaMethod) {
  const CohortAnalysis a = analyse_cohorts(test::regular_cohort(), valuation(), 4).value();
  ASSERT_EQ(a.fit.log_parameter_covariance.size(), 4u);
  EXPECT_NEAR(std::sqrt(a.fit.log_parameter_covariance[0]) * a.fit.parameters.alpha, *a.fit.alpha_standard_error, 1e-12);
  EXPECT_NEAR(std::sqrt(a.fit.log_parameter_covariance[3]) * a.fit.parameters.beta, *a.fit.beta_standard_error, 1e-12);
  EXPECT_EQ(a.fit.log_parameter_covariance[1], a.fit.log_parameter_covariance[2]);
  // alpha and beta move together (the mean churn alpha/(alpha+beta) is pinned far better).
  EXPECT_GT(a.fit.log_parameter_covariance[1], 0);
}

TEST(CohortValueBand, EachBandHoldsItsValueAndNarrowsAsOneOverRootN) {
  const CohortTable table = test::regular_cohort();
  const CohortAnalysis a = analyse_cohorts(table, valuation(), 4).value();
  ASSERT_TRUE(a.band_sbg && a.band_bdw);
  EXPECT_EQ(a.band_sbg->draws, 200);
  EXPECT_LT(a.band_sbg->clv.p10, a.value.clv_sbg);
  EXPECT_GT(a.band_sbg->clv.p90, a.value.clv_sbg);
  EXPECT_LT(a.band_sbg->derl.p10, *a.value.derl_sbg);
  EXPECT_GT(a.band_sbg->derl.p90, *a.value.derl_sbg);
  EXPECT_LT(a.band_bdw->clv.p10, *a.value.clv_bdw);
  EXPECT_GT(a.band_bdw->clv.p90, *a.value.clv_bdw);
  EXPECT_LT(a.band_bdw->derl.p10, *a.value.derl_bdw);
  EXPECT_GT(a.band_bdw->derl.p90, *a.value.derl_bdw);
  // The three-parameter BdW is less sure of its value than the sBG on the same four years.
  EXPECT_GT(a.band_bdw->clv.p90 - a.band_bdw->clv.p10, a.band_sbg->clv.p90 - a.band_sbg->clv.p10);

  const CohortAnalysis again = analyse_cohorts(table, valuation(), 4).value();
  EXPECT_EQ(again.band_sbg->clv.p90, a.band_sbg->clv.p90);
  EXPECT_NE(sbg_value_band(a.fit, {100, 0.1, Timing::end_of_period, std::nullopt}, 200, 2)->clv.p90,
            sbg_value_band(a.fit, {100, 0.1, Timing::end_of_period, std::nullopt}, 200, 1)->clv.p90);

  CohortTable four = table;
  for (auto& cohort : four.survivors)
    for (double& n : cohort) n *= 4;
  const CohortAnalysis wider = analyse_cohorts(four, valuation(), 4).value();
  const double width = a.band_sbg->clv.p90 - a.band_sbg->clv.p10;
  const double narrow = wider.band_sbg->clv.p90 - wider.band_sbg->clv.p10;
  EXPECT_NEAR(narrow / width, 0.5, 0.05);
  EXPECT_NEAR(wider.value.clv_sbg, a.value.clv_sbg, 1e-6 * a.value.clv_sbg);  // the same estimate
}

// A curve that cannot be evaluated (a BdW drawn far in a tail gives NaN) has no sum: the sums
// say so at its first term instead of adding a million NaNs (a 3-cohort table found by the fuzzer
// took 11 s in its band), and the band leaves that draw out.
TEST(CohortValueBand, ACurveThatCannotBeEvaluatedEndsItsSumsAtOnce) {
  struct Broken final : SurvivalCurve {
    mutable int calls = 0;
    double survival(int t) const override { return ++calls, t == 0 ? 1.0 : std::nan(""); }
  } broken;
  EXPECT_FALSE(discounted_expected_residual_lifetime(broken, 0.01, 1));
  EXPECT_LE(broken.calls, 3);
  broken.calls = 0;
  EXPECT_TRUE(std::isnan(broken.discounted_sum(0.01, 0, std::nullopt)));
  EXPECT_LE(broken.calls, 3);
  const CohortAnalysis a = analyse_cohorts(parse_cohort_table("period;A;B\n0;1000;2000\n1;800;1500\n2;700;\n",
                                                              CohortLayout::cohorts_in_columns).value(),
                                           ScenarioDocument{}, 0).value();
  ASSERT_TRUE(a.band_bdw);
  EXPECT_TRUE(std::isfinite(a.band_bdw->clv.p10) && std::isfinite(a.band_bdw->clv.p90));
}

// The page's draws and seed reach both bands: another seed draws other parameters (another band
// around the same estimate), the same seed the same band, the draws asked for are the draws made,
// and no draws is no band.
TEST(CohortValueBand, TheDrawsAndSeedGivenMakeTheBands) {
  const CohortTable table = test::regular_cohort();
  const CohortAnalysis standard = analyse_cohorts(table, valuation(), 4).value();
  const CohortAnalysis seven = analyse_cohorts(table, valuation(), 4, BandDraws{300, 7}).value();
  const CohortAnalysis again = analyse_cohorts(table, valuation(), 4, BandDraws{300, 7}).value();
  ASSERT_TRUE(seven.band_sbg && seven.band_bdw && standard.band_sbg);
  EXPECT_EQ(seven.band_sbg->seed, 7u);
  EXPECT_EQ(seven.band_sbg->draws, 300);
  EXPECT_EQ(seven.band_sbg->clv.p10, again.band_sbg->clv.p10);
  EXPECT_EQ(seven.band_bdw->derl.p90, again.band_bdw->derl.p90);
  EXPECT_NE(seven.band_sbg->clv.p10, standard.band_sbg->clv.p10);
  EXPECT_EQ(seven.value.clv_sbg, standard.value.clv_sbg);
  // The same as drawing the band directly with that seed.
  const Assumptions base = baseline_assumptions(valuation());
  const Valuation v{base.margin_per_period(), base.discount_rate(), base.timing, base.clv_horizon()};
  EXPECT_EQ(sbg_value_band(seven.fit, v, 300, 7)->clv.p10, seven.band_sbg->clv.p10);
  // Left out, the draws and seed are 200 and 1.
  const CohortAnalysis explicit_default = analyse_cohorts(table, valuation(), 4, BandDraws{200, 1}).value();
  EXPECT_EQ(explicit_default.band_sbg->clv.p10, standard.band_sbg->clv.p10);
  EXPECT_EQ(explicit_default.band_bdw->clv.p90, standard.band_bdw->clv.p90);
  const CohortAnalysis none = analyse_cohorts(table, valuation(), 4, BandDraws{0, 1}).value();
  EXPECT_FALSE(none.band_sbg);
  EXPECT_FALSE(none.band_bdw);
}

// The page's entry point takes the draws and seed from the scenario's analysis settings, and the
// scenario's reader names a bad one.
TEST(CohortValueBand, TheScenariosSettingsGiveTheDrawsAndSeed) {
  const std::string table = "period,A\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n";
  nlohmann::json scenario = scenario_document_to_json(valuation());
  const CohortAnalysis standard = analyse_cohort_text(table, CohortLayout::cohorts_in_columns, 0, scenario.dump()).value();
  scenario["analysis"] = {{"band_draws", 300}, {"band_seed", 7}};
  const CohortAnalysis seven = analyse_cohort_text(table, CohortLayout::cohorts_in_columns, 0, scenario.dump()).value();
  const CohortAnalysis direct = analyse_cohorts(parse_cohort_table(table, CohortLayout::cohorts_in_columns).value(),
                                                valuation(), 0, BandDraws{300, 7}).value();
  ASSERT_TRUE(standard.band_sbg && seven.band_sbg && direct.band_sbg);
  EXPECT_EQ(standard.band_sbg->seed, 1u);
  EXPECT_EQ(standard.band_sbg->draws, 200);
  EXPECT_EQ(seven.band_sbg->seed, 7u);
  EXPECT_EQ(seven.band_sbg->clv.p10, direct.band_sbg->clv.p10);
  EXPECT_NE(seven.band_sbg->clv.p10, standard.band_sbg->clv.p10);
  scenario["analysis"] = {{"band_seed", -1}};
  const Result<CohortAnalysis> bad = analyse_cohort_text(table, CohortLayout::cohorts_in_columns, 0, scenario.dump());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors().front().field, "analysis.band_seed");
  EXPECT_NE(bad.errors().front().message.find("0 to 4,294,967,295"), std::string::npos);
}

}  // namespace
}  // namespace retention
