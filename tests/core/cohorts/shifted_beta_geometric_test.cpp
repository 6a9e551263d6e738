// The sBG model against Fader & Hardie (2007) and against data generated from known parameters.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "retention/calculator/lifetime_value.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"

#include "test_data.hpp"

namespace retention {
namespace {

using test::regular_cohort;

TEST(ShiftedBetaGeometric, PublishedRegularCohortFit) {
  const CohortTable table = regular_cohort();
  ASSERT_EQ(table.survivors[0].size(), 13u);
  Result<SbgFit> fit = fit_sbg(table, 7);  // calibrated on years 1-7, as in the paper
  ASSERT_TRUE(fit.ok());
  const SbgFit& f = fit.value();
  EXPECT_TRUE(f.converged) << f.note.text;
  EXPECT_NEAR(f.parameters.alpha, 0.704, 0.0005);
  EXPECT_NEAR(f.parameters.beta, 1.182, 0.0005);
  EXPECT_NEAR(f.log_likelihood, -1680.27, 0.005);
  EXPECT_EQ(f.calibration_periods, 7);
  ASSERT_TRUE(f.alpha_standard_error && f.beta_standard_error);
  EXPECT_GT(*f.alpha_standard_error, 0);
  EXPECT_LT(*f.alpha_standard_error, 0.2);
}

TEST(ShiftedBetaGeometric, LikelihoodByHandForTwoPeriods) {
  // P(T=1) = a/(a+b), P(T=2) = a b / ((a+b)(a+b+1)), S(2) = b(b+1)/((a+b)(a+b+1)).
  CohortTable table{{"x"}, {{100, 60, 45}}};
  const double a = 0.8, b = 1.5;
  const double p1 = a / (a + b), p2 = a * b / ((a + b) * (a + b + 1)), s2 = b * (b + 1) / ((a + b) * (a + b + 1));
  EXPECT_NEAR(sbg_log_likelihood(table, {a, b}), 40 * std::log(p1) + 15 * std::log(p2) + 45 * std::log(s2), 1e-10);
}

TEST(ShiftedBetaGeometric, SurvivalMatchesBetaFunctions) {
  SbgSurvival curve({0.704, 1.182});
  auto log_beta = [](double x, double y) { return std::lgamma(x) + std::lgamma(y) - std::lgamma(x + y); };
  for (int t : {0, 1, 2, 7, 12, 100, 5000}) {
    const double expected = std::exp(log_beta(0.704, 1.182 + t) - log_beta(0.704, 1.182));
    EXPECT_NEAR(curve.survival(t), expected, 1e-12 * std::max(1.0, expected)) << t;
  }
  EXPECT_NEAR(curve.retention(1), 1.182 / (0.704 + 1.182), 1e-15);
  EXPECT_GT(curve.retention(10), curve.retention(2));  // retention rises with tenure
  EXPECT_TRUE(std::isfinite(std::log(curve.survival(100000))));  // no underflow to 0 in this range
}

// Survivors of `size` customers whose churn probabilities are drawn from Beta(alpha, beta).
CohortTable simulate(double alpha, double beta, int size, int periods, unsigned seed, int cohorts = 1) {
  std::mt19937_64 random(seed);
  std::gamma_distribution<double> ga(alpha, 1.0), gb(beta, 1.0);
  std::uniform_real_distribution<double> uniform(0, 1);
  CohortTable table;
  for (int c = 0; c < cohorts; ++c) {
    std::vector<double> counts(periods + 1, 0);
    for (int i = 0; i < size; ++i) {
      const double x = ga(random), y = gb(random), theta = x / (x + y);
      int t = 0;
      counts[0] += 1;
      while (t < periods && uniform(random) >= theta) counts[++t] += 1;
    }
    table.names.push_back("c" + std::to_string(c));
    table.survivors.push_back(counts);
  }
  return table;
}

TEST(ShiftedBetaGeometric, RecoversKnownParameters) {
  for (auto [alpha, beta] : {std::pair{0.7, 1.2}, std::pair{2.5, 8.0}, std::pair{0.3, 3.0}}) {
    const CohortTable table = simulate(alpha, beta, 20000, 12, 42);
    Result<SbgFit> fit = fit_sbg(table);
    ASSERT_TRUE(fit.ok());
    const SbgFit& f = fit.value();
    EXPECT_TRUE(f.converged) << f.note.text;
    // Within three standard errors of the truth.
    EXPECT_NEAR(f.parameters.alpha, alpha, 3 * *f.alpha_standard_error) << alpha << "," << beta;
    EXPECT_NEAR(f.parameters.beta, beta, 3 * *f.beta_standard_error) << alpha << "," << beta;
  }
}

TEST(ShiftedBetaGeometric, ManyLongCohortsFitWithoutOverflow) {
  const CohortTable table = simulate(1.3, 4.0, 2000, 120, 7, 20);
  Result<SbgFit> fit = fit_sbg(table);
  ASSERT_TRUE(fit.ok());
  EXPECT_TRUE(fit.value().converged);
  EXPECT_TRUE(std::isfinite(fit.value().log_likelihood));
  EXPECT_NEAR(fit.value().parameters.alpha, 1.3, 0.15);
}

TEST(ShiftedBetaGeometric, FlatRetentionIsReportedNotHidden) {
  // Exactly geometric counts (churn 20% every period): no heterogeneity to find.
  CohortTable table{{"flat"}, {{100000, 80000, 64000, 51200, 40960, 32768}}};
  Result<SbgFit> fit = fit_sbg(table);
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit.value().converged);
  EXPECT_NE(fit.value().note.text.find("no sign of customers differing"), std::string::npos);
  // The parameters still describe the data: mean churn alpha/(alpha+beta) is 20%.
  const SbgParameters p = fit.value().parameters;
  EXPECT_NEAR(p.alpha / (p.alpha + p.beta), 0.2, 1e-3);
}

TEST(ShiftedBetaGeometric, GeometricChurnEstimate) {
  CohortTable table{{"x"}, {{100, 60, 45}}};
  EXPECT_NEAR(geometric_churn_estimate(table), (40.0 + 15.0) / (100 + 60), 1e-15);
  EXPECT_NEAR(geometric_churn_estimate(table, 1), 0.4, 1e-15);
}

TEST(ShiftedBetaGeometric, DerlAgainstDirectSummation) {
  const SbgParameters p{0.704, 1.182};
  SbgSurvival curve(p);
  for (double d : {0.1, 0.01}) {
    for (int n : {1, 2, 5, 12}) {
      // sum over t >= n of S(t)/S(n-1) / (1+d)^(t-n)
      double direct = 0;
      for (int t = n; t < n + 200000; ++t) direct += curve.survival(t) / curve.survival(n - 1) * std::pow(1 + d, -(t - n));
      const auto derl = sbg_derl(p, d, n);
      ASSERT_TRUE(derl.has_value());
      EXPECT_NEAR(*derl, direct, 1e-6 * direct) << d << " " << n;
    }
  }
  // No discounting: (beta+n-1)/(alpha-1) when alpha > 1, none when alpha <= 1.
  EXPECT_NEAR(*sbg_derl({2.5, 3.0}, 0, 3), (3.0 + 2) / 1.5, 1e-12);
  EXPECT_FALSE(sbg_derl(p, 0, 1).has_value());
}

TEST(ShiftedBetaGeometric, ClvUnderTheFittedCurveUsesTheSurvivalInterface) {
  // The generic CLV sum on the sBG curve equals the sum written out.
  const SbgParameters p{0.704, 1.182};
  SbgSurvival curve(p);
  double direct = 0;
  for (int t = 0; t < 2000; ++t) direct += 100 * curve.survival(t) / std::pow(1.1, t);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.1, Timing::start_of_period, std::nullopt), direct, 1e-6);
  EXPECT_NEAR(customer_lifetime_value(curve, 100, 0.1, Timing::start_of_period, 3),
              100 * (1 + curve.survival(1) / 1.1 + curve.survival(2) / 1.21), 1e-9);
}

}  // namespace
}  // namespace retention
