#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "retention/repeat_buying/transaction_analysis.hpp"
#include "retention/text/visible_text.hpp"
#include "repeat_buying/cdnow_summary.hpp"
#include "test_data.hpp"

namespace retention {
namespace {


TransactionAnalysisOptions weekly_options() {
  Result<TransactionAnalysisOptions> o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"holdout_end", "1998-06-30"}, {"time_unit", "week"}, {"prediction_units", 39},
       {"annual_discount_rate_percent", 10}, {"margin_percent", 30}});
  EXPECT_TRUE(o.ok());
  return o.value();
}

TEST(TransactionAnalysis, CdnowSample) {
  const TransactionLog log = test::cdnow_sample_log();
  TransactionAnalysisOptions options = weekly_options();
  options.model = "bg_nbd";
  Result<TransactionAnalysis> result = analyse_transactions(log, options);
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  const TransactionAnalysis& a = result.value();
  ASSERT_EQ(a.purchases().model->name(), "bg_nbd");
  const std::vector<double>& q = a.purchases().fit->parameters;
  const BgNbdParameters p{q[0], q[1], q[2], q[3]};
  // The summary is built from days, the published one was rounded to 2 decimals of a week.
  EXPECT_NEAR(p.r, 0.243, 0.001);
  EXPECT_NEAR(p.alpha, 4.414, 0.01);
  EXPECT_NEAR(p.a, 0.793, 0.002);
  EXPECT_NEAR(p.b, 2.426, 0.01);
  ASSERT_TRUE(a.spend.has_value());
  EXPECT_NEAR(a.spend->parameters.p, 6.25, 0.005);

  // The cached, per-key computations against the model's functions customer by customer.
  const double v = std::pow(1.1, -7 / 365.25);
  double expected_holdout = 0;
  for (std::size_t i = 0; i < a.summary.size(); ++i) {
    const double x = a.summary.frequency[i], t_x = a.summary.recency[i], T = a.summary.age[i];
    expected_holdout += bgnbd_expected_purchases(p, 39, x, t_x, T);
    if (i % 97 != 0) continue;
    EXPECT_NEAR(a.expected_purchases[i], bgnbd_expected_purchases(p, 39, x, t_x, T), 1e-9) << i;
    double clv = 0, before = 0;
    for (int k = 1; k <= 39; ++k) {
      const double now = bgnbd_expected_purchases(p, k, x, t_x, T);
      clv += (now - before) * std::pow(v, k);
      before = now;
    }
    EXPECT_NEAR(a.clv[i], 0.3 * a.expected_spend[i] * clv, 1e-9 * std::max(1.0, a.clv[i])) << i;
  }
  ASSERT_EQ(a.holdout_expected_cumulative.size(), 39u);
  EXPECT_NEAR(a.holdout_expected_cumulative.back(), expected_holdout, 1e-6 * expected_holdout);
  const double actual = std::accumulate(a.summary.holdout_frequency.begin(), a.summary.holdout_frequency.end(), 0.0);
  EXPECT_EQ(a.holdout_actual_cumulative.back(), actual);
  for (std::size_t t = 1; t < a.holdout_expected_cumulative.size(); ++t)
    EXPECT_GE(a.holdout_expected_cumulative[t], a.holdout_expected_cumulative[t - 1]);

  // Top customers by CLV, highest first.
  ASSERT_EQ(a.top_customers.size(), 20u);
  for (std::size_t k = 1; k < a.top_customers.size(); ++k)
    EXPECT_GE(a.clv[static_cast<std::size_t>(a.top_customers[k - 1])], a.clv[static_cast<std::size_t>(a.top_customers[k])]);

  const nlohmann::json json = transaction_analysis_to_json(a, log);
  int histogram = 0;
  for (int count : json["probability_alive_histogram"]) histogram += count;
  EXPECT_EQ(histogram, 2357);
  EXPECT_EQ(json["import"]["first_date"], "1997-01-01");
  EXPECT_EQ(json["import"]["last_date"], "1998-06-30");
  const std::string csv = transaction_predictions_csv(a, log);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2358);
}

