// Uncertainty bands from parameter draws: the draws follow the asymptotic normal they are drawn
// from, the same seed gives the same band, the band holds the point estimate, and four times the
// customers (the same histories, each weighted 4) halve its width, as 1/sqrt(n) says.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "retention/numerics/parameter_draws.hpp"
#include "retention/repeat_buying/purchase_band.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "repeat_buying/cdnow_summary.hpp"
#include "repeat_buying/simulated_customers.hpp"
#include "retention/numerics/quantile.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

TEST(ParameterDraws, FollowTheLogNormalTheyAreDrawnFrom) {
  const std::vector<double> estimate{2.0, 0.5};
  const std::vector<double> covariance{0.04, 0.018, 0.018, 0.09};  // sd 0.2 and 0.3, correlation 0.3
  const auto draws = draw_parameters(estimate, covariance, 20000, 7).value();
  double m0 = 0, m1 = 0;
  for (const auto& d : draws) m0 += std::log(d[0] / 2.0), m1 += std::log(d[1] / 0.5);
  m0 /= 20000, m1 /= 20000;
  double v0 = 0, v1 = 0, c01 = 0;
  for (const auto& d : draws) {
    const double a = std::log(d[0] / 2.0) - m0, b = std::log(d[1] / 0.5) - m1;
    v0 += a * a, v1 += b * b, c01 += a * b;
  }
  v0 /= 19999, v1 /= 19999, c01 /= 19999;
  EXPECT_NEAR(m0, 0, 3 * 0.2 / std::sqrt(20000.0));
  EXPECT_NEAR(m1, 0, 3 * 0.3 / std::sqrt(20000.0));
  EXPECT_NEAR(v0, 0.04, 0.04 * 0.05);
  EXPECT_NEAR(v1, 0.09, 0.09 * 0.05);
  EXPECT_NEAR(c01, 0.018, 0.003);
  EXPECT_EQ(draw_parameters(estimate, covariance, 5, 7), draw_parameters(estimate, covariance, 5, 7));
  EXPECT_NE(draw_parameters(estimate, covariance, 5, 7), draw_parameters(estimate, covariance, 5, 8));
  EXPECT_FALSE(draw_parameters(estimate, {1, 2, 2, 1}, 5, 7));  // not positive definite
}


TEST(PurchaseBand, HoldsThePointEstimateAndNarrowsAsOneOverRootN) {
  TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"holdout_end", "1998-06-30"}, {"time_unit", "week"}, {"prediction_units", 39},
       {"model", "bg_nbd"}, {"band_draws", 400}}).value();
  const TransactionAnalysis a = analyse_transactions(test::cdnow_sample_log(), o).value();
  ASSERT_TRUE(a.band.has_value());
  const PurchaseBand& band = *a.band;
  EXPECT_EQ(band.draws, 400);
  double expected = 0, alive = 0;
  for (std::size_t i = 0; i < a.summary.size(); ++i) expected += a.expected_purchases[i], alive += a.probability_alive[i];
  EXPECT_LT(band.expected_purchases.p10, expected);
  EXPECT_GT(band.expected_purchases.p90, expected);
  EXPECT_LT(band.mean_probability_alive.p10, alive / 2357);
  EXPECT_GT(band.mean_probability_alive.p90, alive / 2357);
  ASSERT_TRUE(band.holdout_expected);
  const double holdout = a.holdout_expected_cumulative.back();
  EXPECT_LT(band.holdout_expected->p10, holdout);
  EXPECT_GT(band.holdout_expected->p90, holdout);
  EXPECT_NEAR(band.holdout_expected->p50, holdout, 0.02 * holdout);

  // The same seed, the same band; the band of four times the customers is half as wide.
  const PurchaseModelResult& model = a.purchases();
  const auto again = purchase_band(model, a.purchase_rows, 39, 39, 400, o.band_seed);
  EXPECT_EQ(again->expected_purchases.p90, band.expected_purchases.p90);
  CustomerSummary four = a.purchase_rows;
  for (double& w : four.weight) w *= 4;
  PurchaseModelResult refit = model;
  refit.fit = fit_purchase_model(*model.model, four).value();
  const auto narrow = purchase_band(refit, four, 39, 39, 400, o.band_seed);
  ASSERT_TRUE(narrow);
  const double width = (band.expected_purchases.p90 - band.expected_purchases.p10) / band.expected_purchases.p50;
  const double narrow_width = (narrow->expected_purchases.p90 - narrow->expected_purchases.p10) / narrow->expected_purchases.p50;
  EXPECT_NEAR(narrow_width / width, 0.5, 0.08);
  // No draws, no band.
  EXPECT_FALSE(purchase_band(model, a.purchase_rows, 39, 39, 0, 1));
}

