// BG/NBD and Gamma-Gamma against the published CDNOW estimates (Fader, Hardie & Lee 2005;
// Fader & Hardie 2013), and the summary built from the raw log against the published summary.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <tuple>
#include <vector>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "repeat_buying/cdnow_summary.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

using test::published_summary;
using test::read_test_file;

// The raw sample log, summarised over the 39-week calibration period ending 1997-09-30, with a
// holdout to 1998-06-30.
CustomerSummary sample_summary() {
  TransactionColumns columns;
  columns.customer = 1;  // the sample's own ids, 1..2357, as in the summary file
  columns.date = 2;
  columns.amount = 4;
  TransactionLogReader reader(columns);
  const std::string text = read_test_file("CDNOW_sample.txt");
  for (std::size_t at = 0; at < text.size(); at += 4096) reader.feed(std::string_view(text).substr(at, 4096));
  Result<TransactionLog> log = reader.finish();
  EXPECT_TRUE(log.ok());
  EXPECT_EQ(log.value().rows_read, 6919);
  EXPECT_EQ(log.value().rows_bad, 0);
  Result<CustomerSummary> summary =
      summarise_customers(log.value(), days_from_civil(1997, 9, 30), days_from_civil(1998, 6, 30), 7);
  EXPECT_TRUE(summary.ok());
  return summary.value();
}

TEST(TransactionLog, CivilDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1997, 9, 30) - days_from_civil(1997, 1, 1), 272);
  int y, m, d;
  civil_from_days(days_from_civil(2024, 2, 29), y, m, d);
  EXPECT_EQ(y * 10000 + m * 100 + d, 20240229);
}

TEST(CustomerSummary, SampleLogMatchesThePublishedSummary) {
  const CustomerSummary built = sample_summary();
  const CustomerSummary published = published_summary();
  ASSERT_EQ(built.size(), published.size());
  // Built in customer order of first appearance; the published file is by id.
  std::map<int, std::size_t> by_id;
  for (std::size_t i = 0; i < published.size(); ++i) by_id[published.customer[i]] = i;
  int repeaters = 0;
  for (std::size_t i = 0; i < built.size(); ++i) {
    const std::size_t j = by_id.at(static_cast<int>(i) + 1);  // sample ids run 1..2357 in file order
    EXPECT_EQ(built.frequency[i], published.frequency[j]) << i;
    EXPECT_NEAR(built.recency[i], published.recency[j], 0.005 + 1e-9) << i;
    EXPECT_NEAR(built.age[i], published.age[j], 0.005 + 1e-9) << i;
    repeaters += built.frequency[i] > 0;
  }
  EXPECT_EQ(repeaters, 946);
}

TEST(BgNbd, PublishedLogLikelihoodAtThePublishedParameters) {
  EXPECT_NEAR(bgnbd_log_likelihood(published_summary(), {0.243, 4.414, 0.793, 2.426}), -9582.4, 0.1);
}

TEST(BgNbd, FitReproducesThePublishedEstimates) {
  Result<PurchaseModelFit> fit = fit_purchase_model(bg_nbd_model(), published_summary());
  ASSERT_TRUE(fit.ok());
  const std::vector<double>& p = fit.value().parameters;
  EXPECT_TRUE(fit.value().converged);
  EXPECT_NEAR(p[0], 0.243, 0.0005);
  EXPECT_NEAR(p[1], 4.414, 0.0005);
  EXPECT_NEAR(p[2], 0.793, 0.0005);
  EXPECT_NEAR(p[3], 2.426, 0.0005);
  EXPECT_NEAR(fit.value().log_likelihood, -9582.4, 0.05);
}

