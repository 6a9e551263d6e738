// The fits' fast paths against the straightforward evaluation written out here: BG/NBD's
// likelihood and gradient (rearranged so that r and alpha can run to a limit together, and with
// one exponential per row) against Fader, Hardie & Lee's formula with log-gammas, and the
// compression of equal histories against a std::map grouping; Pareto/NBD's series shared by rows
// against each row's own.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "repeat_buying/simulated_customers.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {
namespace {

// Fader, Hardie & Lee (2005), eq. 6, term by term:
// L = B(a, b+x)/B(a, b) Γ(r+x) alpha^r / (Γ(r) (alpha+T)^(r+x))
//     + [x > 0] B(a+1, b+x-1)/B(a, b) Γ(r+x) alpha^r / (Γ(r) (alpha+t_x)^(r+x)).
double written_out(double x, double t_x, double T, const std::vector<double>& q) {
  const double r = q[0], alpha = q[1], a = q[2], b = q[3];
  const auto log_b = [](double u, double v) { return std::lgamma(u) + std::lgamma(v) - std::lgamma(u + v); };
  const double common = std::lgamma(r + x) - std::lgamma(r) + r * std::log(alpha) - log_b(a, b);
  const double alive = log_b(a, b + x) - (r + x) * std::log(alpha + T);
  if (x == 0) return common + alive;
  const double dropped = log_b(a + 1, b + x - 1) - (r + x) * std::log(alpha + t_x);
  return common + std::log(std::exp(alive) + std::exp(dropped));
}

CustomerSummary simulated_rows(int customers) {
  test::Draws draws(14);
  CustomerSummary s;
  for (int i = 0; i < customers; ++i) {
    test::Story story;
    story.rate = draws.gamma(0.5, 4);
    const double p = draws.beta(0.8, 2.4);
    story.alive_after = [&draws, p](int purchase) { return purchase == 0 || draws.uniform() >= p; };
    const double T = (273 - std::floor(draws.uniform() * 84)) / 7;
    test::add_customer(s, draws, story, T);
    s.recency.back() = std::min(T, std::floor(s.recency.back() * 7) / 7);  // whole days, so histories repeat
  }
  return s;
}

TEST(FastPaths, BgNbdLikelihoodAndGradientAreTheFormulaWrittenOut) {
  const CustomerSummary rows = simulated_rows(300);
  for (const std::vector<double>& q : {std::vector<double>{0.243, 4.414, 0.793, 2.426}, {2.5, 0.7, 3.1, 0.6}, {0.05, 40, 0.2, 9}}) {
    std::vector<double> gradient;
    const double value = bg_nbd_model().log_likelihood(rows, q, &gradient);
    double expected = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) expected += written_out(rows.frequency[i], rows.recency[i], rows.age[i], q);
    EXPECT_NEAR(value, expected, 1e-9 * std::fabs(expected));
    for (std::size_t k = 0; k < 4; ++k) {  // central differences of the written-out sum
      const double h = 1e-6 * q[k];
      std::vector<double> up = q, down = q;
      up[k] += h, down[k] -= h;
      double difference = 0;
      for (std::size_t i = 0; i < rows.size(); ++i)
        difference += written_out(rows.frequency[i], rows.recency[i], rows.age[i], up) -
                      written_out(rows.frequency[i], rows.recency[i], rows.age[i], down);
      EXPECT_NEAR(gradient[k], difference / (2 * h), 1e-5 * (1 + std::fabs(gradient[k]))) << "parameter " << k;
    }
  }
}

TEST(FastPaths, BgNbdLikelihoodKeepsItsDigitsWhereRAndAlphaRunToALimit) {
  // r and alpha 1e13 with r/alpha = 0.5: purchases are Poisson at rate 0.5 for everyone, and ln L
  // of a customer is that of Poisson purchases times the dropout part, which does not involve r.
  // Each r at 1e13 and 1e12 gives the same ln L to 1e-6 (the formula written out loses ~0.03 a row).
  const CustomerSummary rows = simulated_rows(200);
  const double far = bg_nbd_model().log_likelihood(rows, {5e12, 1e13, 0.8, 2.4}, nullptr);
  const double near = bg_nbd_model().log_likelihood(rows, {5e11, 1e12, 0.8, 2.4}, nullptr);
  EXPECT_TRUE(std::isfinite(far));
  EXPECT_NEAR(far, near, 1e-6 * std::fabs(near));
}

