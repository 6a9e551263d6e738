// Summaries brought from where the data lives: the compressed table read back, its rules named by
// line and column, the fits on it equal to the fits on the log it came from, and the warehouse
// query's text for each dialect. (tests/wasm/warehouse.test.mjs runs the DuckDB query for real.)
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "retention/repeat_buying/purchase_headline.hpp"
#include "retention/repeat_buying/summary_table.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "retention/repeat_buying/warehouse_sql.hpp"
#include "repeat_buying/cdnow_summary.hpp"
#include "test_data.hpp"

namespace retention {
namespace {


TransactionAnalysisOptions weekly_without_holdout() {
  TransactionAnalysisOptions o = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"time_unit", "week"}, {"prediction_units", 39}, {"margin_percent", 30}}).value();
  return o;
}

// The compressed table as the warehouse query writes it (x, t_x, T, spend, customers).
std::string as_csv(const CustomerSummary& rows) {
  std::string text = "x,t_x,T,spend,customers\n";
  char line[160];
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::snprintf(line, sizeof line, "%.17g,%.17g,%.17g,%.17g,%.17g\n", rows.frequency[i], rows.recency[i], rows.age[i],
                  rows.monetary[i], rows.weight_of(i));
    text += line;
  }
  return text;
}

TEST(SummaryTable, TheCompressedCdnowSampleFitsAsItsLog) {
  const TransactionLog log = test::cdnow_sample_log();
  const TransactionAnalysisOptions o = weekly_without_holdout();
  const CustomerSummary summary = summarise_customers(log, o.calibration_end_day, o.holdout_end_day, o.days_per_unit).value();
  const CustomerSummary rows = compress_with_spend(summary);
  EXPECT_LT(rows.size(), summary.size() / 2);  // 1,411 one-time buyers share a few hundred (t_x, T)
  EXPECT_EQ(rows.customers(), 2357);
  Result<CustomerSummary> read = read_summary_table(as_csv(rows), 7);
  ASSERT_TRUE(read.ok()) << read.errors().front().message;
  EXPECT_EQ(read.value().frequency, rows.frequency);
  EXPECT_EQ(read.value().monetary, rows.monetary);
  EXPECT_EQ(read.value().weight, rows.weight);

  const TransactionAnalysis raw = analyse_transactions(log, o).value();
  const TransactionAnalysis compressed = analyse_summary(read.value(), o).value();
  ASSERT_EQ(raw.comparison.models.size(), compressed.comparison.models.size());
  for (std::size_t m = 0; m < raw.comparison.models.size(); ++m) {
    const PurchaseModelFit &a = *raw.comparison.models[m].fit, &b = *compressed.comparison.models[m].fit;
    EXPECT_NEAR(b.log_likelihood, a.log_likelihood, 1e-9 * std::fabs(a.log_likelihood)) << a.model->name();
    for (std::size_t k = 0; k < a.parameters.size(); ++k)
      EXPECT_NEAR(b.parameters[k], a.parameters[k], 1e-9 * a.parameters[k]) << a.model->name() << " " << k;
  }
  ASSERT_TRUE(raw.spend && compressed.spend);
  EXPECT_NEAR(compressed.spend->parameters.p, raw.spend->parameters.p, 1e-9 * raw.spend->parameters.p);
  EXPECT_NEAR(compressed.spend->parameters.gamma, raw.spend->parameters.gamma, 1e-9 * raw.spend->parameters.gamma);
  // Totals count the customers a row stands for.
  const nlohmann::json a = summary_analysis_to_json(raw), b = summary_analysis_to_json(compressed);
  EXPECT_EQ(b["calibration"]["customers"], 2357.0);
  for (const char* key : {"repeat_rate", "expected_purchases", "clv", "mean_probability_alive"})
    EXPECT_NEAR(b["totals"][key].get<double>(), a["totals"][key].get<double>(), 1e-8 * std::fabs(a["totals"][key].get<double>())) << key;
  EXPECT_NEAR(b["calculator_inputs"]["churn_percent"].get<double>(), a["calculator_inputs"]["churn_percent"].get<double>(), 1e-9);
  // The CLV band: the same purchase rows and the same draws, the spends summed per row alike.
  ASSERT_TRUE(raw.band && raw.band->clv && compressed.band && compressed.band->clv);
  EXPECT_NEAR(compressed.band->clv->p10, raw.band->clv->p10, 1e-8 * raw.band->clv->p10);
  EXPECT_NEAR(compressed.band->clv->p90, raw.band->clv->p90, 1e-8 * raw.band->clv->p90);
}