// The CLV band: both fits' parameters drawn (BG/NBD's and Gamma-Gamma's), the CLV recomputed per
// draw, P10-P90 around the analysis's own CLV; the same seed gives the same band.
TEST(ClvBand, HoldsTheClvAndDrawsBothModels) {
  const nlohmann::json options = {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 39},
                                  {"model", "bg_nbd"}, {"margin_percent", 30}, {"annual_discount_rate_percent", 10}};
  const TransactionAnalysisOptions o = transaction_options_from_json(options).value();
  const TransactionAnalysis a = analyse_transactions(test::cdnow_sample_log(), o).value();
  ASSERT_TRUE(a.band && a.band->clv && a.band->mean_clv);
  const PurchaseBand& band = *a.band;
  EXPECT_TRUE(band.spend_drawn);
  EXPECT_EQ(band.clv_draws, band.draws);  // CDNOW's q = 3.7 is far from 1: every spend draw has a mean
  double clv = 0;
  for (double value : a.clv) clv += value;
  EXPECT_LT(band.clv->p10, clv);
  EXPECT_GT(band.clv->p90, clv);
  EXPECT_NEAR(band.clv->p50, clv, 0.05 * clv);
  EXPECT_NEAR(band.mean_clv->p90, band.clv->p90 / 2357, 1e-9 * band.clv->p90);
  const nlohmann::json json = purchase_band_to_json(a.band);
  EXPECT_EQ(json["drawn"]["spend_model"], true);
  EXPECT_EQ(json["clv"]["p10"].get<double>(), band.clv->p10);

  const TransactionAnalysis again = analyse_transactions(test::cdnow_sample_log(), o).value();
  EXPECT_EQ(again.band->clv->p10, band.clv->p10);
  EXPECT_EQ(again.band->clv->p90, band.clv->p90);
  nlohmann::json other = options;
  other["band_seed"] = 2;
  const TransactionAnalysis reseeded = analyse_transactions(test::cdnow_sample_log(), transaction_options_from_json(other).value()).value();
  EXPECT_NE(reseeded.band->clv->p90, band.clv->p90);
}

// Without the spend model's draws, and with everyone's spend the same, the CLV of each draw is
// the spend times its discounted purchases; undiscounted, those are the expected purchases in the
// window, so the CLV band is the purchase band times the spend (and the margin), quantile by quantile.
TEST(ClvBand, WithoutSpendDrawsIsThePurchaseBandTimesTheSpend) {
  const TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 39}, {"model", "bg_nbd"}}).value();
  const TransactionAnalysis a = analyse_transactions(test::cdnow_sample_log(), o).value();
  const CustomerSummary& rows = a.purchase_rows;
  ClvBandInputs in;
  const double spend = 37.5, margin = 0.3;
  for (std::size_t i = 0; i < rows.size(); ++i) in.spend.push_back(rows.weight_of(i) * spend), in.monetary.push_back(0);
  in.margin_fraction = margin;
  const auto band = purchase_band(a.purchases(), rows, 39, 0, 300, 11, in);
  ASSERT_TRUE(band && band->clv);
  EXPECT_FALSE(band->spend_drawn);
  const auto scaled = [&](double purchases) { return margin * spend * purchases; };
  EXPECT_NEAR(band->clv->p10, scaled(band->expected_purchases.p10), 1e-9 * band->clv->p10);
  EXPECT_NEAR(band->clv->p50, scaled(band->expected_purchases.p50), 1e-9 * band->clv->p50);
  EXPECT_NEAR(band->clv->p90, scaled(band->expected_purchases.p90), 1e-9 * band->clv->p90);
  // Discounting makes every draw's CLV smaller than that (10% a year over 39 weeks: above 90% of it).
  in.discount_per_unit = std::pow(1.10, -7 / 365.25);
  const auto discounted = purchase_band(a.purchases(), rows, 39, 0, 300, 11, in);
  EXPECT_LT(discounted->clv->p90, band->clv->p90);
  EXPECT_GT(discounted->clv->p10, 0.9 * band->clv->p10);
  // The purchase bands are the same draws with or without the CLV.
  const auto plain = purchase_band(a.purchases(), rows, 39, 0, 300, 11);
  EXPECT_EQ(plain->expected_purchases.p90, band->expected_purchases.p90);
  EXPECT_FALSE(plain->clv);
}

