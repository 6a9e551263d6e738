// The BdW model against Fader, Hardie, Liu, Davin & Steenburgh (2018) on the regular cohort
// (docs/model.md), against the sBG it contains at c = 1, against its survival integrated over
// theta, and on cohorts simulated from known parameters; DERL by summation against the sBG's
// closed form and the published customer-base case (Fader & Hardie 2010).
#include <gtest/gtest.h>

#include <cmath>

#include "quadrature.hpp"
#include "repeat_buying/simulated_customers.hpp"
#include "retention/cohorts/beta_discrete_weibull.hpp"
#include "retention/cohorts/customer_base_value.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "cohorts/published_base.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

using test::published_base;
using test::regular_cohort;

TEST(BetaDiscreteWeibull, PublishedRegularCohortFitOnYearsOneToFour) {
  const CohortTable table = regular_cohort();
  Result<BdwFit> fit = fit_bdw(table, 4);
  ASSERT_TRUE(fit.ok());
  const BdwFit& f = fit.value();
  EXPECT_TRUE(f.converged);
  // ln L is flat here (standard errors about 0.3 to 0.5): it differs from its value at the printed
  // estimates only in the 8th digit, and is the higher of the two, so the 4th digits can differ by
  // a unit or two; the maximum itself is checked to the printed precision.
  EXPECT_NEAR(f.parameters.alpha, 0.5231, 0.0002);
  EXPECT_NEAR(f.parameters.beta, 0.8944, 0.0002);
  EXPECT_NEAR(f.parameters.c, 1.1963, 0.0002);
  EXPECT_NEAR(f.log_likelihood, -1401.383, 0.0005);
  EXPECT_GE(f.log_likelihood, bdw_log_likelihood(table, {0.5231, 0.8944, 1.1963}, 4) - 1e-9);
  ASSERT_EQ(f.standard_errors.size(), 3u);
  const SbgFit sbg = fit_sbg(table, 4).value();
  EXPECT_NEAR(sbg.parameters.alpha, 0.7637, 0.00005);
  EXPECT_NEAR(sbg.parameters.beta, 1.2958, 0.00005);
  EXPECT_NEAR(sbg.log_likelihood, -1401.559, 0.0005);
  const LikelihoodRatioTest test = likelihood_ratio_test(sbg.log_likelihood, f.log_likelihood);
  EXPECT_NEAR(test.statistic, 0.35, 0.005);
  EXPECT_GT(test.p_value, 0.5);  // chi-square(1) beyond 0.35: 0.55, no evidence against c = 1
  EXPECT_LT(test.p_value, 0.6);
}

TEST(BetaDiscreteWeibull, AtCOfOneItIsTheSbg) {
  const CohortTable table = regular_cohort();
  for (auto [a, b] : {std::pair{0.7, 1.2}, {3.8, 15.2}}) {
    EXPECT_NEAR(bdw_log_likelihood(table, {a, b, 1}), sbg_log_likelihood(table, {a, b}), 1e-8);
    const BdwSurvival bdw({a, b, 1});
    const SbgSurvival sbg({a, b});
    for (int t = 0; t <= 30; ++t) EXPECT_NEAR(bdw.survival(t), sbg.survival(t), 1e-12);
  }
}

TEST(BetaDiscreteWeibull, SurvivalIsTheCustomersSurvivalIntegratedOverTheta) {
  for (const BdwParameters& p : {BdwParameters{0.5231, 0.8944, 1.1963}, {2, 3, 0.6}, {0.8, 5, 2.5}}) {
    const BdwSurvival curve(p);
    for (int t : {1, 2, 5, 12}) {
      const double expected = test::integrate_unit([&](double u, double v) {
        return test::beta_density(u, v, p.alpha, p.beta) * std::exp(std::pow(t, p.c) * std::log(v));
      });
      EXPECT_NEAR(curve.survival(t), expected, 1e-10) << p.c << " " << t;
    }
  }
}