// 55 customers who each buy once a week all of 2025 (a day early or late now and then), paying
// 20, 25 or 30 in turn, customer by customer 0.1 more or less: nobody stops, everyone buys at
// the same rate, and customers' mean spends hardly differ.
struct WeeklyBuyers {
  TransactionLog log;
  double total_repeats = 0, total_age_weeks = 0;  // for the hand-derived purchase rate
};
WeeklyBuyers weekly_buyers() {
  WeeklyBuyers w;
  const std::int32_t start = days_from_civil(2025, 1, 1), end = days_from_civil(2025, 12, 31);
  for (int c = 0; c < 55; ++c) {
    w.log.customer_ids.push_back("C" + std::to_string(c + 1));
    for (int week = 0; week < 52; ++week) {
      const int early_or_late = week == 0 ? 0 : (week + c) % 3 - 1;
      const std::int32_t day = start + c % 7 + 7 * week + early_or_late;
      w.log.customer.push_back(c);
      w.log.day.push_back(day);
      w.log.amount.push_back(20 + 5 * (week % 3) + 0.1 * (c % 5 - 2));
      if (week == 0) w.total_age_weeks += (end - day) / 7.0;
    }
    w.total_repeats += 51;
  }
  w.log.rows_read = static_cast<std::int64_t>(w.log.day.size());
  return w;
}

TEST(TransactionAnalysis, WeeklyBuyersWithoutDropoutGetNotesNotEstimates) {
  const WeeklyBuyers w = weekly_buyers();
  TransactionAnalysisOptions o;
  o.calibration_end_day = o.holdout_end_day = days_from_civil(2025, 12, 31);
  o.prediction_units = 52;
  o.model = "bg_nbd";  // whose limits are told apart in words
  Result<TransactionAnalysis> result = analyse_transactions(w.log, o);
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  const TransactionAnalysis& a = result.value();
  ASSERT_EQ(a.purchases().model->name(), "bg_nbd");
  EXPECT_TRUE(a.purchases().bg_nbd_limits.no_dropout);
  EXPECT_TRUE(a.purchases().bg_nbd_limits.same_purchase_rate);
  EXPECT_TRUE(a.spend_limits.any());
  std::vector<std::string> codes;
  for (const Message& note : a.notes) codes.push_back(note.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"bgnbd_no_dropout", "bgnbd_same_purchase_rate", "gamma_gamma_same_mean_spend"}));

  const nlohmann::json json = transaction_analysis_to_json(a, w.log);
  for (const char* name : {"r", "alpha", "a", "b"}) EXPECT_FALSE(json["purchases"]["estimated"][name]) << name;
  for (const char* name : {"p", "q", "gamma"}) EXPECT_FALSE(json["spend"]["estimated"][name]) << name;
  EXPECT_TRUE(json["totals"]["mean_probability_alive"].is_null());  // not 100% as if estimated
  ASSERT_EQ(json["notes"].size(), 3u);
  EXPECT_EQ(json["notes"][0]["code"], "bgnbd_no_dropout");

  // What can be trusted, derived from the construction: one Poisson rate, whose estimate is
  // repeat purchases over weeks observed (2,805 over the customers' summed ages); the mean spend
  // per purchase is 25 (20, 25, 30 in turn over 51 repeats; the 0.1 offsets cancel over 55).
  const double rate = w.total_repeats / w.total_age_weeks;
  EXPECT_NEAR(json["purchases"]["purchase_rate"].get<double>(), rate, 1e-9 * rate);
  EXPECT_NEAR(json["spend"]["mean_spend"].get<double>(), 25, 0.05);
  EXPECT_NE(a.notes[1].text.find("purchases per week"), std::string::npos) << a.notes[1].text;
  // With nobody leaving, each customer's next 52 weeks hold about 52 x rate purchases (the BG/NBD
  // formula lost this to cancellation and gave thousands), worth about 25 each.
  for (std::size_t i = 0; i < a.summary.size(); ++i) {
    EXPECT_NEAR(a.expected_purchases[i], 52 * rate, 0.02 * 52 * rate) << i;
    EXPECT_NEAR(a.expected_spend[i], 25, 0.3) << i;
  }
}

// The other models have no words for these limits, but say that their parameters are no
// estimates, and their predictions stay those of nobody stopping (the formulas' limit).
TEST(TransactionAnalysis, WeeklyBuyersUnderEveryModelGetTheLimitsPredictions) {
  const WeeklyBuyers w = weekly_buyers();
  const double rate = w.total_repeats / w.total_age_weeks;
  for (const char* name : {"mbg_nbd", "pareto_nbd"}) {
    TransactionAnalysisOptions o;
    o.calibration_end_day = o.holdout_end_day = days_from_civil(2025, 12, 31);
    o.prediction_units = 52;
    o.model = name;
    const TransactionAnalysis a = analyse_transactions(w.log, o).value();
    ASSERT_EQ(a.purchases().model->name(), name);
    EXPECT_FALSE(a.purchases().all_estimated()) << name;
    ASSERT_FALSE(a.notes.empty());
    EXPECT_EQ(a.notes[0].code, "model_parameters_at_limit") << name;
    for (std::size_t i = 0; i < a.summary.size(); ++i) {
      EXPECT_NEAR(a.expected_purchases[i], 52 * rate, 0.05 * 52 * rate) << name << " " << i;
      EXPECT_GT(a.probability_alive[i], 0.9) << name << " " << i;
    }
    EXPECT_LT(a.churn_per_period, 0.05) << name;
  }
}

