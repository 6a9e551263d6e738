// Subscriptions exports read and counted as cohorts. Every expected value below is worked by hand
// from the rows of tests/data/stripe_subscriptions.csv (see the comments on each customer) and
// tests/data/baremetrics_subscriptions.csv, in their own currency units per month.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "json_checks.hpp"
#include "retention/cohorts/cohort_table.hpp"
#include "retention/subscriptions/subscription_cohorts.hpp"
#include "retention/subscriptions/subscription_options.hpp"
#include "retention/text/date_time.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

using test::read_test_file;

// Month-end MRR of the USD customers (January to April 2024), from the file:
//   A  50 50 50 50     one monthly plan
//   B  50 50 30 30     two subscriptions from the same moment; the 20 add-on ends 15 March: contraction
//   C 100 100 100 100  a yearly plan of 1,200
//   D   -  80  0 80    2 seats of 40 from 5 Feb, ended 5 March (asked 20 Feb), back on 10 April: reactivation
//   E   -  25 25 25    trial from 25 Jan to 8 Feb: a February customer
//   J   -  30 75 75    a second subscription of 45 from 20 March: expansion
//   L   -   -  - 10    from 30 April
// M starts on 2 May (the latest moment in the file), so April is the last month that has ended.
SubscriptionLog stripe_log() {
  Result<SubscriptionLog> log = read_subscriptions(read_test_file("stripe_subscriptions.csv"));
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.errors().front().message);
  return log.value();
}

SubscriptionCohorts stripe_cohorts() {
  SubscriptionCohortOptions options;
  options.currency = "USD";
  Result<SubscriptionCohorts> cohorts = analyse_subscriptions(stripe_log(), options);
  EXPECT_TRUE(cohorts.ok()) << (cohorts.ok() ? "" : cohorts.errors().front().message);
  return cohorts.value();
}

TEST(SubscriptionExport, TheStripeExportIsRecognisedAndEveryRowAccountedFor) {
  const SubscriptionLog log = stripe_log();
  EXPECT_EQ(log.kind, SubscriptionExportKind::stripe);
  EXPECT_EQ(log.rows_read, 19);
  EXPECT_EQ(log.subscriptions.size(), 12u);  // 11 in USD, 1 in EUR
  EXPECT_EQ(log.free_rows, 1);               // I: 0.00
  EXPECT_EQ(log.never_paid_rows, 2);         // G incomplete_expired, K ended inside its trial
  EXPECT_EQ(log.in_trial_rows, 1);           // F still trialing
  EXPECT_EQ(log.rows_bad, 3);
  EXPECT_EQ(log.rows_read, static_cast<std::int64_t>(log.subscriptions.size()) + log.free_rows + log.never_paid_rows +
                               log.in_trial_rows + log.rows_bad);
  ASSERT_EQ(log.first_bad_rows.size(), 3u);
  EXPECT_EQ(log.first_bad_rows[0].line, 18);
  EXPECT_EQ(log.first_bad_rows[0].reason.code, "subscription_ends_before_start");
  EXPECT_EQ(log.first_bad_rows[1].line, 19);
  EXPECT_EQ(log.first_bad_rows[1].reason.code, "subscription_amount_negative");
  EXPECT_EQ(log.first_bad_rows[2].line, 20);
  EXPECT_EQ(log.first_bad_rows[2].reason.code, "row_not_a_date");
  EXPECT_EQ(log.first_bad_rows[2].reason.text, "\"31/02/2024\" is not a date");
  EXPECT_EQ(log.latest, *parse_instant("2024-05-02 09:00"));
  // Amounts per month: the yearly plan / 12 (written "1,200.00"), seats times their price.
  for (const Subscription& s : log.subscriptions) {
    const std::string& id = log.customer_ids[static_cast<std::size_t>(s.customer)];
    if (id == "cus_C") {
      EXPECT_DOUBLE_EQ(s.monthly_amount, 100);
    } else if (id == "cus_D") {
      EXPECT_DOUBLE_EQ(s.monthly_amount, 80);
    } else if (id == "cus_E") {
      EXPECT_EQ(s.start, *parse_instant("2024-02-08 07:00"));  // its trial's end
    } else if (id == "cus_B" && s.monthly_amount == 20) {
      EXPECT_EQ(s.end, *parse_instant("2024-03-15 10:00"));  // Ended At, not Canceled At
    }
  }
}