// One customer's ln L as Fader, Hardie & Lee (2005, eq. 6) write it, with ln Γ.
double published_bgnbd_log_likelihood(const BgNbdParameters& p, double x, double t_x, double T) {
  const double log_beta_ratio = [&](double a, double b, double c) {  // ln B(a, c)/B(a, b)
    return std::lgamma(c) + std::lgamma(a + b) - std::lgamma(b) - std::lgamma(a + c);
  }(p.a, p.b, p.b + x);
  const double head = std::lgamma(p.r + x) - std::lgamma(p.r) + p.r * std::log(p.alpha) + log_beta_ratio;
  const double alive = -(p.r + x) * std::log(p.alpha + T);
  if (x == 0) return head + alive;
  const double dropped = std::log(p.a / (p.b + x - 1)) - (p.r + x) * std::log(p.alpha + t_x);
  return head + std::log(std::exp(alive) + std::exp(dropped));
}

// The likelihood sums ln(e^A + e^B) as the larger term plus ln(1 + e^-|A-B|): that must hold to
// the last digits whether the smaller term is nearly as large or lost beside the other.
TEST(BgNbd, OneCustomersLogLikelihoodIsThePublishedFormula) {
  const BgNbdParameters p{0.243, 4.414, 0.793, 2.426};
  for (const auto& [x, t_x, T] : {std::tuple{0.0, 0.0, 30.0}, {1.0, 20.0, 30.0}, {3.0, 2.0, 38.0}, {12.0, 37.9, 38.0},
                                  {40.0, 0.5, 60.0}}) {
    CustomerSummary one;
    one.frequency = {x}, one.recency = {t_x}, one.age = {T};
    const double published = published_bgnbd_log_likelihood(p, x, t_x, T);
    EXPECT_NEAR(bgnbd_log_likelihood(one, p), published, 1e-12 * std::fabs(published)) << x << " " << t_x << " " << T;
  }
}

// The rows' ln(1 + ratio) terms are summed by weight, multiplying the factors of up to a thousand
// rows of one small whole weight before a logarithm: many rows of one weight (several thousands),
// weights past the grouped ones, and weights that are not whole must all sum as written out.
TEST(BgNbd, ManyWeightedRowsSumAsTheirCustomersLogLikelihoods) {
  const BgNbdParameters p{0.243, 4.414, 0.793, 2.426};
  CustomerSummary rows;
  double expected = 0;
  for (int i = 0; i < 8000; ++i) {
    const double x = 1 + i % 7, T = 20 + (i % 19), t_x = T * ((i % 11) + 0.5) / 11;
    const double weight = i < 2500 ? 1 : i < 5000 ? 2 : i < 6500 ? 1 + i % 16 : i < 7500 ? 17 + i % 50 : 0.25 + (i % 13) * 0.5;
    rows.frequency.push_back(x), rows.recency.push_back(t_x), rows.age.push_back(T), rows.weight.push_back(weight);
    expected += weight * published_bgnbd_log_likelihood(p, x, t_x, T);
  }
  EXPECT_NEAR(bgnbd_log_likelihood(rows, p), expected, 1e-12 * std::fabs(expected));
}

// Weighted rows: a row of weight k is k customers with that summary, so the likelihood, its
// gradient (through the fit) and the fit itself are the same on the compressed table.
TEST(WeightedRows, AWeightIsThatManyCustomers) {
  CustomerSummary three;  // written out: (2, 5, 10) twice and (0, 0, 7) once
  three.frequency = {2, 0, 2}, three.recency = {5, 0, 5}, three.age = {10, 7, 10};
  CustomerSummary weighted;
  weighted.frequency = {2, 0}, weighted.recency = {5, 0}, weighted.age = {10, 7}, weighted.weight = {2, 1};
  const BgNbdParameters p{0.5, 3, 0.8, 2.5};
  EXPECT_NEAR(bgnbd_log_likelihood(weighted, p), bgnbd_log_likelihood(three, p), 1e-12);
  EXPECT_EQ(weighted.customers(), 3);
  const CustomerSummary compressed = compress_for_purchases(three);
  EXPECT_EQ(compressed.frequency, weighted.frequency);
  EXPECT_EQ(compressed.weight, weighted.weight);
  // Gamma-Gamma on weights: the same sum over customers with x > 0.
  CustomerSummary spend = three, spend_weighted = weighted;
  spend.monetary = {12, 0, 12}, spend_weighted.monetary = {12, 0};
  EXPECT_NEAR(gamma_gamma_log_likelihood(spend_weighted, {6, 4, 15}), gamma_gamma_log_likelihood(spend, {6, 4, 15}), 1e-12);
}

