// The band on the headline CLV when a fitted curve with its covariance gives it: checked against a
// delta-method width written out here (the CLV as a plain sum of the sBG's survival), and carried
// by the scenario document and its share link.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/cohorts/clv_band.hpp"
#include "retention/calculator/evaluate.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_link.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

const SbgParameters regular{0.704, 1.182};
// About the published fit's uncertainty (standard errors near 0.07 and 0.15 on alpha and beta).
const CurveUncertainty published_like{0.0099, 0.0105, 0.0161};

ScenarioDocument fitted_document(std::optional<CurveUncertainty> uncertainty = published_like) {
  ScenarioDocument d = test::yearly_margin_of_100();
  d.retention_curve = regular;
  d.retention_curve_uncertainty = uncertainty;
  return d;
}

ClvBand band_of(const ScenarioDocument& d, int draws = clv_band_draws, std::uint64_t seed = clv_band_seed) {
  return clv_band(baseline_assumptions(d), *d.retention_curve_uncertainty, draws, seed);
}

// CLV paid at the start of each year, margin 100, 10% discount: 100 sum_t S(t) / 1.1^t, with the
// sBG's S(t) = prod_{i=1..t} (beta + i - 1) / (alpha + beta + i - 1), summed until it settles.
double clv_by_hand(double alpha, double beta) {
  double survival = 1, sum = 0, discount = 1;
  for (int t = 0; t < 2000; ++t) {
    sum += survival * discount;
    survival *= (beta + t) / (alpha + beta + t);
    discount /= 1.1;
  }
  return 100 * sum;
}

TEST(HeadlineClvBand, WidthIsTheDeltaMethodsForASmallCovariance) {
  // Small uncertainty, so the CLV is nearly linear in (ln alpha, ln beta): P90 - P10 is
  // 2 z_0.9 sqrt(g' Sigma g), with g the CLV's gradient in the log-parameters by central differences.
  const CurveUncertainty small{1e-4, -2e-5, 4e-4};
  const ClvBand band = band_of(fitted_document(small), 20000, 7);
  ASSERT_TRUE(band.clv.has_value());
  const double h = 1e-5, a = regular.alpha, b = regular.beta;
  const double ga = (clv_by_hand(a * std::exp(h), b) - clv_by_hand(a * std::exp(-h), b)) / (2 * h);
  const double gb = (clv_by_hand(a, b * std::exp(h)) - clv_by_hand(a, b * std::exp(-h))) / (2 * h);
  const double sd = std::sqrt(ga * ga * small.variance_log_alpha + 2 * ga * gb * small.covariance +
                              gb * gb * small.variance_log_beta);
  const double z90 = 1.2815515655446004;  // the standard normal's 90th percentile
  EXPECT_NEAR(band.clv->p90 - band.clv->p10, 2 * z90 * sd, 0.03 * 2 * z90 * sd);
  EXPECT_NEAR(band.clv->p50, clv_by_hand(a, b), 0.05 * sd);
  EXPECT_EQ(band.draws, 20000);
  EXPECT_EQ(band.unbounded_draws, 0);
}

TEST(HeadlineClvBand, HoldsTheHeadlineClvAndNarrowsLinearlyWithTheStandardDeviation) {
  const double clv = evaluate(fitted_document()).value().baseline.value.clv;
  EXPECT_NEAR(clv, clv_by_hand(regular.alpha, regular.beta), 1e-6 * clv);
  const Interval wide = *band_of(fitted_document()).clv;
  EXPECT_LT(wide.p10, clv);
  EXPECT_GT(wide.p90, clv);
  // The covariance over k^2, its standard deviations over k: the width over about k (the same
  // seed draws the same normals, scaled).
  for (double k : {2.0, 4.0, 10.0}) {
    const CurveUncertainty shrunk{published_like.variance_log_alpha / (k * k), published_like.covariance / (k * k),
                                  published_like.variance_log_beta / (k * k)};
    const Interval narrow = *band_of(fitted_document(shrunk)).clv;
    EXPECT_LT(narrow.p10, clv) << k;
    EXPECT_GT(narrow.p90, clv) << k;
    EXPECT_NEAR((narrow.p90 - narrow.p10) / (wide.p90 - wide.p10), 1 / k, 0.1 / k) << k;
  }
}

TEST(HeadlineClvBand, WithoutCovarianceEveryDrawIsTheHeadlineClv) {
  const double clv = evaluate(fitted_document()).value().baseline.value.clv;
  const ClvBand band = band_of(fitted_document(CurveUncertainty{0, 0, 0}));
  ASSERT_TRUE(band.clv.has_value());
  EXPECT_NEAR(band.clv->p10, clv, 1e-9);
  EXPECT_NEAR(band.clv->p50, clv, 1e-9);
  EXPECT_NEAR(band.clv->p90, clv, 1e-9);
  // Semi-definite, not zero: only ln alpha varies, so the band is that of alpha alone.
  const ClvBand alpha_only = band_of(fitted_document(CurveUncertainty{0.01, 0, 0}));
  ASSERT_TRUE(alpha_only.clv.has_value());
  EXPECT_LT(alpha_only.clv->p10, clv);
  EXPECT_GT(alpha_only.clv->p90, clv);
}