// Repeat buyers who all spend about the same: Gamma-Gamma runs off to its limit (no estimate,
// the mean spend is used), so the band draws the purchase model alone and says so. Undiscounted,
// every customer's CLV is then about the mean spend times their expected purchases: the CLV band
// is the purchase band times the mean spend.
TEST(ClvBand, ASpendModelAtItsLimitIsNotDrawn) {
  const TransactionLog log = test::cdnow_sample_log();
  const TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 39}, {"model", "bg_nbd"},
       {"annual_discount_rate_percent", 0}}).value();
  CustomerSummary s = summarise_customers(log, o.calibration_end_day, o.holdout_end_day, o.days_per_unit).value();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.frequency[i] > 0) s.monetary[i] = 25;
  const TransactionAnalysis a = analyse_summary(s, o).value();
  ASSERT_TRUE(a.spend);
  EXPECT_TRUE(a.spend_limits.any()) << a.spend->parameters.p << " " << a.spend->parameters.q << " " << a.spend->parameters.gamma;
  ASSERT_TRUE(a.band && a.band->clv);
  EXPECT_FALSE(a.band->spend_drawn);
  EXPECT_EQ(a.band->spend_not_drawn, "not_estimated");
  const nlohmann::json json = purchase_band_to_json(a.band);
  EXPECT_EQ(json["drawn"], nlohmann::json({{"purchase_model", true}, {"spend_model", false}}));
  EXPECT_EQ(json["spend_not_drawn"], "not_estimated");
  const double mean_spend = gamma_gamma_mean_spend(a.spend->parameters);
  EXPECT_NEAR(mean_spend, 25, 0.01);
  EXPECT_NEAR(a.band->clv->p10, mean_spend * a.band->expected_purchases.p10, 1e-3 * a.band->clv->p10);
  EXPECT_NEAR(a.band->clv->p90, mean_spend * a.band->expected_purchases.p90, 1e-3 * a.band->clv->p90);
}

// The CLV bands' checks below: spends that differ by row, discounted at a steep 50% a year over
// a window of 52 weeks (so the grid's interpolation would show).
double row_spend(std::size_t i) { return 20.0 + static_cast<double>(i % 7); }
const double weekly_discount = std::pow(1.5, -7 / 365.25);
constexpr int window_weeks = 52;

// Each row's spend for the band (its customers' row_spend), discounted by this per unit.
ClvBandInputs row_spend_inputs(const CustomerSummary& rows, double discount_per_unit) {
  ClvBandInputs in;
  for (std::size_t i = 0; i < rows.size(); ++i) in.spend.push_back(rows.weight_of(i) * row_spend(i)), in.monetary.push_back(0);
  in.discount_per_unit = discount_per_unit;
  return in;
}

// The CLV's P10, P50 and P90 over the band's own parameter draws, each customer's discounted
// purchases written out unit by unit over the window (once per (x, T)).
std::array<double, 3> every_unit_clv_deciles(const PurchaseModelResult& model, const CustomerSummary& rows, int draws,
                                             std::uint64_t seed) {
  const PurchaseModel& m = *model.model;
  const auto parameters = draw_parameters(model.fit->parameters, model.fit->log_parameter_covariance, draws, seed);
  EXPECT_TRUE(parameters);
  std::vector<double> clv;
  for (const std::vector<double>& p : parameters.value_or(std::vector<std::vector<double>>{})) {
    std::map<std::pair<double, double>, double> discounted_of;  // by (x, T): the sum over every unit
    double total = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double x = rows.frequency[i], T = rows.age[i];
      auto [it, added] = discounted_of.try_emplace({x, T}, 0.0);
      if (added) {
        double before = 0, discount = 1;
        for (int u = 1; u <= window_weeks; ++u) {
          const double now = capped_expected_purchases_if_alive(m, p, u, x, T);
          discount *= weekly_discount, it->second += (now - before) * discount, before = now;
        }
      }
      total += rows.weight_of(i) * m.probability_alive(p, x, rows.recency[i], T) * it->second * row_spend(i);
    }
    clv.push_back(total);
  }
  return deciles_10_50_90(std::span<double>(clv));
}