// Without a holdout the models are chosen by BIC. A log's reason advises setting a holdout end;
// a summary table has no dates, so there is none to set and its reason says only the comparison.
TEST(SummaryTable, TheChoiceByBicDoesNotAdviseAHoldoutATableCannotHave) {
  const TransactionLog log = test::cdnow_sample_log();
  const TransactionAnalysisOptions o = weekly_without_holdout();
  const CustomerSummary summary = summarise_customers(log, o.calibration_end_day, o.holdout_end_day, o.days_per_unit).value();
  const TransactionAnalysis from_log = analyse_transactions(log, o).value();
  const TransactionAnalysis from_table = analyse_summary(read_summary_table(as_csv(compress_with_spend(summary)), 7).value(), o).value();
  ASSERT_EQ(from_log.comparison.best_by, "bic");
  ASSERT_EQ(from_table.comparison.best_by, "bic");
  const Message &logged = from_log.comparison.best_reason, &tabled = from_table.comparison.best_reason;
  EXPECT_TRUE(logged.code == "best_model_bic" || logged.code == "best_model_bic_close") << logged.code;
  EXPECT_EQ(tabled.code, logged.code + "_summary");
  EXPECT_NE(logged.text.find("Set a holdout end"), std::string::npos) << logged.text;
  EXPECT_EQ(tabled.text.find("holdout"), std::string::npos) << tabled.text;
  // The same models and the same gap, in the same words up to the advice.
  EXPECT_EQ(logged.text.rfind(tabled.text.substr(0, tabled.text.size() - 1), 0), 0u)
      << logged.text << " / " << tabled.text;
}

TEST(SummaryTable, BadRowsAreNamedByLineAndColumn) {
  const auto first_message = [](const std::string& text) {
    Result<CustomerSummary> s = read_summary_table(text, 7);
    return s.ok() ? std::string("accepted") : s.errors().front().message;
  };
  EXPECT_EQ(first_message("frequency,recency,age\n1,2,3\n"), "accepted");
  EXPECT_EQ(first_message("x,t_x\n1,2\n"), "The summary has no T column (looked for: T, age).");
  EXPECT_EQ(first_message("x,t_x,T\n1,2,3\n1,abc,3\n"), "Line 3, column t_x: \"abc\" is not a number with a decimal point.");
  EXPECT_EQ(first_message("x,t_x,T\n1.5,2,3\n"), "Line 2, column x: x, the repeat purchases, must be a whole number of 0 or more.");
  EXPECT_EQ(first_message("x,t_x,T\n1,4,3\n"),
            "Line 2, column t_x: t_x, the time of the last purchase, must be from 0 to T, and 0 when x is 0.");
  EXPECT_EQ(first_message("x,t_x,T\n0,0,0\n"), "Line 2, column T: T, the time observed since the first purchase, must be above 0.");
  EXPECT_EQ(first_message("x,t_x,T,count\n0,0,5,0\n"), "Line 2, column count: the count of customers must be above 0.");
  EXPECT_EQ(first_message("x,t_x,T,spend\n1,1,5,-3\n"), "Line 2, column spend: the spend must be an amount of 0 or more.");
  EXPECT_EQ(first_message("x,t_x,T\n"), first_message(""));
  Result<CustomerSummary> many = read_summary_table("x,t_x,T\n" + std::string(20, 'z') + "\n1,0,3\n-1,0,3\n1,9,3\n", 7);
  ASSERT_FALSE(many.ok());
  ASSERT_EQ(many.errors().size(), 5u);  // every bad cell, up to five: three on line 2, then lines 4 and 5
  EXPECT_EQ(many.errors()[3].message.substr(0, 17), "Line 4, column x:");
  EXPECT_EQ(many.errors()[4].message.substr(0, 19), "Line 5, column t_x:");
}

