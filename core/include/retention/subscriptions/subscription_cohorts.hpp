#pragma once
// Subscriptions as cohorts, counted as Stripe's own cohort report counts them. A customer's
// cohort is the month (UTC) of their first paid period; a customer is active at the end of a month
// when one of their paid subscriptions is (start <= the month's last second < end), and pays then
// the sum of those subscriptions' monthly amounts (their MRR). A returning customer stays in their
// first cohort. One currency at a time: amounts in different currencies are never summed.
//
// From those month-end snapshots: the logo-retention triangle (active customers of each cohort at
// each age over its size), the revenue-retention triangle (its MRR at each age over its starting
// MRR: what its customers paid right after their first payment, the subscriptions that began
// then) with net and gross revenue retention (gross counts no customer above their start),
// pooled over the cohorts observed at each age; the MRR movements of each month (new, expansion,
// contraction, churn, reactivation); the headline numbers; and the survivor table the cohort
// panel fits (a customer survives until their first lapse: the sBG's customers do not return).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/common/result.hpp"
#include "retention/subscriptions/subscription_export.hpp"

namespace retention {

struct SubscriptionCohortOptions {
  std::string currency;         // which currency, when the file has more than one
  std::optional<std::int64_t> as_of;  // the last instant observed; default: the latest the file mentions
};

struct MrrMovement {
  int month = 0;  // months since 1970-01
  double new_mrr = 0, expansion = 0, contraction = 0, churn = 0, reactivation = 0;
  double mrr = 0;           // at the end of the month
  double customers = 0;     // active at the end of the month
  double customers_lost = 0;  // active at the end of the month before, not at its end
};

struct SubscriptionCohorts {
  std::string currency;
  std::int64_t as_of = 0;
  int first_month = 0, last_month = 0;  // cohorts' months; last_month is the last whose end is observed
  std::vector<int> cohort_month;
  std::vector<double> cohort_customers, starting_mrr;
  // [cohort][age], ages 0 .. last_month - cohort_month (age 0: the end of the acquisition month).
  std::vector<std::vector<double>> active, mrr, gross_mrr;  // gross: each customer at most at their start
  // By age, over the cohorts observed at that age.
  std::vector<double> pooled_logo_retention, pooled_net_revenue_retention, pooled_gross_revenue_retention;
  std::vector<MrrMovement> movements;  // first_month .. last_month
  CohortTable survivors;  // for the sBG: cohort size, then customers not yet lapsed at each age >= 1

  // Headline numbers, at the end of last_month and over the last `window_months` (at most 12).
  int window_months = 0;
  double customers = 0, current_mrr = 0, arpa = 0;
  std::optional<double> logo_churn, revenue_churn;  // per month: lost / at the start of each month, summed over the window
  std::optional<double> net_revenue_retention, gross_revenue_retention;  // of the customers active window_months ago
  // Subscriptions left out because they are in another currency than the one analysed.
  std::int64_t other_currency_subscriptions = 0;
  // Customers whose first paid month has not ended yet: counted from the next analysis on.
  std::int64_t customers_in_unfinished_month = 0;
};

// Errors when the file has more than one currency and none (or an unknown one) is chosen, naming
// the currencies with their counts, or when no month end has been observed yet.
Result<SubscriptionCohorts> analyse_subscriptions(const SubscriptionLog& log, const SubscriptionCohortOptions& options);

nlohmann::json subscription_import_to_json(const SubscriptionLog& log);
nlohmann::json subscription_cohorts_to_json(const SubscriptionCohorts& cohorts);

std::string month_name(int month);  // "2023-06"

}  // namespace retention