// A draw's discounted purchases are evaluated at 8 points of the window, the cumulative
// expectation linear between them, and the band adds the exact sum at the estimate (a control
// variate). Written out here unit by unit for the same draws, at a steep 50% a year over 52
// weeks, the band is the same to within 1% of its width.
TEST(ClvBand, OnACoarseGridMatchesTheSumOverEveryUnit) {
  const TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 52}, {"model", "bg_nbd"}}).value();
  const TransactionAnalysis a = analyse_transactions(test::cdnow_sample_log(), o).value();
  const CustomerSummary& rows = a.purchase_rows;
  const auto band = purchase_band(a.purchases(), rows, 52, 0, 100, 3, row_spend_inputs(rows, weekly_discount));
  ASSERT_TRUE(band && band->clv);
  ASSERT_EQ(band->clv_draws, 100);
  const std::array<double, 3> d = every_unit_clv_deciles(a.purchases(), rows, 100, 3);
  const double width = d[2] - d[0];
  ASSERT_GT(width, 0);
  EXPECT_NEAR(band->clv->p10, d[0], 0.01 * width);
  EXPECT_NEAR(band->clv->p50, d[1], 0.01 * width);
  EXPECT_NEAR(band->clv->p90, d[2], 0.01 * width);
}

// Simulated customers from the models' stories (BG/NBD purchases, Gamma-Gamma spends): the same
// customers counted four times give a CLV band half as wide, as 1/sqrt(n) says.
TEST(ClvBand, NarrowsAsOneOverRootN) {
  test::Draws draws(20261207);
  CustomerSummary s;
  s.days_per_unit = 7;
  for (int i = 0; i < 3000; ++i) {
    test::Story story;
    story.rate = draws.gamma(0.8, 5.0);
    const double dropout = draws.beta(0.7, 3.0);
    story.alive_after = [&draws, dropout](int k) { return k == 0 || draws.uniform() >= dropout; };
    test::add_customer(s, draws, story, 20 + (i % 33));
    const int x = static_cast<int>(s.frequency.back());
    if (x == 0) continue;
    const double nu = draws.gamma(4, 15);  // Gamma-Gamma with p = 6, q = 4, gamma = 15: a mean spend of 30
    double total = 0;
    for (int k = 0; k < x; ++k) total += draws.gamma(6, nu);
    s.monetary.back() = total / x;
  }
  const TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 26}, {"model", "bg_nbd"},
       {"band_draws", 400}}).value();
  const TransactionAnalysis one = analyse_summary(s, o).value();
  CustomerSummary four = s;
  four.weight.assign(s.size(), 4.0);
  const TransactionAnalysis four_times = analyse_summary(four, o).value();
  ASSERT_TRUE(one.band && one.band->clv && four_times.band && four_times.band->clv);
  EXPECT_TRUE(one.band->spend_drawn);
  EXPECT_TRUE(four_times.band->spend_drawn);
  const auto width = [](const Interval& band) { return (band.p90 - band.p10) / band.p50; };
  EXPECT_NEAR(width(*four_times.band->clv) / width(*one.band->clv), 0.5, 0.08);
  EXPECT_NEAR(four_times.band->mean_clv->p50, one.band->mean_clv->p50, 0.05 * one.band->mean_clv->p50);
}

// 30,000 simulated BG/NBD customers (their compressed rows: over 5,000, so a band samples them)
// and BG/NBD fitted to them, for the tests of a large log's band.
struct LargeLog {
  CustomerSummary rows;
  PurchaseModelResult model;
};
LargeLog large_simulated_log(std::uint64_t seed) {
  test::Draws draws(seed);
  CustomerSummary s;
  for (int i = 0; i < 30000; ++i) {
    test::Story story;
    story.rate = draws.gamma(0.8, 5.0);
    const double dropout = draws.beta(0.7, 3.0);
    story.alive_after = [&draws, dropout](int k) { return k == 0 || draws.uniform() >= dropout; };
    test::add_customer(s, draws, story, 20 + (i % 33));
  }
  LargeLog log;
  log.rows = compress_for_purchases(s);
  log.model.model = &bg_nbd_model();
  log.model.fit = fit_purchase_model(bg_nbd_model(), log.rows).value();
  log.model.estimated.assign(4, true);
  return log;
}