TEST(TransactionAnalysis, TopCustomerIdsAreShownWithoutInvisibleCharacters) {
  WeeklyBuyers w = weekly_buyers();
  for (auto& id : w.log.customer_ids) id = "\u202E" + id + "\x1B[2J\xC2\x9B";  // override, escape, C1 CSI
  TransactionAnalysisOptions o;
  o.calibration_end_day = o.holdout_end_day = days_from_civil(2025, 12, 31);
  Result<TransactionAnalysis> result = analyse_transactions(w.log, o);
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  const nlohmann::json top = transaction_analysis_to_json(result.value(), w.log)["top_customers"];
  ASSERT_FALSE(top.empty());
  for (const auto& customer : top) {
    const std::string id = customer["id"];
    EXPECT_FALSE(has_hidden_characters(id)) << id;
    EXPECT_EQ(id.front(), 'C');
    EXPECT_EQ(id.substr(id.size() - 3), "[2J");
  }
}

TEST(TransactionAnalysis, CdnowSampleHasNoParameterAtALimit) {
  const TransactionLog log = test::cdnow_sample_log();
  Result<TransactionAnalysis> result = analyse_transactions(log, weekly_options());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().notes.empty());
  const nlohmann::json json = transaction_analysis_to_json(result.value(), log);
  ASSERT_EQ(json["models"].size(), 3u);
  for (const nlohmann::json& model : json["models"]) {
    ASSERT_EQ(model["estimated"].size(), 4u) << model["model"];
    for (const auto& [name, estimated] : model["estimated"].items()) EXPECT_TRUE(estimated) << model["model"] << " " << name;
    for (const auto& [name, error] : model["standard_errors"].items()) EXPECT_GT(error.get<double>(), 0) << name;
  }
  for (const char* name : {"p", "q", "gamma"}) EXPECT_TRUE(json["spend"]["estimated"][name]) << name;
  EXPECT_TRUE(json["totals"]["mean_probability_alive"].is_number());
  EXPECT_TRUE(json["notes"].empty());
}

// The comparison: each model's holdout columns are its own per-customer predictions summed, the
// naive baseline is x/T carried over the holdout, and the best model is the one the rule names.
TEST(TransactionAnalysis, EveryModelIsComparedOnTheHoldout) {
  const TransactionLog log = test::cdnow_sample_log();
  const TransactionAnalysis a = analyse_transactions(log, weekly_options()).value();
  const PurchaseModelComparison& c = a.comparison;
  const CustomerSummary& s = a.summary;
  ASSERT_EQ(c.models.size(), 3u);
  EXPECT_NEAR(c.holdout_units, 273 / 7.0, 1e-12);  // 1997-10-01 to 1998-06-30
  EXPECT_EQ(c.holdout_actual, std::accumulate(s.holdout_frequency.begin(), s.holdout_frequency.end(), 0.0));
  double naive = 0, naive_error = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double e = s.frequency[i] / s.age[i] * 39;
    naive += e, naive_error += std::fabs(e - s.holdout_frequency[i]);
  }
  EXPECT_NEAR(c.naive_holdout_expected, naive, 1e-9 * naive);
  EXPECT_NEAR(c.naive_holdout_mean_absolute_error, naive_error / static_cast<double>(s.size()), 1e-12);
  std::size_t best = 0;
  for (std::size_t m = 0; m < 3; ++m) {
    const PurchaseModelResult& r = c.models[m];
    ASSERT_TRUE(r.fitted()) << r.model->name();
    double expected = 0, error = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double e = r.model->expected_purchases(r.fit->parameters, 39, s.frequency[i], s.recency[i], s.age[i]);
      expected += e, error += std::fabs(e - s.holdout_frequency[i]);
    }
    EXPECT_NEAR(r.holdout_expected, expected, 1e-9 * expected) << r.model->name();
    EXPECT_NEAR(r.holdout_mean_absolute_error, error / static_cast<double>(s.size()), 1e-12) << r.model->name();
    // Every model beats carrying the past rate forward, which ignores that customers stop.
    EXPECT_LT(r.holdout_mean_absolute_error, c.naive_holdout_mean_absolute_error);
    EXPECT_NEAR(a.holdout_expected_cumulative_by_model[m].back(), expected, 1e-6 * expected);
    if (r.holdout_mean_absolute_error < c.models[best].holdout_mean_absolute_error) best = m;
  }
  EXPECT_EQ(c.best, best);
  EXPECT_EQ(c.best_by, "holdout");
  EXPECT_EQ(c.best_reason.code, "best_model_holdout");
  EXPECT_EQ(a.chosen, c.best);  // "best" is the default choice

  // Without a holdout, BIC decides: MBG/NBD and BG/NBD are within 2 of each other on this sample.
  TransactionAnalysisOptions no_holdout = weekly_options();
  no_holdout.holdout_end_day = no_holdout.calibration_end_day;
  const PurchaseModelComparison by_bic = analyse_transactions(log, no_holdout).value().comparison;
  EXPECT_EQ(by_bic.best_by, "bic");
  std::size_t lowest = 0;
  for (std::size_t m = 1; m < 3; ++m)
    if (by_bic.models[m].fit->bic() < by_bic.models[lowest].fit->bic()) lowest = m;
  EXPECT_EQ(by_bic.best, lowest);
  EXPECT_EQ(by_bic.holdout_units, 0);
}

