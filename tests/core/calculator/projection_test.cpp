#include <gtest/gtest.h>

#include "retention/calculator/lifetime_value.hpp"
#include "retention/calculator/projection.hpp"

namespace retention {
namespace {

ProjectionInputs small_business() {
  ProjectionInputs in;
  in.starting_customers = 100;
  in.new_customers_per_period = 10;
  in.revenue_per_customer = 20;
  in.gross_margin = 0.5;
  in.cac = 30;
  in.retention_spend_per_customer = 1;
  in.discount_rate = 0.01;
  in.horizon_periods = 24;
  return in;
}

TEST(Projection, FirstPeriodsByHand) {
  ProjectionInputs in = small_business();
  Projection p = project(in, GeometricSurvival(0.1));
  ASSERT_EQ(p.periods(), 24);
  // Period 1: 100 + 10 active, 10% of them lost.
  EXPECT_DOUBLE_EQ(p.active_customers[0], 110);
  EXPECT_DOUBLE_EQ(p.churned[0], 11);
  EXPECT_DOUBLE_EQ(p.customers_at_end[0], 99);
  EXPECT_DOUBLE_EQ(p.from_starting_base[0], 100);
  // Period 2: 99 survivors + 10 new; the starting base is down to 90.
  EXPECT_NEAR(p.active_customers[1], 109, 1e-12);
  EXPECT_NEAR(p.from_starting_base[1], 90, 1e-12);
  EXPECT_NEAR(p.churned[1], 10.9, 1e-12);
  EXPECT_DOUBLE_EQ(p.revenue[0], 110 * 20);
  EXPECT_DOUBLE_EQ(p.gross_profit[0], 110 * 10);
  EXPECT_DOUBLE_EQ(p.retention_cost[0], 110);
  EXPECT_DOUBLE_EQ(p.acquisition_cost[0], 300);
  EXPECT_DOUBLE_EQ(p.profit[0], 1100 - 110 - 300);
  // Start-of-period cash: period 1 undiscounted, period 2 divided by 1.01.
  EXPECT_NEAR(p.cumulative_discounted_profit[1], 690 + (109 * 10 - 109 - 300) / 1.01, 1e-9);
}

TEST(Projection, ConservesCustomers) {
  for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
    ProjectionInputs in = small_business();
    in.timing = timing;
    Projection p = project(in, GeometricSurvival(0.07));
    double gained = in.starting_customers, lost = 0;
    for (int k = 0; k < p.periods(); ++k) {
      gained += p.new_customers[k];
      lost += p.churned[k];
      EXPECT_NEAR(p.customers_at_end[k], gained - lost, 1e-9);
      EXPECT_NEAR(p.active_customers[k] - p.churned[k], p.customers_at_end[k], 1e-9);
      if (k > 0) {
        EXPECT_NEAR(p.active_customers[k], p.customers_at_end[k - 1] + p.new_customers[k], 1e-9);
      }
    }
  }
}

TEST(Projection, OneCustomerWithoutCostsEarnsItsClv) {
  // The projection and the CLV formulas share a timing convention, so they must agree.
  for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
    ProjectionInputs in;
    in.starting_customers = 1;
    in.revenue_per_customer = 125;
    in.gross_margin = 0.8;
    in.discount_rate = 0.1;
    in.timing = timing;
    in.horizon_periods = 40;
    GeometricSurvival curve(0.2);
    Projection p = project(in, curve);
    EXPECT_NEAR(p.cumulative_discounted_profit.back(), customer_lifetime_value(curve, 100, 0.1, timing, 40), 1e-9);
    EXPECT_NEAR(cumulative_discounted_profit(in, curve), p.cumulative_discounted_profit.back(), 1e-12);
  }
}

TEST(Projection, SteadyStateIsNewOverChurn) {
  ProjectionInputs in = small_business();
  in.starting_customers = 0;
  in.horizon_periods = 600;
  Projection p = project(in, GeometricSurvival(0.05));
  // Customers left at the end of a period approach n (1-c)/c = 190.
  EXPECT_NEAR(p.customers_at_end.back(), 10 * 0.95 / 0.05, 1e-6);
}

}  // namespace
}  // namespace retention