TEST(BetaDiscreteWeibull, SimulatedCohortsGiveBackTheirParametersWithinTheStandardErrors) {
  const BdwParameters truth{1.2, 2.5, 1.6};
  test::Draws draws(42);
  CohortTable table;
  for (int c = 0; c < 3; ++c) {  // three cohorts of 4,000, observed for 10, 8 and 6 periods
    const int periods = 10 - 2 * c;
    std::vector<double> survivors(periods + 1, 0.0);
    for (int i = 0; i < 4000; ++i) {
      const double theta = draws.beta(truth.alpha, truth.beta);
      // Alive at t with chance (1 - theta)^(t^c): the lifetime is the first t where u exceeds it.
      const double u = draws.uniform();
      for (int t = 0; t <= periods; ++t)
        if (u < std::exp(std::pow(t, truth.c) * std::log1p(-theta))) survivors[t] += 1;
    }
    table.names.push_back("c" + std::to_string(c));
    table.survivors.push_back(survivors);
  }
  const BdwFit fit = fit_bdw(table).value();
  ASSERT_EQ(fit.standard_errors.size(), 3u);
  const double estimates[3] = {fit.parameters.alpha, fit.parameters.beta, fit.parameters.c};
  const double truths[3] = {truth.alpha, truth.beta, truth.c};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(estimates[i], truths[i], 3 * fit.standard_errors[i]) << i;
    EXPECT_LT(fit.standard_errors[i], 0.5 * truths[i]) << i;
  }
  // The data have c well above 1: the test rejects the sBG.
  EXPECT_LT(likelihood_ratio_test(fit_sbg(table).value().log_likelihood, fit.log_likelihood).p_value, 0.01);
}

TEST(ResidualLifetime, BySummationItIsTheSbgsClosedForm) {
  for (auto [a, b, d] : {std::tuple{3.8, 15.2, 0.1}, {0.704, 1.182, 0.05}, {1.5, 0.6, 0.2}}) {
    const SbgSurvival curve({a, b});
    for (int n : {1, 2, 5, 20})
      EXPECT_NEAR(*discounted_expected_residual_lifetime(curve, d, n), *sbg_derl({a, b}, d, n), 1e-9) << n;
  }
  // No discount and a tail like t^-0.5: no finite sum, and it says so.
  EXPECT_FALSE(discounted_expected_residual_lifetime(SbgSurvival({0.5, 1}), 0, 1));
}

TEST(CustomerBaseValue, PublishedCase) {
  const SbgSurvival curve({3.8, 15.2});
  const CustomerBaseValue rounded = customer_base_value(published_base(true), curve, 1, 0.1).value();
  const double active[5] = {4391, 7961, 11340, 15200, 20500}, derl[5] = {3.84, 3.72, 3.59, 3.45, 3.31};
  ASSERT_EQ(rounded.cohorts.size(), 5u);
  for (int c = 0; c < 5; ++c) {
    EXPECT_EQ(rounded.cohorts[c].active, active[c]);
    EXPECT_EQ(rounded.cohorts[c].renewals, 4 - c);
    EXPECT_NEAR(rounded.cohorts[c].derl, derl[c], 0.005);
  }
  EXPECT_NEAR(rounded.value, 207438, 0.5);
  // The naive value uses the retention the counts show; the published 182,292 is from the
  // model's unrounded counts (the rounded ones give 182,295).
  const CustomerBaseValue exact = customer_base_value(published_base(false), curve, 1, 0.1).value();
  EXPECT_NEAR(exact.naive_value, 182292, 0.5);
  EXPECT_NEAR(exact.value, 207438, 0.5);
  EXPECT_NEAR(exact.understatement_percent, 12.1, 0.05);
  EXPECT_NEAR(exact.aggregate_retention, 0.8098, 0.00005);
  // With a margin of 50 per period, everything is 50 times larger.
  EXPECT_NEAR(customer_base_value(published_base(false), curve, 50, 0.1).value().value, 50 * exact.value, 1e-6);
}

TEST(CustomerBaseValue, NeedsACohortWithTwoPeriods) {
  const CohortTable table{{"a", "b"}, {{100}, {50}}};
  Result<CustomerBaseValue> value = customer_base_value(table, SbgSurvival({1, 1}), 1, 0.1);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.errors().front().code, "base_value_needs_retention");
}

}  // namespace
}  // namespace retention