TEST(TransactionAnalysis, TheChosenModelFeedsThePredictionsAndTheCalculator) {
  const TransactionLog log = test::cdnow_sample_log();
  for (const PurchaseModel* model : purchase_models()) {
    TransactionAnalysisOptions o = weekly_options();
    o.model = std::string(model->name());
    const TransactionAnalysis a = analyse_transactions(log, o).value();
    ASSERT_EQ(a.purchases().model, model);
    const std::vector<double>& p = a.purchases().fit->parameters;
    const CustomerSummary& s = a.summary;
    double revenue = 0, alive = 0, stopping = 0;
    for (std::size_t i = 0; i < s.size(); i += 1) {
      const double x = s.frequency[i], t_x = s.recency[i], T = s.age[i];
      const double p_alive = model->probability_alive(p, x, t_x, T);
      EXPECT_NEAR(a.probability_alive[i], p_alive, 1e-12);
      EXPECT_NEAR(a.expected_purchases[i], model->expected_purchases(p, 39, x, t_x, T), 1e-9) << model->name() << i;
      revenue += a.expected_purchases[i] * a.expected_spend[i];
      alive += p_alive, stopping += p_alive * model->dropout_within(p, 365.25 / 12 / 7, x, T);
    }
    // Per calculator month: the revenue of the 39 weeks spread evenly, and the share of the
    // customers alive now who stop within a month.
    EXPECT_NEAR(a.revenue_per_customer_per_period, revenue / static_cast<double>(s.size()) / 39 * (365.25 / 12 / 7), 1e-9);
    EXPECT_NEAR(a.churn_per_period, stopping / alive, 1e-12);
    EXPECT_GT(a.churn_per_period, 0.01);
    EXPECT_LT(a.churn_per_period, 0.2);
  }
  Result<TransactionAnalysisOptions> bad = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"model", "weibull"}, {"calculator_period", "fortnight"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors()[0].field, "model");
  EXPECT_EQ(bad.errors()[1].field, "calculator_period");
}

TEST(TransactionAnalysis, OptionsAreValidated) {
  Result<TransactionAnalysisOptions> bad = transaction_options_from_json(
      {{"calibration_end", "1997-02-30"}, {"time_unit", "fortnight"}, {"prediction_units", 0}});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors().size(), 3u);
  EXPECT_EQ(bad.errors()[0].field, "calibration_end");
  EXPECT_EQ(bad.errors()[1].field, "time_unit");
  EXPECT_EQ(bad.errors()[2].field, "prediction_units");
}

TEST(TransactionAnalysis, CalibrationBeforeAnyPurchaseIsAnError) {
  TransactionAnalysisOptions o = weekly_options();
  o.calibration_end_day = days_from_civil(1990, 1, 1);
  Result<TransactionAnalysis> result = analyse_transactions(test::cdnow_sample_log(), o);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().field, "calibration_end");
}

}  // namespace
}  // namespace retention