TEST(WeightedRows, TheCompressedCdnowSummaryFitsAsTheRawOne) {
  const CustomerSummary raw = published_summary();
  const CustomerSummary rows = compress_for_purchases(raw);
  EXPECT_LT(rows.size(), raw.size() / 2);  // 2,357 customers, far fewer distinct summaries
  EXPECT_EQ(rows.customers(), 2357);
  const BgNbdParameters published{0.243, 4.414, 0.793, 2.426};
  EXPECT_NEAR(bgnbd_log_likelihood(rows, published), bgnbd_log_likelihood(raw, published), 1e-9);
  Result<PurchaseModelFit> on_raw = fit_purchase_model(bg_nbd_model(), raw), on_rows = fit_purchase_model(bg_nbd_model(), rows);
  ASSERT_TRUE(on_raw.ok() && on_rows.ok());
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_NEAR(on_rows.value().parameters[i], on_raw.value().parameters[i], 1e-6 * on_raw.value().parameters[i]);
  EXPECT_NEAR(on_rows.value().log_likelihood, on_raw.value().log_likelihood, 1e-8);
}

TEST(BgNbd, ProbabilityAliveAndExpectations) {
  const BgNbdParameters p{0.243, 4.414, 0.793, 2.426};
  EXPECT_EQ(bgnbd_probability_alive(p, 0, 0, 38.86), 1);
  // A customer who bought often and recently is more likely alive than one who stopped early.
  EXPECT_GT(bgnbd_probability_alive(p, 5, 38, 38.86), bgnbd_probability_alive(p, 5, 10, 38.86));
  // By hand: 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) for x = 2, t_x = 30.43, T = 38.86.
  const double odds = 0.793 / (2.426 + 1) * std::pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2);
  EXPECT_NEAR(bgnbd_probability_alive(p, 2, 30.43, 38.86), 1 / (1 + odds), 1e-12);
  // Expected purchases grow with the window and are zero for an empty one.
  EXPECT_NEAR(bgnbd_expected_purchases(p, 0, 2, 30.43, 38.86), 0, 1e-12);
  EXPECT_GT(bgnbd_expected_purchases(p, 39, 2, 30.43, 38.86), bgnbd_expected_purchases(p, 10, 2, 30.43, 38.86));
  // A new customer's expected purchases grow with time.
  EXPECT_GT(bgnbd_expected_purchases_new_customer(p, 78), bgnbd_expected_purchases_new_customer(p, 39));
}

TEST(GammaGamma, FitReproducesThePublishedEstimates) {
  const CustomerSummary s = sample_summary();
  Result<ModelFit<GammaGammaParameters>> fit = fit_gamma_gamma(s);
  ASSERT_TRUE(fit.ok());
  const GammaGammaParameters& g = fit.value().parameters;
  EXPECT_TRUE(fit.value().converged);
  EXPECT_NEAR(g.p, 6.25, 0.005);
  EXPECT_NEAR(g.q, 3.74, 0.005);
  EXPECT_NEAR(g.gamma, 15.44, 0.005);
  // The posterior mean spend lies between the population mean and the customer's own mean.
  const double population = g.gamma * g.p / (g.q - 1);
  const double spend = gamma_gamma_expected_spend(g, 3, 80);
  EXPECT_GT(spend, population);
  EXPECT_LT(spend, 80);
}

