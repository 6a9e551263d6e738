// Closed forms against hand-derived values (docs/model.md) and generic summation.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/calculator/lifetime_value.hpp"

namespace retention {
namespace {

// The same constant-churn curve without the closed form, so the default summation is tested.
class SummedGeometric final : public SurvivalCurve {
 public:
  explicit SummedGeometric(double churn) : churn_(churn) {}
  double survival(int t) const override { return std::pow(1 - churn_, t); }

 private:
  double churn_;
};

TEST(LifetimeValue, ModelDocExampleForEachTiming) {
  // m = 100, r = 0.8, d = 10%: 1100/3, 800/3, 1000/3 (docs/model.md).
  GeometricSurvival curve(0.2);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::start_of_period, std::nullopt), 1100.0 / 3, 1e-9);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::end_of_period_retained, std::nullopt), 800.0 / 3,
              1e-9);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::end_of_period, std::nullopt), 1000.0 / 3, 1e-9);
}

TEST(LifetimeValue, FiniteHorizonByHand) {
  // Three periods, start of period: 100 * (1 + 0.8/1.1 + 0.64/1.21).
  GeometricSurvival curve(0.2);
  const double by_hand = 100 * (1 + 0.8 / 1.1 + 0.64 / 1.21);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::start_of_period, 3), by_hand, 1e-9);
  // End of period, retained only: 100 * (0.8/1.1 + 0.64/1.21 + 0.512/1.331).
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::end_of_period_retained, 3),
              100 * (0.8 / 1.1 + 0.64 / 1.21 + 0.512 / 1.331), 1e-9);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.10, Timing::end_of_period, 3), by_hand / 1.1, 1e-9);
}

TEST(LifetimeValue, SaasRuleWithoutDiscount) {
  // d = 0: ARPA x GM / churn.
  GeometricSurvival curve(0.05);
  EXPECT_NEAR(customer_lifetime_value(curve, 40, 0, Timing::start_of_period, std::nullopt), 40 / 0.05, 1e-9);
}

TEST(LifetimeValue, ClosedFormMatchesSummation) {
  for (double churn : {0.01, 0.05, 0.3, 0.9}) {
    for (double d : {0.0, 0.008, 0.1}) {
      GeometricSurvival closed(churn);
      SummedGeometric summed(churn);
      for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
        for (std::optional<int> horizon : {std::optional<int>(1), std::optional<int>(36), std::optional<int>()}) {
          const double a = customer_lifetime_value(closed, 50, d, timing, horizon);
          const double b = customer_lifetime_value(summed, 50, d, timing, horizon);
          EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::fabs(b))) << churn << " " << d;
        }
      }
    }
  }
}

TEST(LifetimeValue, NoChurnNoDiscountDoesNotConverge) {
  GeometricSurvival curve(0);
  EXPECT_TRUE(std::isinf(customer_lifetime_value(curve, 10, 0, Timing::start_of_period, std::nullopt)));
  EXPECT_DOUBLE_EQ(customer_lifetime_value(curve, 10, 0, Timing::start_of_period, 12), 120);
  // With a discount rate the perpetuity converges: m (1+d) / d.
  EXPECT_NEAR(customer_lifetime_value(curve, 10, 0.1, Timing::start_of_period, std::nullopt), 110, 1e-9);
}

TEST(LifetimeValue, TinyChurnKeepsPrecision) {
  // c = 1e-6, d = 0: the sum is 1/c = 1e6; 1 - r would lose digits, (c + d)/(1 + d) does not.
  GeometricSurvival curve(1e-6);
  EXPECT_NEAR(customer_lifetime_value(curve, 1, 0, Timing::start_of_period, std::nullopt), 1e6, 1e-6);
  EXPECT_NEAR(expected_lifetime(curve, std::nullopt), 1e6, 1e-6);
}

TEST(LifetimeValue, TotalChurnLeavesOnePeriod) {
  GeometricSurvival curve(1);
  EXPECT_DOUBLE_EQ(customer_lifetime_value(curve, 70, 0.1, Timing::start_of_period, std::nullopt), 70);
  EXPECT_DOUBLE_EQ(customer_lifetime_value(curve, 70, 0.1, Timing::end_of_period_retained, std::nullopt), 0);
}

TEST(LifetimeValue, RisesWithRetentionFallsWithDiscount) {
  for (Timing timing : {Timing::start_of_period, Timing::end_of_period, Timing::end_of_period_retained}) {
    double previous = -1;
    for (int churn_points = 99; churn_points >= 1; --churn_points) {
      const double clv =
          customer_lifetime_value(GeometricSurvival(churn_points / 100.0), 10, 0.01, timing, std::nullopt);
      EXPECT_GT(clv, previous) << churn_points;
      previous = clv;
    }
    previous = INFINITY;
    for (int discount_points = 0; discount_points <= 50; ++discount_points) {
      const double clv = customer_lifetime_value(GeometricSurvival(0.05), 10, discount_points / 100.0, timing, 60);
      EXPECT_LT(clv, previous) << discount_points;
      previous = clv;
    }
  }
}

TEST(LifetimeValue, MonthlyDiscountFromAnnual) {
  EXPECT_NEAR(period_discount_rate(0.10, Period::month), std::pow(1.1, 1.0 / 12) - 1, 1e-15);
  EXPECT_DOUBLE_EQ(period_discount_rate(0.10, Period::year), 0.10);
  // Twelve monthly periods compound back to the annual rate.
  EXPECT_NEAR(std::pow(1 + period_discount_rate(0.25, Period::month), 12), 1.25, 1e-12);
}

TEST(LifetimeValue, ExpectedLifetime) {
  EXPECT_NEAR(expected_lifetime(GeometricSurvival(0.05), std::nullopt), 20, 1e-9);
  EXPECT_NEAR(expected_lifetime(GeometricSurvival(0.5), 3), 1 + 0.5 + 0.25, 1e-12);
}

TEST(CacPayback, ByHand) {
  GeometricSurvival curve(0.2);
  // Start of period, undiscounted: 100, 180, 244, 295.2, 336.16 -> reaches 300 in period 5.
  EXPECT_EQ(cac_payback_period(curve, 100, 300, 0.1, Timing::start_of_period, false, 100), 5);
  // Retained only: 80, 144, 195.2, 236.16, 268.9, 295.1, 316.1 -> period 7.
  EXPECT_EQ(cac_payback_period(curve, 100, 300, 0.1, Timing::end_of_period_retained, false, 100), 7);
  // Lifetime margin is 500 undiscounted; 501 is never reached.
  EXPECT_EQ(cac_payback_period(curve, 100, 501, 0, Timing::start_of_period, false, 10000), std::nullopt);
  // Discounting delays it: 100, 172.7, 225.6, 264.1, 292.1, 312.5 -> period 6.
  EXPECT_EQ(cac_payback_period(curve, 100, 300, 0.1, Timing::start_of_period, true, 100), 6);
  EXPECT_EQ(cac_payback_period(curve, 100, 0, 0.1, Timing::start_of_period, false, 100), 0);
  EXPECT_EQ(cac_payback_period(curve, -5, 10, 0.1, Timing::start_of_period, false, 100), std::nullopt);
}

}  // namespace
}  // namespace retention