TEST(WarehouseSql, EachDialectSaysDaysAndDoublesItsOwnWay) {
  WarehouseQuery q = warehouse_query_from_json({{"dialect", "bigquery"}, {"table", "shop.orders"}, {"customer", "email"},
                                                {"date", "created_at"}, {"amount", "total"}, {"calibration_end", "1997-09-30"},
                                                {"time_unit", "week"}}).value();
  std::string sql = warehouse_summary_sql(q);
  EXPECT_NE(sql.find("FROM shop.orders"), std::string::npos);
  EXPECT_NE(sql.find("CAST(DATE_DIFF(DATE '1997-09-30', first_day, DAY) AS FLOAT64) / 7 AS T"), std::string::npos) << sql;
  q.dialect = SqlDialect::snowflake;
  sql = warehouse_summary_sql(q);
  EXPECT_NE(sql.find("CAST(DATEDIFF('day', first_day, last_day) AS DOUBLE) / 7 AS t_x"), std::string::npos) << sql;
  EXPECT_NE(sql.find("<= TO_DATE('1997-09-30')"), std::string::npos);
  q.dialect = SqlDialect::spark;
  EXPECT_NE(warehouse_summary_sql(q).find("CAST(DATEDIFF(last_day, first_day) AS DOUBLE) / 7"), std::string::npos);
  q.dialect = SqlDialect::postgres;
  q.days_per_unit = 365.25 / 12;
  EXPECT_NE(warehouse_summary_sql(q).find("CAST((last_day - first_day) AS DOUBLE PRECISION) / 30.4375"), std::string::npos);
}

TEST(WarehouseSql, NamesMustBePlainSoTheQueryCarriesNoSurprise) {
  Result<WarehouseQuery> bad = warehouse_query_from_json(
      {{"table", "orders; DROP TABLE orders"}, {"customer", "1st"}, {"date", "a..b"}, {"amount", 5}, {"dialect", "oracle"}});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const FieldError& e : bad.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"dialect", "table", "customer", "date", "amount", "calibration_end"}));
  EXPECT_TRUE(warehouse_query_from_json({{"amount", ""}, {"calibration_end", "2024-01-31"}, {"table", "analytics.public.orders_2024"}}).ok());
}

// The headline numbers counted by hand on a log of three customers (weeks, calibration to day 70):
// A buys on days 0 (10 + 5 on two rows), 14 (20) and 21 (30); B on day 0 (40) and day 80 (after
// the calibration end); C on days 0 (8) and 7 (12).
TEST(PurchaseHeadline, CountedByHand) {
  TransactionLog log;
  log.customer_ids = {"A", "B", "C"};
  log.customer = {0, 0, 0, 0, 1, 1, 2, 2};
  log.day = {0, 0, 14, 21, 0, 80, 0, 7};
  log.amount = {10, 5, 20, 30, 40, 99, 8, 12};
  const CustomerSummary s = summarise_customers(log, 70, 70, 7).value();
  const PurchaseHeadline h = log_headline(log, s, 8);  // no purchase in the last 8 weeks
  EXPECT_EQ(h.customers, 3);
  EXPECT_DOUBLE_EQ(h.repeat_purchase_rate, 2.0 / 3);  // A and C bought again
  EXPECT_EQ(*h.purchases, 7);                          // rows up to day 70
  EXPECT_DOUBLE_EQ(*h.spend, 125);
  EXPECT_DOUBLE_EQ(*h.average_order_value, 125.0 / 7);
  EXPECT_DOUBLE_EQ(*h.purchases_per_customer, 7.0 / 3);
  EXPECT_DOUBLE_EQ(*h.historic_value_per_customer, 125.0 / 3);
  // Last purchases 7 (A: day 21), 10 (B: day 0) and 9 (C: day 7) weeks before day 70: B and C.
  EXPECT_DOUBLE_EQ(h.inactive_share, 2.0 / 3);
  EXPECT_DOUBLE_EQ(log_headline(log, s, 9.5).inactive_share, 1.0 / 3);
  // A summary table has no purchases: those figures are empty, the rest counted by weight.
  const PurchaseHeadline table = summary_headline(compress_with_spend(s), 8);
  EXPECT_DOUBLE_EQ(table.repeat_purchase_rate, 2.0 / 3);
  EXPECT_FALSE(table.average_order_value.has_value());
}

}  // namespace
}  // namespace retention