// Gamma-Gamma's standard errors are the inverse of the observed information: here its Hessian
// comes from second differences of ln L itself, in p, q and gamma themselves (the fit's comes
// from differences of the exact gradient in their logarithms), inverted by cofactors.
TEST(GammaGamma, StandardErrorsAreTheInverseOfTheObservedInformation) {
  const CustomerSummary s = sample_summary();
  const ModelFit<GammaGammaParameters> fit = fit_gamma_gamma(s).value();
  const GammaGammaParameters& g = fit.parameters;
  const double p[3] = {g.p, g.q, g.gamma};
  double h[3][3];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      const double hi = 1e-4 * p[i], hj = 1e-4 * p[j];
      auto at = [&](double di, double dj) {
        double q[3] = {p[0], p[1], p[2]};
        q[i] += di, q[j] += dj;
        return gamma_gamma_log_likelihood(s, {q[0], q[1], q[2]});
      };
      h[i][j] = -(at(hi, hj) - at(hi, -hj) - at(-hi, hj) + at(-hi, -hj)) / (4 * hi * hj);
    }
  // The diagonal of the inverse: each cofactor over the determinant.
  const double cofactor[3] = {h[1][1] * h[2][2] - h[1][2] * h[2][1], h[0][0] * h[2][2] - h[0][2] * h[2][0],
                              h[0][0] * h[1][1] - h[0][1] * h[1][0]};
  const double determinant = h[0][0] * cofactor[0] - h[0][1] * (h[1][0] * h[2][2] - h[1][2] * h[2][0]) +
                             h[0][2] * (h[1][0] * h[2][1] - h[1][1] * h[2][0]);
  ASSERT_EQ(fit.standard_errors.size(), 3u);
  ASSERT_EQ(fit.log_parameter_covariance.size(), 9u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(fit.standard_errors[i], std::sqrt(cofactor[i] / determinant), 2e-3 * fit.standard_errors[i]) << i;
    // The covariance is of the logarithms: sd(ln theta) = se / theta.
    EXPECT_NEAR(std::sqrt(fit.log_parameter_covariance[i * 3 + i]), fit.standard_errors[i] / p[i], 1e-12) << i;
  }
}

TEST(Hypergeometric, KnownValues) {
  // 2F1(1, 1; 2; z) = -ln(1 - z) / z
  EXPECT_NEAR(hypergeometric_2f1(1, 1, 2, 0.5), -std::log(0.5) / 0.5, 1e-13);
  // 2F1(a, b; b; z) = (1 - z)^-a
  EXPECT_NEAR(hypergeometric_2f1(2.5, 3, 3, 0.3), std::pow(0.7, -2.5), 1e-12);
}

// The series at many z at once is each z's own series, digit for digit: z's that stop after a
// few terms and after hundreds side by side, more z's than one group of the batch, an empty list,
// and sums that overflow (+infinity, as one z alone gives).
TEST(Hypergeometric, AtSeveralZIsEachZsOwnSeries) {
  std::vector<double> z;
  for (int j = 0; j < 150; ++j) z.push_back(j % 3 == 0 ? 0.999 * j / 150 : 0.5 * j / 150);
  z.push_back(0);
  std::vector<double> out(z.size(), -1);
  for (const auto& [a, b, c] : {std::tuple{14.9, 2.25, 16.9}, {0.5, 1.5, 2.0}, {40.0, 30.0, 3.0}}) {
    hypergeometric_2f1_at(a, b, c, z, out);
    for (std::size_t j = 0; j < z.size(); ++j) EXPECT_EQ(out[j], hypergeometric_2f1(a, b, c, z[j])) << a << " " << z[j];
  }
  EXPECT_EQ(hypergeometric_2f1(400, 400, 1, 0.99), std::numeric_limits<double>::infinity());
  const std::vector<double> near_one{0.5, 0.99};
  hypergeometric_2f1_at(400, 400, 1, near_one, out);
  EXPECT_EQ(out[1], std::numeric_limits<double>::infinity());
  EXPECT_EQ(out[0], hypergeometric_2f1(400, 400, 1, 0.5));
  hypergeometric_2f1_at(1, 1, 2, {}, {});  // nothing to do, nothing touched
}

}  // namespace
}  // namespace retention
