// Invariants over random valid scenarios, and extreme but legal inputs against closed forms.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "retention/calculator/evaluate.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "json_checks.hpp"

namespace retention {
namespace {

ScenarioDocument random_document(std::mt19937_64& random) {
  auto uniform = [&](double low, double high) { return std::uniform_real_distribution<double>(low, high)(random); };
  auto chance = [&](double p) { return uniform(0, 1) < p; };
  ScenarioDocument d;
  d.period = chance(0.5) ? Period::month : Period::year;
  d.revenue_per_customer = chance(0.1) ? 0 : std::exp(uniform(0, 9));
  d.gross_margin_percent = uniform(0, 100);
  d.churn_percent = chance(0.05) ? 100 : std::exp(uniform(std::log(1e-4), std::log(100)));
  d.annual_discount_rate_percent = chance(0.1) ? 0 : uniform(0, 100);
  d.cac = chance(0.1) ? 0 : std::exp(uniform(0, 9));
  d.retention_spend_per_customer = uniform(0, d.revenue_per_customer);
  d.churn_reduction_from_retention_spend_points = uniform(0, 100 - d.churn_percent);
  d.starting_customers = std::floor(uniform(0, 1e5));
  d.new_customers_per_period = std::floor(uniform(0, 1e4));
  d.horizon_periods = static_cast<int>(uniform(1, max_horizon_periods + 0.999));
  d.timing = static_cast<Timing>(static_cast<int>(uniform(0, 2.999)));
  d.clv_basis = chance(0.5) ? ClvBasis::lifetime : ClvBasis::horizon;
  d.payback_discounted = chance(0.5);
  if (chance(0.3)) d.retention_curve = SbgParameters{std::exp(uniform(-3, 3)), std::exp(uniform(-3, 4))};
  // Keep to valid documents: a lifetime sum must converge without a discount.
  if (d.annual_discount_rate_percent == 0 && d.clv_basis == ClvBasis::lifetime &&
      (d.churn_percent == 0 || (d.retention_curve && d.retention_curve->alpha <= 1)))
    d.clv_basis = ClvBasis::horizon;
  const int scenarios = static_cast<int>(uniform(0, 3.999));
  for (int i = 0; i < scenarios; ++i) {
    ScenarioChange change;
    change.name = "S" + std::to_string(i);
    if (chance(0.5)) change.churn_change_points = uniform(-d.churn_percent, 100 - d.churn_percent) * 0.999;
    else if (chance(0.5))
      change.churn_change_percent = uniform(-100, std::min(1000.0, 100 / std::max(d.churn_percent, 1e-3) * 100 - 100)) * 0.999;
    if (chance(0.3)) change.revenue_per_customer = uniform(0, 2 * d.revenue_per_customer);
    if (chance(0.3)) change.cac = uniform(0, 2 * d.cac + 1);
    if (chance(0.3)) change.new_customers_per_period = uniform(0, 2e4);
    d.scenarios.push_back(change);
  }
  return d;
}

TEST(Properties, RandomValidScenarios) {
  std::mt19937_64 random(20261122);
  int evaluated = 0;
  for (int sample = 0; sample < 400; ++sample) {
    const ScenarioDocument d = random_document(random);
    Result<Report> report = evaluate(d);
    if (!report.ok()) {
      // Only the rules about infinite lifetime sums may reject a generated document.
      for (const auto& e : report.errors()) ADD_FAILURE() << sample << ": " << e.field << ": " << e.message;
      continue;
    }
    ++evaluated;
    const Report& r = report.value();
    EXPECT_EQ(testing::report_summary_problems(report_summary_to_json(r)), std::vector<std::string>{}) << sample;
    Result<ScenarioDocument> again = scenario_document_from_json(scenario_document_to_json(r.document));
    ASSERT_TRUE(again.ok()) << sample;
    std::vector<const ScenarioResult*> results{&r.baseline};
    for (const ScenarioResult& s : r.scenarios) results.push_back(&s);
    for (const ScenarioResult* s : results) {
      const Projection& p = s->projection;
      ASSERT_EQ(p.periods(), d.horizon_periods);
      double in = d.starting_customers, out = 0;
      for (int k = 0; k < p.periods(); ++k) {
        in += p.new_customers[k];
        out += p.churned[k];
        ASSERT_TRUE(std::isfinite(p.cumulative_discounted_profit[k])) << sample;
        ASSERT_GE(p.customers_at_end[k], -1e-9 * in) << sample;
        ASSERT_NEAR(p.customers_at_end[k], in - out, 1e-9 * std::max(1.0, in)) << sample;
      }
      EXPECT_FALSE(std::isnan(s->value.clv)) << sample;
      EXPECT_TRUE(std::isfinite(s->value.clv_horizon)) << sample;
      if (s->value.margin_per_period >= 0 && s->value.clv_lifetime) {
        EXPECT_LE(s->value.clv_horizon, *s->value.clv_lifetime * (1 + 1e-12) + 1e-9) << sample;
      }
    }
    // CLV falls as churn rises (for a non-negative margin), whatever the curve.
    for (const SensitivityRow& row : r.sensitivity) {
      if (row.input != "churn_percent" || r.baseline.value.margin_per_period < 0 || !std::isfinite(row.clv_low)) continue;
      EXPECT_GE(row.clv_low, r.baseline.value.clv * (1 - 1e-12) - 1e-9) << sample;
      EXPECT_LE(row.clv_high, r.baseline.value.clv * (1 + 1e-12) + 1e-9) << sample;
    }
  }
  EXPECT_EQ(evaluated, 400);
}

ScenarioDocument one_customer(double churn_percent, double annual_discount_percent) {
  ScenarioDocument d;
  d.revenue_per_customer = 100;
  d.gross_margin_percent = 100;
  d.retention_spend_per_customer = 0;
  d.churn_reduction_from_retention_spend_points = 0;
  d.churn_percent = churn_percent;
  d.annual_discount_rate_percent = annual_discount_percent;
  return d;
}

TEST(ExtremeInputs, TinyChurn) {
  // 0.0001% churn a month: CLV = m(1+d)/(c+d) stays exact.
  Result<Report> r = evaluate(one_customer(1e-4, 10));
  ASSERT_TRUE(r.ok());
  const double d = std::pow(1.1, 1.0 / 12) - 1, c = 1e-6;
  EXPECT_NEAR(r.value().baseline.value.clv, 100 * (1 + d) / (c + d), 1e-9 * 100 * (1 + d) / (c + d));
  EXPECT_NEAR(*r.value().baseline.value.expected_lifetime_periods, 1 / c, 1e-6 / c);
}

TEST(ExtremeInputs, AlmostTotalChurn) {
  Result<Report> r = evaluate(one_customer(99.99, 10));
  ASSERT_TRUE(r.ok());
  const double d = std::pow(1.1, 1.0 / 12) - 1, c = 0.9999;
  EXPECT_NEAR(r.value().baseline.value.clv, 100 * (1 + d) / (c + d), 1e-9);
  EXPECT_GT(r.value().baseline.value.clv, 100);
}

TEST(ExtremeInputs, NoDiscountIsTheSaasRule) {
  Result<Report> r = evaluate(one_customer(2, 0));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r.value().baseline.value.clv, 100 / 0.02, 1e-9);
}

TEST(ExtremeInputs, LongestHorizonAndLargestAmounts) {
  ScenarioDocument d;
  d.horizon_periods = max_horizon_periods;
  d.revenue_per_customer = max_amount;
  d.cac = max_amount;
  d.starting_customers = max_amount;
  d.new_customers_per_period = max_amount;
  d.churn_percent = 1e-4;
  d.annual_discount_rate_percent = 0;
  d.clv_basis = ClvBasis::horizon;
  Result<Report> r = evaluate(d);
  ASSERT_TRUE(r.ok());
  const nlohmann::json summary = report_summary_to_json(r.value());
  EXPECT_FALSE(nlohmann::json::parse(to_json_text(summary), nullptr, false).is_discarded());
  EXPECT_EQ(testing::report_summary_problems(summary), std::vector<std::string>{});
  for (double v : r.value().baseline.projection.cumulative_discounted_profit) ASSERT_TRUE(std::isfinite(v));
  EXPECT_NEAR(r.value().baseline.projection.active_customers.back(),
              1e9 * std::pow(1 - 1e-6, 599) + 1e9 * (1 - std::pow(1 - 1e-6, 600)) / 1e-6, 1e3);
}

TEST(ExtremeInputs, TinyDiscountWithAFittedCurveIsBoundedWork) {
  // A discount this small cannot settle the fitted curve's lifetime sum; it must say so quickly
  // (as an unbounded CLV), not spin.
  ScenarioDocument d = one_customer(5, 1e-9);
  d.retention_curve = SbgParameters{0.5, 2};
  Result<Report> r = evaluate(d);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value().baseline.value.clv_lifetime.has_value());
  EXPECT_EQ(testing::report_summary_problems(report_summary_to_json(r.value())), std::vector<std::string>{});
}

}  // namespace
}  // namespace retention
