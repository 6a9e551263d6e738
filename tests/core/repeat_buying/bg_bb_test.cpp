// BG/BB against the published values (docs/model.md: donations, Fader, Hardie & Shang 2010;
// the cruise line of Berger, Weinberg & Hanna 2003), and against independent computations: the
// likelihood by numerical integration over p and theta, the gradient by finite differences, the
// conditional expectation by the paper's closed form and DERT by its hypergeometric form.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "retention/repeat_buying/bg_bb.hpp"
#include "retention/repeat_buying/bg_bb_report.hpp"
#include "retention/repeat_buying/history_table.hpp"
#include "retention/numerics/observed_information.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

// A table of histories from tests/data, read as the page reads it.
std::vector<OpportunityHistory> read_histories(const char* file) { return read_history_table(test::read_test_file(file)).value(); }

double beta_function(double a, double b) { return std::exp(std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b)); }

// E[u^k (1 - u)^m] for u ~ Beta(a, b), by the midpoint rule on a fine grid (a, b > 1: no endpoint
// singularity).
double beta_moment(double a, double b, int k, int m) {
  const int steps = 200000;
  double total = 0;
  for (int i = 0; i < steps; ++i) {
    const double u = (i + 0.5) / steps;
    total += std::pow(u, a - 1 + k) * std::pow(1 - u, b - 1 + m);
  }
  return total / steps / beta_function(a, b);
}

TEST(BgBb, TheLikelihoodOfAHistoryIsItsProbabilityIntegratedOverPAndTheta) {
  // P(x, t_x, n | p, theta) = p^x (1-p)^(n-x) (1-theta)^n
  //   + sum over i < n - t_x of p^x (1-p)^(t_x-x+i) theta (1-theta)^(t_x+i).
  const BgBbParameters p{2, 3, 1.5, 4};
  for (auto [x, t_x, n] : {std::tuple{0, 0, 5}, {1, 2, 3}, {3, 3, 4}, {2, 5, 6}}) {
    double expected = beta_moment(p.alpha, p.beta, x, n - x) * beta_moment(p.gamma, p.delta, 0, n);
    for (int i = 0; i < n - t_x; ++i)
      expected += beta_moment(p.alpha, p.beta, x, t_x - x + i) * beta_moment(p.gamma, p.delta, 1, t_x + i);
    const double got = bgbb_log_likelihood({{double(x), double(t_x), double(n), 1}}, p);
    EXPECT_NEAR(got, std::log(expected), 1e-6) << x << " " << t_x << " " << n;
  }
}

TEST(BgBb, TheGradientAgreesWithFiniteDifferences) {
  const std::vector<OpportunityHistory> rows = read_histories("cruise_bgbb.csv");
  const BgBbParameters p{0.8, 4, 20, 150};
  double gradient[4];
  bgbb_log_likelihood_and_gradient(rows, p, gradient);
  for (int i = 0; i < 4; ++i) {
    BgBbParameters up = p, down = p;
    double* u = &up.alpha + i;
    double* d = &down.alpha + i;
    const double h = 1e-6 * *u;
    *u += h, *d -= h;
    const double numeric = (bgbb_log_likelihood(rows, up) - bgbb_log_likelihood(rows, down)) / (2 * h);
    EXPECT_NEAR(gradient[i], numeric, 1e-5 * std::max(1.0, std::fabs(numeric))) << i;
  }
}

TEST(BgBb, DonationsGiveThePublishedEstimatesAndNewCustomerExpectations) {
  const std::vector<OpportunityHistory> rows = read_histories("donations.csv");
  double donors = 0;
  for (const auto& h : rows) donors += h.count;
  EXPECT_EQ(donors, 11104);
  Result<ModelFit<BgBbParameters>> fit = fit_bgbb(rows);
  ASSERT_TRUE(fit.ok()) << fit.errors().front().message;
  EXPECT_TRUE(fit.value().converged);
  const BgBbParameters& p = fit.value().parameters;
  EXPECT_NEAR(p.alpha, 1.2035, 5e-4);
  EXPECT_NEAR(p.beta, 0.7497, 5e-4);
  EXPECT_NEAR(p.gamma, 0.6567, 5e-4);
  EXPECT_NEAR(p.delta, 2.7834, 5e-3);
  const double published[] = {0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887};
  // Published from the unrounded estimates (the printed, rounded ones are up to 6.5e-5 off).
  for (int n = 1; n <= 11; ++n) EXPECT_NEAR(bgbb_expected_purchases_new_customer(p, n), published[n - 1], 5e-5) << n;
}

