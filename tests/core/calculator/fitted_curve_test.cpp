// A fitted retention curve driving the calculator through the survival interface.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/evaluate.hpp"
#include "retention/calculator/lifetime_value.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

const SbgParameters regular{0.704, 1.182};

ScenarioDocument fitted_document() {
  ScenarioDocument d = test::yearly_margin_of_100();
  d.horizon_periods = 12;
  d.retention_curve = regular;
  return d;
}

TEST(HazardAdjustedSurvival, ScalesThenShiftsEveryPeriodsChurn) {
  HazardAdjustedSurvival curve(std::make_unique<GeometricSurvival>(0.2), 0.5, 0.01);
  for (int t : {0, 1, 2, 10}) EXPECT_NEAR(curve.survival(t), std::pow(1 - 0.11, t), 1e-14);
  HazardAdjustedSurvival clamped(std::make_unique<GeometricSurvival>(0.2), 1, -0.5);
  EXPECT_DOUBLE_EQ(clamped.survival(30), 1);  // churn cannot go below 0
  SbgSurvival sbg(regular);
  HazardAdjustedSurvival shifted(std::make_unique<SbgSurvival>(regular), 1, -0.01);
  EXPECT_NEAR(shifted.survival(2), (sbg.survival(1) + 0.01) * (sbg.retention(2) + 0.01), 1e-14);
}

TEST(FittedCurve, DrivesTheHeadlineClv) {
  Result<Report> report = evaluate(fitted_document());
  ASSERT_TRUE(report.ok());
  const CustomerValue& v = report.value().baseline.value;
  SbgSurvival curve(regular);
  EXPECT_NEAR(v.clv, customer_lifetime_value(curve, 100, 0.1, Timing::start_of_period, std::nullopt), 1e-9);
  // First payment plus the discounted residual lifetime (Fader & Hardie's DERL) a period later.
  EXPECT_NEAR(v.clv, 100 * (1 + *sbg_derl(regular, 0.1, 1) / 1.1), 1e-6);
  EXPECT_FALSE(v.expected_lifetime_periods.has_value());  // alpha < 1: infinite mean lifetime
  EXPECT_NEAR(report.value().baseline.assumptions.first_period_churn(), 0.704 / (0.704 + 1.182), 1e-12);
  // No single churn answers the inverse question for a fitted curve.
  ASSERT_TRUE(report.value().churn_for_target_ltv_to_cac.has_value());
  EXPECT_FALSE(report.value().churn_for_target_ltv_to_cac->churn_percent.has_value());
}

TEST(FittedCurve, DrivesTheProjection) {
  ScenarioDocument d = fitted_document();
  d.starting_customers = 1000;
  d.new_customers_per_period = 0;
  d.cac = 0;
  Result<Report> report = evaluate(d);
  const Projection& p = report.value().baseline.projection;
  SbgSurvival curve(regular);
  for (int k = 0; k < p.periods(); ++k) EXPECT_NEAR(p.active_customers[k], 1000 * curve.survival(k), 1e-9);
  EXPECT_NEAR(p.cumulative_discounted_profit.back() / 1000, report.value().baseline.value.clv_horizon, 1e-9);
}

TEST(FittedCurve, ScenarioChurnChangesMoveEveryPeriod) {
  ScenarioDocument d = fitted_document();
  d.scenarios = {{"Minus a point", -1.0, {}, {}, {}, {}, {}}, {"Minus a fifth", {}, -20.0, {}, {}, {}, {}}};
  Result<Report> report = evaluate(d);
  ASSERT_TRUE(report.ok());
  const Report& r = report.value();
  const double h1 = 0.704 / (0.704 + 1.182);
  EXPECT_NEAR(r.scenarios[0].assumptions.first_period_churn(), h1 - 0.01, 1e-12);
  EXPECT_NEAR(r.scenarios[1].assumptions.first_period_churn(), h1 * 0.8, 1e-12);
  EXPECT_GT(r.scenarios[0].value.clv, r.baseline.value.clv);
  EXPECT_GT(r.scenarios[1].value.clv, r.scenarios[0].value.clv);
  // 5 points more retention in every period raises CLV, and the break-even cut is found.
  EXPECT_GT(*r.baseline.acquisition_vs_retention.clv_after_5_point_retention_increase, r.baseline.value.clv);
}

TEST(FittedCurve, JsonRoundTripAndErrors) {
  ScenarioDocument d = fitted_document();
  const nlohmann::json text = scenario_document_to_json(d);
  EXPECT_EQ(text["retention_curve"]["model"], "shifted_beta_geometric");
  Result<ScenarioDocument> parsed = scenario_document_from_json(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_DOUBLE_EQ(parsed.value().retention_curve->alpha, 0.704);

  auto first_error = [](nlohmann::json document) {
    Result<ScenarioDocument> result = scenario_document_from_json(document);
    return result.ok() ? FieldError{} : result.errors().front();
  };
  nlohmann::json bad = text;
  bad["retention_curve"]["alpha"] = 0;
  EXPECT_EQ(first_error(bad).field, "retention_curve.alpha");
  EXPECT_NE(first_error(bad).message.find("Fitted retention curve alpha must be above 0"), std::string::npos);
  bad = text;
  bad["retention_curve"]["model"] = "weibull";
  EXPECT_EQ(first_error(bad).field, "retention_curve.model");
  bad = text;
  bad["retention_curve"] = 7;
  EXPECT_EQ(first_error(bad).field, "retention_curve");
  bad = text;
  bad["annual_discount_rate_percent"] = 0;  // alpha 0.704 <= 1: the lifetime sum diverges
  EXPECT_EQ(first_error(bad).field, "retention_curve");
  bad["clv_basis"] = "horizon";
  EXPECT_EQ(first_error(bad).field, "");
}

}  // namespace
}  // namespace retention