TEST(HeadlineClvBand, IsSeeded) {
  const nlohmann::json first = clv_band_to_json(band_of(fitted_document()));
  EXPECT_EQ(first, clv_band_to_json(band_of(fitted_document())));
  EXPECT_NE(first["clv"], clv_band_to_json(band_of(fitted_document(), clv_band_draws, 2))["clv"]);
  EXPECT_EQ(first["draws"], 200);
  EXPECT_EQ(first["seed"], 1);
}

TEST(HeadlineClvBand, NoBandWhenMoreThanOneDrawInTenIsUnbounded) {
  // Without discounting, the sBG's lifetime CLV (sum of S(t) ~ t^-alpha) diverges for alpha <= 1:
  // alpha 1.05 with a standard deviation of 0.2 on ln alpha puts about 40% of draws below 1.
  ScenarioDocument d = fitted_document(CurveUncertainty{0.04, 0, 0.0001});
  d.annual_discount_rate_percent = 0;
  d.retention_curve = SbgParameters{1.05, 1.182};
  const ClvBand band = band_of(d);
  EXPECT_FALSE(band.clv.has_value());
  EXPECT_GT(band.unbounded_draws * 10, band.draws);
  EXPECT_EQ(band.draws, 200);
  EXPECT_TRUE(clv_band_to_json(band)["clv"].is_null());
  // Well away from 1, the same spread gives a band.
  d.retention_curve = SbgParameters{3, 1.182};
  const ClvBand bounded = band_of(d);
  EXPECT_TRUE(bounded.clv.has_value());
  EXPECT_EQ(bounded.unbounded_draws, 0);
}

TEST(HeadlineClvBand, TheDocumentAndItsShareLinkCarryItAndGiveTheSameBand) {
  const ScenarioDocument d = fitted_document();
  const nlohmann::json text = scenario_document_to_json(d);
  EXPECT_EQ(text["retention_curve"]["log_covariance"], nlohmann::json::parse("[0.0099, 0.0105, 0.0105, 0.0161]"));
  Result<ScenarioDocument> from_link = scenario_from_link(scenario_to_link(d));
  ASSERT_TRUE(from_link.ok());
  ASSERT_TRUE(from_link.value().retention_curve_uncertainty.has_value());
  EXPECT_EQ(clv_band_to_json(band_of(d)), clv_band_to_json(band_of(from_link.value())));
  // Without a covariance the document has none to write, and an older document still loads.
  EXPECT_FALSE(scenario_document_to_json(fitted_document(std::nullopt))["retention_curve"].contains("log_covariance"));
  for (int version : {1, 2}) {
    nlohmann::json old = scenario_document_to_json(fitted_document(std::nullopt));
    old["version"] = version;
    Result<ScenarioDocument> parsed = scenario_document_from_json(old);
    ASSERT_TRUE(parsed.ok()) << version;
    EXPECT_FALSE(parsed.value().retention_curve_uncertainty.has_value());
  }
}

TEST(HeadlineClvBand, SemiDefiniteCovariancesAreAccepted) {
  nlohmann::json text = scenario_document_to_json(fitted_document());
  for (const char* good : {"[0, 0, 0, 0]", "[0.01, 0.01, 0.01, 0.01]", "[0, 0, 0, 0.02]", "[1, 0, 0, 1]", "null"}) {
    text["retention_curve"]["log_covariance"] = nlohmann::json::parse(good);
    EXPECT_TRUE(scenario_document_from_json(text).ok()) << good;
  }
}

TEST(HeadlineClvBand, AMatrixThatIsNoCovarianceIsNamed) {
  const nlohmann::json text = scenario_document_to_json(fitted_document());
  for (const char* bad : {"[0.01, 0.02, 0.02, 0.01]",   // not positive semi-definite
                          "[0.01, 0.001, 0.002, 0.01]",  // not symmetric
                          "[-0.01, 0, 0, 0.01]",         // a negative variance
                          "[0, 0.001, 0.001, 0.01]",     // a covariance beside a zero variance
                          "[500, 0, 0, 0.01]",           // a curve that unsure is no curve
                          "[1e400, 0, 0, 0.01]", "[0.01, 0, 0.01]", "[0.01, 0, 0, \"x\"]",
                          "[[0.01, 0], [0, 0.01]]", "[0.01, 0, 0, 0.01, 0]", "{}", "7"}) {
    nlohmann::json document = text;
    const nlohmann::json matrix = nlohmann::json::parse(bad, nullptr, false);
    if (matrix.is_discarded()) {  // 1e400 is no double: the matrix holds infinity instead
      document["retention_curve"]["log_covariance"] = {INFINITY, 0, 0, 0.01};
    } else {
      document["retention_curve"]["log_covariance"] = matrix;
    }
    Result<ScenarioDocument> parsed = scenario_document_from_json(document);
    ASSERT_FALSE(parsed.ok()) << bad;
    ASSERT_EQ(parsed.errors().size(), 1u) << bad;
    EXPECT_EQ(parsed.errors().front().field, "retention_curve.log_covariance") << bad;
    EXPECT_EQ(parsed.errors().front().code, "curve_covariance_invalid") << bad;
    EXPECT_NE(parsed.errors().front().message.find("[var ln alpha, cov, cov, var ln beta]"), std::string::npos);
    EXPECT_NE(parsed.errors().front().message.find("positive semi-definite"), std::string::npos);
  }
}

}  // namespace
}  // namespace retention