TEST(BgBb, TheCruiseLineGivesThePublishedLogLikelihood) {
  const std::vector<OpportunityHistory> rows = read_histories("cruise_bgbb.csv");
  EXPECT_NEAR(bgbb_log_likelihood(rows, {0.66, 5.19, 173.76, 1882.93}), -7130.8, 0.05);
  Result<ModelFit<BgBbParameters>> fit = fit_bgbb(rows);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit.value().log_likelihood, -7130.7, 0.05);
  EXPECT_NEAR(fit.value().parameters.alpha, 0.66, 0.005);
  EXPECT_NEAR(fit.value().parameters.beta, 5.19, 0.005 * 5.19 * 2);
}

TEST(BgBb, ConditionalExpectationsMatchThePapersClosedForms) {
  const BgBbParameters p{1.2035, 0.7497, 0.6567, 2.7834};
  for (auto [x, t_x, n] : {std::tuple{0, 0, 6}, {3, 4, 6}, {6, 6, 6}}) {
    const double log_l = bgbb_log_likelihood({{double(x), double(t_x), double(n), 1}}, p);
    const double lead = beta_function(p.alpha + x + 1, p.beta + n - x) / beta_function(p.alpha, p.beta) / std::exp(log_l);
    // E[X(n, n + 5) | history] (Fader, Hardie & Shang 2010, eq. 13).
    const double ratio = [&](double m) { return std::exp(std::lgamma(1 + p.delta + m) - std::lgamma(p.gamma + p.delta + m)); }(n) -
                         std::exp(std::lgamma(1 + p.delta + n + 5) - std::lgamma(p.gamma + p.delta + n + 5));
    const double expected = lead * p.delta / (p.gamma - 1) * std::exp(std::lgamma(p.gamma + p.delta) - std::lgamma(1 + p.delta)) * ratio;
    EXPECT_NEAR(bgbb_expected_purchases(p, 5, x, t_x, n), expected, 1e-10 * std::max(1.0, expected));
    // DERT (eq. 14) with the hypergeometric function, d = 10%.
    const double d = 0.1;
    const double dert = lead * beta_function(p.gamma, p.delta + n + 1) / beta_function(p.gamma, p.delta) / (1 + d) *
                        hypergeometric_2f1(1, p.delta + n + 1, p.gamma + p.delta + n + 1, 1 / (1 + d));
    EXPECT_NEAR(bgbb_dert(p, d, x, t_x, n), dert, 1e-9 * dert);
    // Alive at n + 1: a probability.
    EXPECT_GT(bgbb_probability_alive(p, x, t_x, n), 0);
    EXPECT_LE(bgbb_probability_alive(p, x, t_x, n), 1);
  }
  EXPECT_GT(bgbb_probability_alive(p, 3, 6, 6), bgbb_probability_alive(p, 3, 3, 6));
  // A recent purchase says alive; no purchase in six opportunities says likely gone.
  EXPECT_LT(bgbb_probability_alive(p, 0, 0, 6), bgbb_probability_alive(p, 6, 6, 6));
}

TEST(BgBb, HistoriesThatCannotBeAreRefusedByRow) {
  FieldErrors errors = check_histories({{1, 2, 3, 1}, {2, 1, 3, 1}, {0, 2, 3, 1}, {1, 1, 1, 0}});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].code, "history_row_invalid");
  EXPECT_EQ(errors[0].message.substr(0, 41), "Row 2 (x 2, t_x 1, n 3, count 1) is not a");
  EXPECT_FALSE(fit_bgbb({}).ok());
}