TEST(SubscriptionCohorts, TwoCurrenciesAreNeverAddedUp) {
  Result<SubscriptionCohorts> mixed = analyse_subscriptions(stripe_log(), {});
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.errors().front().field, "currency");
  EXPECT_NE(mixed.errors().front().message.find("USD (11), EUR (1)"), std::string::npos) << mixed.errors().front().message;
  SubscriptionCohortOptions unknown;
  unknown.currency = "GBP";
  EXPECT_EQ(analyse_subscriptions(stripe_log(), unknown).errors().front().code, "subscription_currency_unknown");
  SubscriptionCohortOptions euro;
  euro.currency = "EUR";
  const SubscriptionCohorts eur = analyse_subscriptions(stripe_log(), euro).value();
  EXPECT_EQ(eur.other_currency_subscriptions, 11);
  EXPECT_DOUBLE_EQ(eur.current_mrr, 60);
  EXPECT_EQ(stripe_cohorts().other_currency_subscriptions, 1);
}

TEST(SubscriptionCohorts, LogoAndRevenueTrianglesByHand) {
  const SubscriptionCohorts c = stripe_cohorts();
  EXPECT_EQ(month_name(c.first_month), "2024-01");
  EXPECT_EQ(month_name(c.last_month), "2024-04");
  EXPECT_EQ(c.customers_in_unfinished_month, 1);  // M
  ASSERT_EQ(c.cohort_month.size(), 3u);           // January, February, April (nobody first paid in March)
  EXPECT_EQ(month_name(c.cohort_month[2]), "2024-04");
  EXPECT_EQ(c.cohort_customers, (std::vector<double>{3, 3, 1}));
  EXPECT_EQ(c.starting_mrr, (std::vector<double>{200, 135, 10}));
  EXPECT_EQ(c.active[0], (std::vector<double>{3, 3, 3, 3}));
  EXPECT_EQ(c.active[1], (std::vector<double>{3, 2, 3}));  // D returns: counted again in its first cohort
  EXPECT_EQ(c.active[2], (std::vector<double>{1}));
  EXPECT_EQ(c.mrr[0], (std::vector<double>{200, 200, 180, 180}));
  EXPECT_EQ(c.mrr[1], (std::vector<double>{135, 100, 180}));
  EXPECT_EQ(c.gross_mrr[0], (std::vector<double>{200, 200, 180, 180}));
  EXPECT_EQ(c.gross_mrr[1], (std::vector<double>{135, 55, 135}));  // J counts at most its 30, D at most its 80
  // Pooled over the cohorts observed at each age.
  ASSERT_EQ(c.pooled_logo_retention.size(), 4u);
  EXPECT_DOUBLE_EQ(c.pooled_logo_retention[0], 1);
  EXPECT_DOUBLE_EQ(c.pooled_logo_retention[1], 5.0 / 6);
  EXPECT_DOUBLE_EQ(c.pooled_logo_retention[2], 1);
  EXPECT_DOUBLE_EQ(c.pooled_net_revenue_retention[1], 300.0 / 335);
  EXPECT_DOUBLE_EQ(c.pooled_net_revenue_retention[2], 360.0 / 335);
  EXPECT_DOUBLE_EQ(c.pooled_net_revenue_retention[3], 180.0 / 200);
  EXPECT_DOUBLE_EQ(c.pooled_gross_revenue_retention[1], 255.0 / 335);
  EXPECT_DOUBLE_EQ(c.pooled_gross_revenue_retention[2], 315.0 / 335);
}

TEST(SubscriptionCohorts, MovementsByHandAndTheirIdentity) {
  const SubscriptionCohorts c = stripe_cohorts();
  ASSERT_EQ(c.movements.size(), 4u);
  const MrrMovement &jan = c.movements[0], &feb = c.movements[1], &mar = c.movements[2], &apr = c.movements[3];
  EXPECT_DOUBLE_EQ(jan.new_mrr, 200);
  EXPECT_DOUBLE_EQ(feb.new_mrr, 135);
  EXPECT_DOUBLE_EQ(mar.contraction, 20);  // B's add-on: one of two subscriptions, not churn
  EXPECT_DOUBLE_EQ(mar.churn, 80);        // D
  EXPECT_DOUBLE_EQ(mar.expansion, 45);    // J
  EXPECT_DOUBLE_EQ(apr.reactivation, 80);  // D again
  EXPECT_DOUBLE_EQ(apr.new_mrr, 10);      // L
  EXPECT_EQ((std::vector<double>{jan.mrr, feb.mrr, mar.mrr, apr.mrr}), (std::vector<double>{200, 335, 280, 370}));
  EXPECT_EQ((std::vector<double>{jan.customers, feb.customers, mar.customers, apr.customers}), (std::vector<double>{3, 6, 5, 7}));
  double before = 0;
  for (const MrrMovement& m : c.movements) {
    EXPECT_NEAR(m.mrr, before + m.new_mrr + m.reactivation + m.expansion - m.contraction - m.churn, 1e-9) << month_name(m.month);
    before = m.mrr;
  }
}