// A large log's band (a sample of its rows for each draw) evaluates each draw's discounted
// purchases at only 4 points of the window, and adds the every-unit sum at the estimate on all
// rows. Written out unit by unit on all 12,000-odd rows for the same draws, at a steep 50% a year
// over 52 weeks, its CLV band is the same to within 3% of its width (the sample's own error, as
// for the other answers below; the grid's share of it is far smaller, 0.02% of the width on the
// 10,000,000-row log).
TEST(ClvBand, OfManyRowsOnItsCoarserGridMatchesTheSumOverEveryUnit) {
  const LargeLog log = large_simulated_log(20261207);
  const CustomerSummary& rows = log.rows;
  ASSERT_GT(rows.size(), 10000u);
  const auto band = purchase_band(log.model, rows, 52, 0, 100, 9, row_spend_inputs(rows, weekly_discount));
  ASSERT_TRUE(band && band->clv);
  ASSERT_EQ(band->clv_draws, 100);
  const std::array<double, 3> d = every_unit_clv_deciles(log.model, rows, 100, 9);
  const double width = d[2] - d[0];
  ASSERT_GT(width, 0);
  EXPECT_NEAR(band->clv->p10, d[0], 0.03 * width);
  EXPECT_NEAR(band->clv->p50, d[1], 0.03 * width);
  EXPECT_NEAR(band->clv->p90, d[2], 0.03 * width);
}

// Above 5,000 rows a band evaluates each draw on a sample of them and adds the change to the
// answer on all rows. Written out here on all 30,000 rows for the same draws, the band is the
// same to within 3% of its width (the quantiles of 200 draws are themselves uncertain by more);
// so is its CLV, whose spends per row are scaled with the sample's weights.
TEST(PurchaseBand, OfManyRowsMatchesTheBandOnAllOfThem) {
  const LargeLog log = large_simulated_log(20261206);
  const CustomerSummary& rows = log.rows;
  const PurchaseModelResult& model = log.model;
  ASSERT_GT(rows.size(), 10000u);
  // Spends that differ by row, undiscounted: each draw's CLV is then sum w a E[purchases] spend.
  const ClvBandInputs in = row_spend_inputs(rows, 1);
  const auto band = purchase_band(model, rows, 52, 26, 200, 5, in);
  ASSERT_TRUE(band);
  ASSERT_EQ(band->draws, 200);

  std::vector<double> purchases, alive, holdout, clv;
  const auto parameters = draw_parameters(model.fit->parameters, model.fit->log_parameter_covariance, 200, 5);
  ASSERT_TRUE(parameters);
  for (const std::vector<double>& p : *parameters) {
    double total = 0, alive_total = 0, holdout_total = 0, clv_total = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double w = rows.weight_of(i), x = rows.frequency[i], T = rows.age[i];
      const double a = bg_nbd_model().probability_alive(p, x, rows.recency[i], T);
      const double in_window = capped_expected_purchases_if_alive(bg_nbd_model(), p, 52, x, T);
      alive_total += w * a;
      total += w * a * in_window;
      clv_total += w * a * in_window * row_spend(i);
      holdout_total += w * a * capped_expected_purchases_if_alive(bg_nbd_model(), p, 26, x, T);
    }
    purchases.push_back(total), alive.push_back(alive_total / rows.customers()), holdout.push_back(holdout_total);
    clv.push_back(clv_total);
  }
  const auto expect_close = [](const Interval& sampled, std::vector<double>& all, const char* what) {
    const std::array<double, 3> d = deciles_10_50_90(std::span<double>(all));
    const double width = d[2] - d[0];
    ASSERT_GT(width, 0) << what;
    EXPECT_NEAR(sampled.p10, d[0], 0.03 * width) << what;
    EXPECT_NEAR(sampled.p50, d[1], 0.03 * width) << what;
    EXPECT_NEAR(sampled.p90, d[2], 0.03 * width) << what;
  };
  expect_close(band->expected_purchases, purchases, "expected purchases");
  expect_close(band->mean_probability_alive, alive, "mean P(alive)");
  expect_close(*band->holdout_expected, holdout, "holdout");
  expect_close(*band->clv, clv, "CLV");
}

}  // namespace
}  // namespace retention