TEST(BgBbReport, EachHistorysAnswersAreTheModelsAtTheFittedParameters) {
  const std::vector<OpportunityHistory> rows = read_histories("donations.csv");
  Result<nlohmann::json> report = analyse_histories(rows, {{"future_opportunities", 5}, {"discount_rate_percent", 10}});
  ASSERT_TRUE(report.ok()) << report.errors().front().message;
  const nlohmann::json& r = report.value();
  const BgBbParameters p{r["fit"]["alpha"], r["fit"]["beta"], r["fit"]["gamma"], r["fit"]["delta"]};
  ASSERT_EQ(r["histories"].size(), rows.size());
  double total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const OpportunityHistory& h = rows[i];
    const nlohmann::json& row = r["histories"][i];
    EXPECT_DOUBLE_EQ(row["expected_purchases"].get<double>(), bgbb_expected_purchases(p, 5, h.x, h.t_x, h.n));
    EXPECT_DOUBLE_EQ(row["dert"].get<double>(), bgbb_dert(p, 0.1, h.x, h.t_x, h.n));
    total += h.count * row["expected_purchases"].get<double>();
  }
  EXPECT_NEAR(r["expected_purchases_total"].get<double>(), total, 1e-9 * total);
  EXPECT_EQ(r["new_customer_expected_purchases"].size(), 5u);
  Result<nlohmann::json> bad = analyse_histories(rows, {{"future_opportunities", 2.5}, {"discount_rate_percent", 0}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors().size(), 2u);
  EXPECT_EQ(bad.errors()[0].field, "future_opportunities");
}

// Standard errors: the inverse of minus the Hessian of ln L, here by second differences of ln L
// itself in the parameters (the report takes differences of the exact gradient in their logs).
// The band: seeded, the same for the same seed, holding the totals at the estimate.
TEST(BgBbReport, StandardErrorsAreTheObservedInformationsAndTheBandHoldsTheEstimate) {
  const std::vector<OpportunityHistory> rows = read_histories("donations.csv");
  const nlohmann::json r = analyse_histories(rows, {{"future_opportunities", 5}, {"band_draws", 400}, {"band_seed", 3}}).value();
  const std::vector<double> p = {r["fit"]["alpha"], r["fit"]["beta"], r["fit"]["gamma"], r["fit"]["delta"]};
  std::vector<double> information(16);
  const auto ll = [&](std::vector<double> q) { return bgbb_log_likelihood(rows, {q[0], q[1], q[2], q[3]}); };
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      const double hi = 1e-4 * p[i], hj = 1e-4 * p[j];
      const auto at = [&](double di, double dj) {
        std::vector<double> q = p;
        q[i] += di, q[j] += dj;
        return ll(q);
      };
      information[i * 4 + j] = -(at(hi, hj) - at(hi, -hj) - at(-hi, hj) + at(-hi, -hj)) / (4 * hi * hj);
    }
  // Its inverse's diagonal through the Cholesky factor: (L L')^-1 = L'^-1 L^-1.
  const std::vector<double> l = cholesky_factor(information, 4).value();
  const char* names[] = {"alpha", "beta", "gamma", "delta"};
  for (int i = 0; i < 4; ++i) {
    std::vector<double> e(4, 0.0), y(4, 0.0);
    e[i] = 1;
    for (int a = 0; a < 4; ++a) {  // forward substitution: y = L^-1 e_i
      double sum = e[a];
      for (int b = 0; b < a; ++b) sum -= l[a * 4 + b] * y[b];
      y[a] = sum / l[a * 4 + a];
    }
    // (information^-1)_ii = e_i' L'^-1 L^-1 e_i = |L^-1 e_i|^2.
    double variance = 0;
    for (double v : y) variance += v * v;
    EXPECT_NEAR(r["fit"]["standard_errors"][names[i]].get<double>(), std::sqrt(variance), 2e-3 * std::sqrt(variance)) << names[i];
  }
  const nlohmann::json& band = r["band"];
  ASSERT_FALSE(band.is_null());
  EXPECT_EQ(band["draws"], 400);
  const double total = r["expected_purchases_total"], alive = r["mean_probability_alive"];
  EXPECT_LT(band["expected_purchases_total"]["p10"].get<double>(), total);
  EXPECT_GT(band["expected_purchases_total"]["p90"].get<double>(), total);
  EXPECT_LT(band["mean_probability_alive"]["p10"].get<double>(), alive);
  EXPECT_GT(band["mean_probability_alive"]["p90"].get<double>(), alive);
  EXPECT_NEAR(band["expected_purchases_total"]["p50"].get<double>(), total, 0.02 * total);
  const nlohmann::json again = analyse_histories(rows, {{"future_opportunities", 5}, {"band_draws", 400}, {"band_seed", 3}}).value();
  EXPECT_EQ(again["band"], band);
  const nlohmann::json other = analyse_histories(rows, {{"future_opportunities", 5}, {"band_draws", 400}, {"band_seed", 4}}).value();
  EXPECT_NE(other["band"], band);
  EXPECT_TRUE(analyse_histories(rows, {{"band_draws", 0}}).value()["band"].is_null());
}

}  // namespace
}  // namespace retention
