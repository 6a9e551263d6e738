// The planner's fast paths with a fitted (sBG) curve against the straightforward sums written out
// here: the lifetime sum in closed form (plain, and a draw's CLV with every hazard scaled) and the
// cohort walk that sums settled cohorts instead of updating each.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "retention/calculator/survival.hpp"
#include "retention/cohorts/sbg_lifetime_sum.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "retention/calculator/assumptions.hpp"
#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_evaluation.hpp"
#include "retention/planner/plan_projection.hpp"

namespace retention {
namespace {

// sum over t >= first of S(t) v^t, S(t) = prod_{j<=t} (1 - clamp(scale alpha/(alpha+beta+j-1) + shift)),
// term by term in long double until the terms are 1e-20 of the total.
double summed_term_by_term(double alpha, double beta, double d, int first, double scale = 1, double shift = 0) {
  const long double v = 1.0L / (1.0L + d);
  long double s = 1, discount = 1, total = 0;
  for (int t = 0;; ++t) {
    if (t > 0) s *= 1 - std::clamp(scale * alpha / (alpha + beta + t - 1) + shift, 0.0, 1.0);
    if (t >= first) {
      total += s * discount;
      if (s * discount <= total * 1e-20L || t > 5'000'000) break;
    }
    discount *= v;
  }
  return static_cast<double>(total);
}

constexpr double alphas[] = {0.05, 0.3, 0.704, 0.97, 0.99, 1.0, 1.03, 1.5, 1.95, 2.5, 7};
constexpr double betas[] = {0.05, 1.182, 40};
constexpr double discounts[] = {0.0008, 0.00797, 0.1};

TEST(SbgLifetimeSum, ClosedFormEqualsTheSeries) {
  int closed = 0;
  for (double alpha : alphas)
    for (double beta : betas)
      for (double d : discounts) {
        const double expected = summed_term_by_term(alpha, beta, d, 0);
        const auto value = sbg_discounted_lifetime({alpha, beta}, d);
        if (value) {
          ++closed;
          EXPECT_NEAR(*value, expected, 1e-9 * expected) << alpha << " " << beta << " " << d;
        }
        // The calculator's series (which the closed form falls back to) gives the same answer.
        for (int first : {0, 1})
          EXPECT_NEAR(SbgSurvival({alpha, beta}).discounted_sum(d, first, std::nullopt),
                      summed_term_by_term(alpha, beta, d, first), 1e-9 * expected)
              << alpha << " " << beta << " " << d << " " << first;
      }
  // The Monte Carlo's curves (alpha below 1) take the closed form; alpha near 1 and above 2 do not.
  EXPECT_TRUE(sbg_discounted_lifetime({0.704, 1.182}, 0.00797).has_value());
  EXPECT_FALSE(sbg_discounted_lifetime({0.99, 1.182}, 0.00797).has_value());
  EXPECT_FALSE(sbg_discounted_lifetime({2.5, 1.182}, 0.00797).has_value());
  EXPECT_GE(closed, 30);
}

TEST(PlanClv, ScaledHazardsEqualTheSeries) {
  // A draw scales every hazard (churn's range, the programs' churn reduction); past alpha+beta the
  // first hazards clamp at 1, and a shift is never an sBG: both sum the series. Each timing's sum
  // as customer_lifetime_value takes it (docs/model.md).
  Assumptions a;
  a.retention_curve = SbgParameters{0.704, 1.182};
  a.revenue_per_customer = 50;
  a.gross_margin = 0.8;
  a.retention_spend_per_customer = 2;
  a.clv_basis = ClvBasis::lifetime;
  for (double scale : {0.2, 0.6, 0.85, 1.0, 1.4, 2.6, 3.5})
    for (double shift : {0.0, -0.01, 0.02})
      for (double annual : {0.01, 0.1, 2.0})
        for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
          a.churn_scale = scale, a.churn_shift = shift, a.annual_discount_rate = annual, a.timing = timing;
          const double d = a.discount_rate();
          const int first = timing == Timing::end_of_period_retained ? 1 : 0;
          const double sum = summed_term_by_term(0.704, 1.182, d, first, scale, shift);
          const double expected = 38 * (timing == Timing::end_of_period ? sum / (1 + d) : sum);
          EXPECT_NEAR(plan_clv(a), expected, 1e-9 * expected) << scale << " " << shift << " " << annual;
          EXPECT_NEAR(clv_on_basis(a), expected, 1e-9 * expected) << scale << " " << shift << " " << annual;
        }
  // On the horizon basis the sum is finite and stays the calculator's.
  a.clv_basis = ClvBasis::horizon;
  a.horizon_periods = 24;
  a.churn_scale = 0.85, a.churn_shift = 0, a.annual_discount_rate = 0.1, a.timing = Timing::start_of_period;
  EXPECT_EQ(plan_clv(a), clv_on_basis(a));
}

// The walk as written first: every cohort churned in every period at its own tenure.
void expect_straightforward_walk(const PlanInputs& in, const std::string& label) {
  PlanProjection out;
  project_plan(in, out);
  std::vector<double> cohorts;
  double churned_before = 0;
  for (int k = 0; k < in.base.horizon_periods; ++k) {
    const PeriodEffects e = effects_in_period(in.programs, k + 1);
    const double won_back = churned_before * e.win_back;
    const double extra = in.extra_new_customers.empty() ? 0 : in.extra_new_customers[k];
    cohorts.push_back((k == 0 ? in.base.starting_customers : 0) + in.base.new_customers_per_period + extra + won_back);
    double active = 0, churned = 0;
    for (int i = 0; i <= k; ++i) {
      const double lost = cohorts[i] * std::clamp(in.hazard[k - i] * e.churn_multiplier, 0.0, 1.0);
      active += cohorts[i];
      churned += lost;
      cohorts[i] -= lost;
    }
    EXPECT_NEAR(out.active_customers[k], active, 1e-12 * active) << label << " " << k;
    EXPECT_NEAR(out.won_back[k], won_back, 1e-12 * active) << label << " " << k;
    churned_before = churned;
  }
}

TEST(PlanProjection, CohortWalkEqualsTheStraightforwardWalk) {
  PlanInputs in;
  in.base.starting_customers = 1000;
  in.base.new_customers_per_period = 100;
  in.base.revenue_per_customer = 50;
  in.base.gross_margin = 0.8;
  in.base.discount_rate = 0.008;
  in.base.horizon_periods = 37;  // not a multiple of the four sums
  const SbgSurvival curve({0.704, 1.182});
  in.hazard = tenure_hazards(curve, false, in.base.horizon_periods);
  expect_straightforward_walk(in, "no programs");
  // Ramp-ups (cohorts churned one by one until period 5), win-back (varying arrivals).
  in.programs = {{0, 0, 0.15, 0, 0, 3}, {0, 0, 0, 0, 0.06, 0}, {0, 0, 0.1, 0.02, 0.03, 5}};
  expect_straightforward_walk(in, "ramp-ups");
  // No ramp-up: every cohort settled from the first period, the starting base among them; extra
  // customers from period 10 on; the first hazards clamped at 1 by a tripled churn.
  in.programs = {{0, 0, -2.0, 0, 0.05, 0}};
  in.extra_new_customers.assign(37, 0.0);
  for (int k = 10; k < 37; ++k) in.extra_new_customers[k] = 7.0 * k;
  expect_straightforward_walk(in, "settled at once");
  // A ramp longer than the horizon: no cohort ever settles.
  in.programs = {{0, 0, 0.3, 0, 0.02, 50}};
  expect_straightforward_walk(in, "never settled");
}

TEST(MonteCarlo, FittedCurveClvEqualsTheSeriesInEveryDraw) {
  // No ranges: every draw values the same curve, its hazards scaled by the loyalty programme.
  ScenarioDocument d;
  d.retention_curve = SbgParameters{0.704, 1.182};
  d.timing = Timing::start_of_period;
  d.clv_basis = ClvBasis::lifetime;
  StrategyPlan plan;
  Program loyalty;
  loyalty.name = "Loyalty";
  loyalty.cost_per_customer_per_period = Uncertain::exactly(1);
  loyalty.churn_reduction_percent = Uncertain::exactly(15);
  loyalty.revenue_uplift_percent = Uncertain::exactly(4);
  loyalty.ramp_up_periods = 3;
  plan.programs = {loyalty};
  plan.draws = 100;
  d.plan = plan;
  const auto result = simulate_plan(d);
  ASSERT_TRUE(result.ok()) << result.errors().front().field;
  const MonteCarloResult& mc = result.value();
  const double margin = d.revenue_per_customer * 1.04 * d.gross_margin_percent / 100 - (d.retention_spend_per_customer + 1);
  const double rate = std::pow(1 + d.annual_discount_rate_percent / 100, 1.0 / 12) - 1;
  const double expected = margin * summed_term_by_term(0.704, 1.182, rate, 0, 0.85);
  EXPECT_NEAR(mc.clv.p10, expected, 1e-9 * expected);
  EXPECT_NEAR(mc.clv.p90, expected, 1e-9 * expected);
}

}  // namespace
}  // namespace retention
