// The strategy planner against hand-computed cases: how programs combine, the projection with
// programs, payback and ROI against acquisition, the funnel's CAC, and the plan's JSON.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/evaluate.hpp"
#include "retention/planner/funnel.hpp"
#include "retention/planner/plan_evaluation.hpp"
#include "retention/planner/plan_projection.hpp"
#include "retention/planner/program_effects.hpp"
#include "retention/scenario/scenario_json.hpp"

namespace retention {
namespace {

ProgramValues keeps(double share, int ramp = 0) {
  ProgramValues p;
  p.churn_reduction = share;
  p.ramp_up_periods = ramp;
  return p;
}

TEST(ProgramEffects, ChurnEffectsCombineMultiplicativelyNotByAddingPoints) {
  const ProgramValues both[] = {keeps(0.2), keeps(0.3)};
  // Keeping 20% then 30% of the rest keeps 44% of leavers: churn x 0.8 x 0.7.
  EXPECT_DOUBLE_EQ(effects_in_period(both, 1).churn_multiplier, 0.56);
  const ProgramValues all[] = {keeps(0.6), keeps(0.6), keeps(0.6)};  // 180% "added" would be nonsense
  EXPECT_NEAR(effects_in_period(all, 1).churn_multiplier, 0.064, 1e-15);
}

TEST(ProgramEffects, RevenueWinBackAndCostsCombine) {
  ProgramValues a, b;
  a.revenue_uplift = 0.10, b.revenue_uplift = 0.05;
  a.win_back = 0.10, b.win_back = 0.20;
  a.fixed_cost_per_period = 100, b.fixed_cost_per_period = 50;
  a.cost_per_customer_per_period = 1, b.cost_per_customer_per_period = 0.5;
  const ProgramValues both[] = {a, b};
  const PeriodEffects e = effects_in_period(both, 1);
  EXPECT_DOUBLE_EQ(e.revenue_multiplier, 1.1 * 1.05);
  EXPECT_DOUBLE_EQ(e.win_back, 1 - 0.9 * 0.8);
  EXPECT_DOUBLE_EQ(e.fixed_cost, 150);
  EXPECT_DOUBLE_EQ(e.cost_per_customer, 1.5);
}

TEST(ProgramEffects, RampUpIsLinearToFullEffect) {
  EXPECT_DOUBLE_EQ(ramp_share(0, 1), 1);
  EXPECT_DOUBLE_EQ(ramp_share(4, 1), 0.25);
  EXPECT_DOUBLE_EQ(ramp_share(4, 3), 0.75);
  EXPECT_DOUBLE_EQ(ramp_share(4, 4), 1);
  EXPECT_DOUBLE_EQ(ramp_share(4, 40), 1);
  const ProgramValues ramped[] = {keeps(0.4, 4)};
  EXPECT_DOUBLE_EQ(effects_in_period(ramped, 2).churn_multiplier, 1 - 0.4 * 0.5);
}

PlanInputs small_base(double churn) {
  PlanInputs in;
  in.base.starting_customers = 1000;
  in.base.revenue_per_customer = 10;
  in.base.gross_margin = 1;
  in.base.horizon_periods = 3;
  in.hazard = {churn};
  return in;
}

TEST(PlanProjection, HandComputedChurnEffectAndWinBack) {
  PlanInputs in = small_base(0.10);
  in.programs = {keeps(0.5)};
  in.programs[0].fixed_cost_per_period = 100;
  PlanProjection out;
  project_plan(in, out);
  // Churn 10% x (1 - 0.5) = 5%: 1000, 950, 902.5 customers; profit = 10 x customers - 100.
  EXPECT_DOUBLE_EQ(out.active_customers[1], 950);
  EXPECT_DOUBLE_EQ(out.active_customers[2], 902.5);
  EXPECT_DOUBLE_EQ(out.cumulative_profit[2], 10 * (1000 + 950 + 902.5) - 300);

  PlanInputs back = small_base(0.10);
  ProgramValues win_back;
  win_back.win_back = 0.5;
  back.programs = {win_back};
  project_plan(back, out);
  // 100 leave in period 1, 50 come back in period 2: 900 + 50; then 95 leave, 47.5 come back.
  EXPECT_DOUBLE_EQ(out.won_back[1], 50);
  EXPECT_DOUBLE_EQ(out.active_customers[1], 950);
  EXPECT_DOUBLE_EQ(out.active_customers[2], 950 - 95 + 47.5);
}

// With no programs the planner's projection is the calculator's, for any curve and timing.
TEST(PlanProjection, WithoutProgramsEqualsTheProjection) {
  for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
    for (bool fitted : {false, true}) {
      ScenarioDocument d;
      d.timing = timing;
      if (fitted) d.retention_curve = SbgParameters{0.704, 1.182};
      Assumptions a = baseline_assumptions(d);
      a.churn_shift = -0.01;
      const Projection expected = project(projection_inputs(a), *a.survival());
      PlanProjection out;
      project_plan(plan_inputs(a), out);
      for (int k = 0; k < d.horizon_periods; ++k) {
        EXPECT_NEAR(out.active_customers[k], expected.active_customers[k], 1e-9 * expected.active_customers[k]);
        EXPECT_NEAR(out.cumulative_discounted_profit[k], expected.cumulative_discounted_profit[k],
                    1e-9 * std::fabs(expected.cumulative_discounted_profit.back()));
      }
    }
  }
}

// Steady 1,000 customers paying 10 a period, undiscounted, 12 periods; a program costing 500
// a period lifts revenue 10% after a 4-period ramp: gains 250, 500, 750, then 1,000 a period.
ScenarioDocument uplift_document() {
  ScenarioDocument d;
  d.revenue_per_customer = 10;
  d.gross_margin_percent = 100;
  d.churn_percent = 0;
  d.annual_discount_rate_percent = 0;
  d.retention_spend_per_customer = 0;
  d.churn_reduction_from_retention_spend_points = 0;
  d.starting_customers = 1000;
  d.new_customers_per_period = 0;
  d.cac = 100;
  d.horizon_periods = 12;
  d.clv_basis = ClvBasis::horizon;
  StrategyPlan plan;
  Program p;
  p.kind = ProgramKind::cross_selling;
  p.name = "Cross-sell";
  p.fixed_cost_per_period = Uncertain::exactly(500);
  p.revenue_uplift_percent = Uncertain::exactly(10);
  p.ramp_up_periods = 4;
  plan.programs.push_back(p);
  d.plan = plan;
  return d;
}

TEST(PlanEvaluation, PaybackRoiAndTheAcquisitionAlternativeByHand) {
  const Result<PlanReport> report = evaluate_plan(uplift_document());
  ASSERT_TRUE(report.ok());
  const ProgramOutcome& o = report.value().programs[0];
  // Cumulative gain: -250, -250, 0 -> pays back in period 3.
  ASSERT_TRUE(o.payback_period);
  EXPECT_EQ(*o.payback_period, 3);
  EXPECT_DOUBLE_EQ(o.discounted_cost, 6000);
  EXPECT_DOUBLE_EQ(o.net_gain, 250 + 500 + 750 + 9 * 1000 - 6000);
  EXPECT_DOUBLE_EQ(*o.roi, 4500.0 / 6000);
  // 500 a period at CAC 100 buys 5 customers a period who never leave: period k has 5k of
  // them paying 10, so the gain is 50 x (1 + ... + 12) - 6,000 = -2,100.
  EXPECT_DOUBLE_EQ(*o.acquisition_net_gain, 50 * 78 - 6000);
  EXPECT_DOUBLE_EQ(*o.acquisition_roi, -2100.0 / 6000);
  // A customer's 12-period value with 10% more revenue: 12 x 11.
  EXPECT_DOUBLE_EQ(*o.clv, 132);
  EXPECT_DOUBLE_EQ(report.value().combined.net_gain, o.net_gain);
  EXPECT_DOUBLE_EQ(report.value().cumulative_gain[2], 0);
}

TEST(PlanEvaluation, AProgramThatNeverPaysBackSaysSo) {
  ScenarioDocument d = uplift_document();
  d.plan->programs[0].fixed_cost_per_period = Uncertain::exactly(1500);  // more than the gain
  const PlanReport r = evaluate_plan(d).value();
  EXPECT_FALSE(r.programs[0].payback_period);
  EXPECT_LT(*r.programs[0].roi, 0);
  d.plan->programs[0].fixed_cost_per_period = Uncertain::exactly(0);  // nothing spent: no ROI, no payback
  const PlanReport free = evaluate_plan(d).value();
  EXPECT_FALSE(free.programs[0].roi);
  EXPECT_FALSE(free.programs[0].payback_period);
  EXPECT_FALSE(free.programs[0].acquisition_roi);
}

TEST(PlanEvaluation, TwoProgramsTogetherAreNotTheSumOfEachAlone) {
  ScenarioDocument d;
  StrategyPlan plan;
  for (double kept : {20.0, 30.0}) {
    Program p;
    p.name = "Keeps " + std::to_string(kept);
    p.churn_reduction_percent = Uncertain::exactly(kept);
    plan.programs.push_back(p);
  }
  d.plan = plan;
  const PlanReport r = evaluate_plan(d).value();
  // The combined plan's customer CLV is the one for churn x 0.56 (5% -> 2.8%).
  Assumptions a = baseline_assumptions(d);
  a.churn = 0.05 * 0.56;
  EXPECT_NEAR(*r.combined.clv, clv_on_basis(a), 1e-9 * clv_on_basis(a));
  EXPECT_GT(r.combined.net_gain, std::max(r.programs[0].net_gain, r.programs[1].net_gain));
}

TEST(Funnel, CacAndTheStepThatMovesItMost) {
  Funnel f;  // 100,000 reached x 20% x 10% x 15% = 300 customers for 10,000
  const FunnelResult r = funnel_cac(f);
  EXPECT_DOUBLE_EQ(r.customers_per_period, 300);
  EXPECT_DOUBLE_EQ(r.cac, 10000.0 / 300);
  EXPECT_DOUBLE_EQ(r.steps[0].cac_one_point_better, 10000.0 / 315);
  EXPECT_DOUBLE_EQ(r.steps[1].cac_one_point_better, 10000.0 / 330);
  EXPECT_DOUBLE_EQ(r.steps[2].cac_one_point_better, 10000.0 / 320);
  EXPECT_EQ(r.step_that_moves_cac_most, 1u);  // the smallest rate, consideration
  EXPECT_EQ(r.steps[1].name, "consideration_percent");
}

TEST(Funnel, ItsCacReplacesTheTypedOneWhenAsked) {
  ScenarioDocument d;
  StrategyPlan plan;
  plan.funnel = Funnel{};
  d.plan = plan;
  EXPECT_DOUBLE_EQ(evaluate(d).value().baseline.assumptions.cac, d.cac);
  d.plan->funnel->use_for_cac = true;
  EXPECT_DOUBLE_EQ(evaluate(d).value().baseline.assumptions.cac, 10000.0 / 300);
}

TEST(PlanJson, RoundTripsAndReadsRanges) {
  ScenarioDocument d = uplift_document();
  d.plan->programs[0].churn_reduction_percent = {10, 5, 20};
  d.plan->funnel = Funnel{};
  d.plan->budget_split = BudgetSplit{};
  d.plan->ranges.push_back({"churn_percent", 0, 3});
  d.plan->seed = 42;
  const auto json = scenario_document_to_json(d);
  EXPECT_EQ(json["version"], 3);  // written as the current version (3: with the panels' settings)
  EXPECT_EQ(json["plan"]["programs"][0]["churn_reduction_percent"]["low"], 5);
  EXPECT_EQ(json["plan"]["programs"][0]["revenue_uplift_percent"], 10);
  const auto back = scenario_document_from_json(json);
  ASSERT_TRUE(back.ok()) << back.errors()[0].message;
  EXPECT_EQ(scenario_document_to_json(back.value()), json);
}

std::vector<std::string> plan_error_fields(const nlohmann::json& plan) {
  auto json = scenario_document_to_json(ScenarioDocument{});
  json["plan"] = plan;
  auto result = scenario_document_from_json(json);
  std::vector<std::string> fields;
  if (!result.ok())
    for (const auto& e : result.errors()) fields.push_back(e.field);
  return fields;
}

TEST(PlanJson, BadValuesNameTheirField) {
  using nlohmann::json;
  json program = {{"kind", "loyalty_programme"}, {"name", "Points"}};
  program["churn_reduction_percent"] = {{"low", 20}, {"likely", 10}, {"high", 30}};
  EXPECT_EQ(plan_error_fields({{"programs", {program}}}),
            std::vector<std::string>{"plan.programs[0].churn_reduction_percent"});
  program["churn_reduction_percent"] = 120;
  EXPECT_EQ(plan_error_fields({{"programs", {program}}}),
            std::vector<std::string>{"plan.programs[0].churn_reduction_percent"});
  program["churn_reduction_percent"] = "lots";
  EXPECT_EQ(plan_error_fields({{"programs", {program}}}),
            std::vector<std::string>{"plan.programs[0].churn_reduction_percent"});
  program["churn_reduction_percent"] = 10;
  program["kind"] = "magic";
  EXPECT_EQ(plan_error_fields({{"programs", {program}}}), std::vector<std::string>{"plan.programs[0].kind"});
  EXPECT_EQ(plan_error_fields({{"ranges", {{"churn_percent", {{"low", 6}, {"high", 9}}}}}}),
            std::vector<std::string>{"plan.ranges.churn_percent"});  // must include the value, 5
  EXPECT_EQ(plan_error_fields({{"ranges", {{"currency", {{"low", 6}, {"high", 9}}}}}}),
            std::vector<std::string>{"plan.ranges.currency"});
  EXPECT_EQ(plan_error_fields({{"funnel", {{"spend_per_period", 1}, {"people_reached", 10}, {"awareness_percent", 0},
                                           {"consideration_percent", 10}, {"decision_percent", 10}}}}),
            std::vector<std::string>{"plan.funnel.awareness_percent"});
  EXPECT_EQ(plan_error_fields({{"draws", 5}}), std::vector<std::string>{"plan.draws"});
  EXPECT_EQ(plan_error_fields({{"seed", -1}}), std::vector<std::string>{"plan.seed"});
  EXPECT_EQ(plan_error_fields({{"programs", json::array({1})}}), std::vector<std::string>{"plan.programs[0]"});
  const auto message = scenario_document_from_json([&] {
                         auto j = scenario_document_to_json(ScenarioDocument{});
                         j["plan"] = {{"ranges", {{"churn_percent", {{"low", 6}, {"high", 9}}}}}};
                         return j;
                       }())
                           .errors()[0]
                           .message;
  EXPECT_EQ(message, "The range for Churn % per period must include its value 5 (got 6 to 9).");
}

}  // namespace
}  // namespace retention
