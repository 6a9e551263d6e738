// Uncertainty bands from parameter draws: the draws follow the asymptotic normal they are drawn
// from, the same seed gives the same band, the band holds the point estimate, and four times the
// customers (the same histories, each weighted 4) halve its width, as 1/sqrt(n) says.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/numerics/parameter_draws.hpp"
#include "retention/repeat_buying/purchase_band.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "repeat_buying/cdnow_summary.hpp"
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

}  // namespace
}  // namespace retention