TEST(SubscriptionCohorts, HeadlineNumbersByHand) {
  const SubscriptionCohorts c = stripe_cohorts();
  EXPECT_EQ(c.window_months, 3);  // January to April
  EXPECT_DOUBLE_EQ(c.customers, 7);
  EXPECT_DOUBLE_EQ(c.current_mrr, 370);
  EXPECT_DOUBLE_EQ(c.arpa, 370.0 / 7);
  EXPECT_DOUBLE_EQ(*c.logo_churn, 1.0 / (3 + 6 + 5));             // D lost in March
  EXPECT_DOUBLE_EQ(*c.revenue_churn, 100.0 / (200 + 335 + 280));  // March: 80 churn + 20 contraction
  // The customers active at the end of January (A, B, C: 200) pay 180 at the end of April.
  EXPECT_DOUBLE_EQ(*c.net_revenue_retention, 0.9);
  EXPECT_DOUBLE_EQ(*c.gross_revenue_retention, 0.9);
}

TEST(SubscriptionCohorts, TheSurvivorTableIsWhatTheCohortPanelFits) {
  const SubscriptionCohorts c = stripe_cohorts();
  ASSERT_EQ(c.survivors.survivors.size(), 3u);
  EXPECT_EQ(c.survivors.names[0], "2024-01");
  EXPECT_EQ(c.survivors.survivors[0], (std::vector<double>{3, 3, 3, 3}));
  EXPECT_EQ(c.survivors.survivors[1], (std::vector<double>{3, 2, 2}));  // D lapsed: the sBG's customers do not return
  EXPECT_EQ(c.survivors.survivors[2], (std::vector<double>{1}));
  EXPECT_TRUE(validate_cohort_table(c.survivors).empty());
  // As text the cohort panel reads back, cohorts in rows.
  EXPECT_EQ(cohort_table_text(c.survivors), "2024-01\t3\t3\t3\t3\n2024-02\t3\t2\t2\n2024-04\t1\n");
  Result<CohortTable> back = parse_cohort_table(cohort_table_text(c.survivors), CohortLayout::cohorts_in_rows);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().names, c.survivors.names);
  EXPECT_EQ(back.value().survivors, c.survivors.survivors);
}

TEST(SubscriptionOptions, EveryOptionIsCheckedAndNamed) {
  Result<SubscriptionImportOptions> good =
      subscription_options_from_json({{"currency", "EUR"}, {"as_of", "2024-04-30"}, {"export", "generic"}, {"end", -1}});
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value().cohorts.currency, "EUR");
  EXPECT_EQ(*good.value().cohorts.as_of, *parse_instant("2024-04-30 23:59:59"));
  EXPECT_EQ(good.value().columns.kind, SubscriptionExportKind::generic);
  EXPECT_EQ(good.value().columns.end, -1);
  Result<SubscriptionImportOptions> bad =
      subscription_options_from_json({{"currency", "usd"}, {"as_of", "30/04/2024"}, {"export", "chargebee"}, {"amount", -1}});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const FieldError& e : bad.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"export", "amount", "currency", "as_of"}));
  EXPECT_FALSE(subscription_options_from_json(nlohmann::json::array()).ok());
}

TEST(SubscriptionCohorts, JsonHoldsOnlyFiniteNumbers) {
  const nlohmann::json json = subscription_cohorts_to_json(stripe_cohorts());
  EXPECT_TRUE(testing::json_value_problems(json, {}).empty());
  EXPECT_EQ(json["cohorts"][1]["month"], "2024-02");
  EXPECT_EQ(json["as_of"], "2024-05-02");
  EXPECT_EQ(json["headline"]["net_revenue_retention"].get<double>(), 0.9);
  const nlohmann::json import = subscription_import_to_json(stripe_log());
  EXPECT_EQ(import["export"], "stripe");
  EXPECT_EQ(import["currencies"].size(), 2u);
}

TEST(SubscriptionExport, BaremetricsTemplateInCents) {
  Result<SubscriptionLog> log = read_subscriptions(read_test_file("baremetrics_subscriptions.csv"));
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log.value().kind, SubscriptionExportKind::baremetrics);
  // c1 50 a month; c2 1,200 a year (100) until 1 March; c3 2 x 30 every 3 months (20) from February.
  const SubscriptionCohorts c = analyse_subscriptions(log.value(), {}).value();
  EXPECT_EQ(month_name(c.last_month), "2024-02");  // the latest moment written is 1 March, 00:00
  ASSERT_EQ(c.movements.size(), 2u);
  EXPECT_DOUBLE_EQ(c.movements[0].new_mrr, 150);
  EXPECT_DOUBLE_EQ(c.movements[1].new_mrr, 20);
  EXPECT_DOUBLE_EQ(c.movements[1].mrr, 170);
  // As of the end of March, c2 has gone (it ended at the first second of March).
  SubscriptionCohortOptions later;
  later.as_of = *parse_instant("2024-03-31 23:59:59");
  const SubscriptionCohorts march = analyse_subscriptions(log.value(), later).value();
  EXPECT_DOUBLE_EQ(march.movements.back().churn, 100);
  EXPECT_DOUBLE_EQ(march.movements.back().mrr, 70);
}