TEST(FastPaths, ParetoNbdSharedSeriesGiveEachRowsOwnLikelihood) {
  // The prepared rows sum each (x, tau) series once for every row that has the pair; each row
  // alone (its own series, as the likelihood tests check against the story's integral) gives
  // the same terms. Some rows have t_x = T (no time to die in) and repeat across weights.
  CustomerSummary rows = simulated_rows(400);
  rows.weight.assign(rows.size(), 1.0);
  for (std::size_t i = 0; i < rows.size(); i += 7) rows.weight[i] = 3;
  for (std::size_t i = 3; i < rows.size(); i += 11) rows.recency[i] = rows.age[i], rows.frequency[i] = std::max(1.0, rows.frequency[i]);
  for (const std::vector<double>& q : {std::vector<double>{0.553, 10.578, 0.606, 11.669}, {1.5, 3, 0.4, 20}}) {
    std::vector<double> gradient, one_gradient;
    const double value = pareto_nbd_model().log_likelihood(rows, q, &gradient);
    double expected = 0;
    std::vector<double> expected_gradient(4, 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CustomerSummary one;
      one.frequency = {rows.frequency[i]}, one.recency = {rows.recency[i]}, one.age = {rows.age[i]};
      expected += rows.weight[i] * pareto_nbd_model().log_likelihood(one, q, &one_gradient);
      for (std::size_t k = 0; k < 4; ++k) expected_gradient[k] += rows.weight[i] * one_gradient[k];
    }
    EXPECT_NEAR(value, expected, 1e-10 * std::fabs(expected));
    for (std::size_t k = 0; k < 4; ++k) EXPECT_NEAR(gradient[k], expected_gradient[k], 1e-9 * (1 + std::fabs(expected_gradient[k])));
  }
}

TEST(FastPaths, ParetoNbdProbabilityAliveOnRowsIsEachRowsOwn) {
  // The band's P(alive) of all rows at once (series shared by rows) against the row-by-row call.
  CustomerSummary rows = simulated_rows(400);
  for (std::size_t i = 3; i < rows.size(); i += 11) rows.recency[i] = rows.age[i], rows.frequency[i] = std::max(1.0, rows.frequency[i]);
  for (const std::vector<double>& q : {std::vector<double>{0.553, 10.578, 0.606, 11.669}, {1.5, 3, 0.4, 20}}) {
    std::vector<double> alive;
    pareto_nbd_model().probability_alive_on_rows(rows)(q, alive);
    ASSERT_EQ(alive.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      EXPECT_NEAR(alive[i], pareto_nbd_model().probability_alive(q, rows.frequency[i], rows.recency[i], rows.age[i]), 1e-13) << i;
  }
}

TEST(FastPaths, CompressionIsAGroupingOfEqualHistories) {
  CustomerSummary s = simulated_rows(20'000);
  s.recency[0] = -0.0, s.frequency[0] = 0;  // -0 and 0 are the same history
  std::map<std::tuple<double, double, double>, std::size_t> first;  // the history's first customer
  std::vector<std::tuple<double, double, double>> order;
  std::map<std::tuple<double, double, double>, double> count;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto key = std::tuple{s.frequency[i], s.recency[i] + 0.0, s.age[i]};
    if (first.emplace(key, i).second) order.push_back(key);
    count[key] += 1;
  }
  std::vector<std::uint32_t> row_of_customer;
  const CustomerSummary rows = compress_for_purchases(s, &row_of_customer);
  ASSERT_EQ(rows.size(), order.size());
  EXPECT_LT(rows.size(), s.size() * 3 / 4);  // the test needs histories that repeat
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(std::tuple(rows.frequency[r], rows.recency[r], rows.age[r]), order[r]);
    EXPECT_EQ(rows.weight[r], count[order[r]]);
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    EXPECT_EQ(std::tuple(rows.frequency[row_of_customer[i]], rows.recency[row_of_customer[i]], rows.age[row_of_customer[i]]),
              std::tuple(s.frequency[i], s.recency[i] + 0.0, s.age[i]));
}

TEST(FastPaths, EveryModelFitsTheCustomersAsTheirCompressedRows) {
  // fit_purchase_model compresses repeated histories itself; a table with none to compress
  // (every history once, weights 1) takes the row-per-customer path, and both fit the same.
  const CustomerSummary s = simulated_rows(3'000);
  const CustomerSummary rows = compress_for_purchases(s);
  for (const PurchaseModel* model : purchase_models()) {
    Result<PurchaseModelFit> on_customers = fit_purchase_model(*model, s), on_rows = fit_purchase_model(*model, rows);
    ASSERT_TRUE(on_customers.ok() && on_rows.ok()) << model->name();
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_NEAR(on_customers.value().parameters[i], on_rows.value().parameters[i], 1e-5 * on_rows.value().parameters[i]) << model->name();
    EXPECT_NEAR(on_customers.value().log_likelihood, on_rows.value().log_likelihood, 1e-6) << model->name();
  }
}

}  // namespace
}  // namespace retention
