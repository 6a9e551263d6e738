#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/evaluate.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "json_checks.hpp"

namespace retention {
namespace {

TEST(Evaluate, DefaultBaselineByClosedForm) {
  Result<Report> report = evaluate(ScenarioDocument{});
  ASSERT_TRUE(report.ok());
  const CustomerValue& v = report.value().baseline.value;
  const double d = std::pow(1.1, 1.0 / 12) - 1;
  EXPECT_NEAR(v.margin_per_period, 38, 1e-12);
  EXPECT_NEAR(v.clv, 38 * (1 + d) / (0.05 + d), 1e-9);
  EXPECT_NEAR(v.net_clv, v.clv - 300, 1e-9);
  EXPECT_NEAR(*v.ltv_to_cac, v.clv / 300, 1e-12);
  EXPECT_NEAR(*v.expected_lifetime_periods, 20, 1e-9);
  // Undiscounted, start of period: 38 * (1 - 0.95^k) / 0.05 first reaches 300 at k = 10.
  EXPECT_EQ(v.payback_period, 10);
  EXPECT_NEAR(v.clv_horizon, 38 * (1 - std::pow(0.95 / (1 + d), 36)) / (1 - 0.95 / (1 + d)), 1e-9);
}

TEST(Evaluate, ScenarioChangesApplyToTheBaseline) {
  ScenarioDocument doc;
  doc.scenarios = {{"No change", {}, {}, {}, {}, {}, {}},
                   {"Points", -1.0, {}, {}, {}, {}, {}},
                   {"Percent", {}, -20.0, {}, {}, {}, {}},
                   {"Price", {}, {}, 60.0, 150.0, 3.0, 250.0}};
  Result<Report> report = evaluate(doc);
  ASSERT_TRUE(report.ok());
  const Report& r = report.value();
  ASSERT_EQ(r.scenarios.size(), 4u);
  EXPECT_DOUBLE_EQ(r.scenarios[0].value.clv, r.baseline.value.clv);
  EXPECT_DOUBLE_EQ(r.scenarios[0].cumulative_discounted_profit, r.baseline.cumulative_discounted_profit);
  EXPECT_NEAR(r.scenarios[1].assumptions.first_period_churn(), 0.04, 1e-15);
  EXPECT_NEAR(r.scenarios[2].assumptions.first_period_churn(), 0.04, 1e-15);
  EXPECT_NEAR(r.scenarios[1].value.clv, r.scenarios[2].value.clv, 1e-9);
  // The scenario's churn cut is credited to the retention spend: 1 + 1 points.
  EXPECT_NEAR(r.scenarios[1].assumptions.churn_reduction_from_retention_spend, 0.02, 1e-15);
  const Assumptions& price = r.scenarios[3].assumptions;
  EXPECT_EQ(price.revenue_per_customer, 60);
  EXPECT_EQ(price.cac, 150);
  EXPECT_EQ(price.retention_spend_per_customer, 3);
  EXPECT_EQ(price.new_customers_per_period, 250);
  EXPECT_NEAR(r.scenarios[3].value.margin_per_period, 60 * 0.8 - 3, 1e-12);
  EXPECT_GT(r.scenarios[1].value.clv, r.baseline.value.clv);
}

TEST(Evaluate, InvalidDocumentIsAnErrorValue) {
  ScenarioDocument doc;
  doc.horizon_periods = 601;
  Result<Report> report = evaluate(doc);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.errors().front().field, "horizon_periods");
  Result<Report> from_text = evaluate_json("{\"version\": 1}");
  ASSERT_FALSE(from_text.ok());
  EXPECT_GT(from_text.errors().size(), 5u);
}

TEST(Sensitivity, MovesEachInputTenPercent) {
  ScenarioDocument doc;
  doc.gross_margin_percent = 95;
  Result<Report> report = evaluate(doc);
  const Report& r = report.value();
  ASSERT_EQ(r.sensitivity.size(), 8u);
  for (const SensitivityRow& row : r.sensitivity) {
    if (row.input == "churn_percent") {
      EXPECT_NEAR(row.low_value, 4.5, 1e-12);
      EXPECT_GT(row.clv_low, r.baseline.value.clv);
      EXPECT_LT(row.clv_high, r.baseline.value.clv);
    } else if (row.input == "gross_margin_percent") {
      EXPECT_NEAR(row.high_value, 100, 1e-12);  // capped
    } else if (row.input == "cac") {
      EXPECT_DOUBLE_EQ(row.clv_low, r.baseline.value.clv);  // CLV does not depend on CAC
      EXPECT_LT(row.profit_high, r.baseline.cumulative_discounted_profit);
    } else if (row.input == "revenue_per_customer") {
      EXPECT_NEAR(row.clv_high - r.baseline.value.clv, r.baseline.value.clv * 5 * 0.95 / (50 * 0.95 - 2), 1e-9);
    }
  }
}

TEST(ReportJson, SummaryHasNullsNotNaN) {
  ScenarioDocument doc;
  doc.cac = 0;
  Result<Report> report = evaluate(doc);
  ASSERT_TRUE(report.ok());
  const nlohmann::json summary = report_summary_to_json(report.value());
  EXPECT_TRUE(summary["results"][0]["value"]["ltv_to_cac"].is_null());
  EXPECT_TRUE(summary["targets"]["churn_for_target_ltv_to_cac"].is_null());
  EXPECT_EQ(summary["results"][0]["value"]["payback_period"], 0);
  EXPECT_EQ(testing::report_summary_problems(summary), std::vector<std::string>{});
  EXPECT_EQ(summary["scenario"], scenario_document_to_json(doc));
}

TEST(ReportJson, CsvHasOneRowPerScenarioAndPeriod) {
  ScenarioDocument doc;
  doc.horizon_periods = 12;
  doc.scenarios = {{"=HYPERLINK(\"x\")", -1.0, {}, {}, {}, {}, {}}};
  Result<Report> report = evaluate(doc);
  const std::string csv = projection_csv(report.value());
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 2 * 12);
  EXPECT_EQ(csv.rfind("scenario,period,active_customers,", 0), 0u);
  EXPECT_NE(csv.find("\"Baseline\",1,1100,1000,100,55,1045,"), std::string::npos) << csv.substr(0, 300);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\",12,"), std::string::npos);  // formula defused
}

}  // namespace
}  // namespace retention