TEST(SubscriptionExport, AMissingColumnIsNamedWithTheHeadersLookedFor) {
  const std::string text =
      "id,Customer ID,Plan,Interval,Amount,Status,Start Date (UTC),Canceled At (UTC)\n"
      "sub_1,cus_1,Basic,month,10.00,active,2024-01-01 00:00,\n";
  Result<SubscriptionLog> log = read_subscriptions(text);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.errors().front().code, "subscription_column_missing");
  EXPECT_EQ(log.errors().front().message,
            "This Stripe subscriptions export has no Ended At column (looked for: Ended At). Export the subscriptions "
            "again with every column, or map the columns yourself.");
}

TEST(SubscriptionExport, AGenericTableByTheColumnsTheUserMaps) {
  const std::string text =
      "who;from;until;per month\n"
      "x;2024-01-03;2024-02-10;9,50\n"
      "y;2024-01-20;;12\n"
      "z;tomorrow;;12\n";
  Result<SubscriptionLog> log = read_subscriptions(text, SubscriptionColumns{});
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log.value().kind, SubscriptionExportKind::generic);
  EXPECT_EQ(log.value().subscriptions.size(), 2u);
  EXPECT_DOUBLE_EQ(log.value().subscriptions[0].monthly_amount, 9.5);
  EXPECT_EQ(log.value().rows_bad, 1);
  EXPECT_EQ(log.value().first_bad_rows.front().line, 4);
  SubscriptionCohortOptions options;
  options.as_of = *parse_instant("2024-02-29 23:59:59");
  const SubscriptionCohorts c = analyse_subscriptions(log.value(), options).value();
  EXPECT_EQ(c.active[0], (std::vector<double>{2, 1}));
  EXPECT_DOUBLE_EQ(c.movements[1].churn, 9.5);
}

// A start mistyped by a century would make triangles of millions of cells: refused, naming both ends.
TEST(SubscriptionCohorts, ASpanOfCenturiesIsAMistypedDate) {
  const SubscriptionLog log = read_subscriptions("who,from,until,amount\nx,2024-01-03,,10\ny,2124-01-20,,12\n").value();
  Result<SubscriptionCohorts> c = analyse_subscriptions(log, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.errors().front().message,
            "The subscriptions run from 2024-01 to 2123-12, more than 50 years: is a date mistyped? The count can cover at most 50 years.");
}

TEST(SubscriptionExport, NothingPaidSaysWhatWasFound) {
  Result<SubscriptionLog> log = read_subscriptions("who,from,until,amount\nx,2024-01-03,,0\n");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.errors().front().message, "No paid subscription could be read: 1 free, 0 never paid, 0 still in their trial.");
}

TEST(Instants, AsBillingExportsWriteThem) {
  const std::int64_t noon = static_cast<std::int64_t>(days_from_civil(2024, 6, 15)) * 86400 + 12 * 3600;
  EXPECT_EQ(parse_instant("2024-06-15 12:00"), noon);
  EXPECT_EQ(parse_instant("2024-06-15 12:00:00"), noon);
  EXPECT_EQ(parse_instant("2024-06-15T12:00:00Z"), noon);
  EXPECT_EQ(parse_instant("2024-06-15T14:00:00.250+02:00"), noon);
  EXPECT_EQ(parse_instant("2024-06-15 07:00:00 -0500"), noon);
  EXPECT_EQ(parse_instant(std::to_string(noon)), noon);
  EXPECT_EQ(parse_instant("2024-06-15"), noon - 12 * 3600);
  for (const char* bad : {"15/06/2024", "2024-02-30", "2024-06-15 25:00", "24-06-15", "", "2024-06-15 12:00 +99:00"})
    EXPECT_FALSE(parse_instant(bad)) << bad;
  EXPECT_EQ(month_name(month_of_instant(noon)), "2024-06");
  EXPECT_EQ(month_start(month_of_instant(noon)), static_cast<std::int64_t>(days_from_civil(2024, 6, 1)) * 86400);
  EXPECT_EQ(month_of_instant(month_start(month_of_instant(noon) + 1) - 1), month_of_instant(noon));
}

}  // namespace
}  // namespace retention
