#include "retention/subscriptions/subscription_cohorts.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "retention/calculator/report_json.hpp"
#include "retention/text/date_time.hpp"

#include "common/optional_figures.hpp"

namespace retention {
namespace {

constexpr int max_months = 600;

// The currency analysed: the only one, or the one chosen; else an error listing them.
Result<std::int32_t> chosen_currency(const SubscriptionLog& log, const std::string& chosen) {
  std::vector<std::int64_t> counts(log.currencies.size(), 0);
  for (const Subscription& s : log.subscriptions) ++counts[static_cast<std::size_t>(s.currency)];
  std::vector<std::int32_t> used;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) used.push_back(static_cast<std::int32_t>(i));
  for (std::int32_t c : used)
    if (!chosen.empty() && log.currencies[static_cast<std::size_t>(c)] == chosen) return c;
  if (used.size() == 1 && chosen.empty()) return used.front();
  std::string listed;
  for (std::int32_t c : used)
    listed += (listed.empty() ? "" : ", ") + log.currencies[static_cast<std::size_t>(c)] + " (" +
              std::to_string(counts[static_cast<std::size_t>(c)]) + ")";
  if (chosen.empty()) return field_error("currency", "subscription_currencies_mixed", {text_argument("currencies", listed)});
  return field_error("currency", "subscription_currency_unknown", {text_argument("got", chosen), text_argument("currencies", listed)});
}

// A customer's MRR at each month end from their cohort's month to the last observed one.
struct CustomerMonths {
  int cohort = 0;
  double starting_mrr = 0;
  std::vector<double> mrr;  // by age
};

CustomerMonths customer_months(const std::vector<const Subscription*>& subscriptions, int last_month) {
  CustomerMonths c;
  std::int64_t first = still_active;
  for (const Subscription* s : subscriptions) first = std::min(first, s->start);
  c.cohort = month_of_instant(first);
  if (c.cohort > last_month) return c;
  c.mrr.assign(static_cast<std::size_t>(last_month - c.cohort + 1), 0.0);
  for (const Subscription* s : subscriptions) {
    if (s->start == first) c.starting_mrr += s->monthly_amount;
    // Active at the end of month m (its last second, month_start(m + 1) - 1) while start <= it < end.
    const int from = month_of_instant(s->start);
    const int to = s->end == still_active ? last_month : std::min(last_month, month_of_instant(s->end) - 1);
    for (int m = from; m <= to; ++m) c.mrr[static_cast<std::size_t>(m - c.cohort)] += s->monthly_amount;
  }
  return c;
}

void add_at(std::vector<double>& values, std::size_t index, double value) {
  if (values.size() <= index) values.resize(index + 1, 0.0);
  values[index] += value;
}

}  // namespace

std::string month_name(int month) {
  const int year = 1970 + (month >= 0 ? month / 12 : -((-month + 11) / 12));
  char text[24];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month - (year - 1970) * 12 + 1);
  return text;
}

Result<SubscriptionCohorts> analyse_subscriptions(const SubscriptionLog& log, const SubscriptionCohortOptions& options) {
  Result<std::int32_t> currency = chosen_currency(log, options.currency);
  if (!currency.ok()) return currency.errors();
  SubscriptionCohorts out;
  out.currency = log.currencies.empty() ? "" : log.currencies[static_cast<std::size_t>(currency.value())];
  out.as_of = options.as_of.value_or(log.latest);
  out.last_month = month_of_instant(out.as_of + 1) - 1;  // the last month whose last second is observed

  std::map<std::int32_t, std::vector<const Subscription*>> by_customer;
  for (const Subscription& s : log.subscriptions) {
    if (s.currency == currency.value()) by_customer[s.customer].push_back(&s);
    else ++out.other_currency_subscriptions;
  }
  // Fifty years of months at the most, checked before any customer's months are laid out: a date
  // mistyped by a century would otherwise make triangles of millions of cells (the message names
  // both ends, so the row can be found).
  int earliest = out.last_month;
  for (const auto& [id, subscriptions] : by_customer)
    for (const Subscription* each : subscriptions) earliest = std::min(earliest, month_of_instant(each->start));
  if (out.last_month - earliest > max_months)
    return field_error("subscriptions", "subscriptions_span_too_long",
                       {text_argument("first", month_name(earliest)), text_argument("last", month_name(out.last_month)),
                        number_argument("max", max_months / 12)});
  std::vector<CustomerMonths> customers;
  customers.reserve(by_customer.size());
  for (const auto& [id, subscriptions] : by_customer) {
    CustomerMonths c = customer_months(subscriptions, out.last_month);
    if (c.cohort <= out.last_month) customers.push_back(std::move(c));
    else ++out.customers_in_unfinished_month;
  }
  if (customers.empty())
    return field_error("subscriptions", "subscriptions_no_month_observed", {text_argument("as_of", month_name(out.last_month + 1))});

  // Cohorts: the months in which customers were acquired, in order.
  std::map<int, std::size_t> cohort_index;
  for (const CustomerMonths& c : customers) cohort_index.emplace(c.cohort, 0);
  for (auto& [month, index] : cohort_index) {
    index = out.cohort_month.size();
    out.cohort_month.push_back(month);
  }
  const std::size_t cohorts = out.cohort_month.size();
  out.first_month = out.cohort_month.front();

  out.cohort_customers.assign(cohorts, 0);
  out.starting_mrr.assign(cohorts, 0);
  out.active.resize(cohorts), out.mrr.resize(cohorts), out.gross_mrr.resize(cohorts);
  std::vector<std::vector<double>> survivors(cohorts);
  out.movements.resize(static_cast<std::size_t>(out.last_month - out.first_month + 1));
  for (std::size_t m = 0; m < out.movements.size(); ++m) out.movements[m].month = out.first_month + static_cast<int>(m);

  out.window_months = std::min(12, out.last_month - out.first_month);
  const int window_start = out.last_month - out.window_months;
  double window_start_mrr = 0, window_end_mrr = 0, window_end_gross = 0;
  for (const CustomerMonths& c : customers) {
    const std::size_t k = cohort_index[c.cohort], ages = c.mrr.size();
    out.cohort_customers[k] += 1;
    out.starting_mrr[k] += c.starting_mrr;
    add_at(survivors[k], 0, 1);
    bool lapsed = false;
    for (std::size_t age = 0; age < ages; ++age) {
      const double now = c.mrr[age], before = age == 0 ? 0 : c.mrr[age - 1];
      add_at(out.active[k], age, now > 0);
      add_at(out.mrr[k], age, now);
      add_at(out.gross_mrr[k], age, std::min(now, c.starting_mrr));
      lapsed = lapsed || now <= 0;
      if (age >= 1) add_at(survivors[k], age, lapsed ? 0 : 1);
      MrrMovement& move = out.movements[static_cast<std::size_t>(c.cohort - out.first_month) + age];
      move.mrr += now;
      move.customers += now > 0;
      if (before <= 0 && now > 0) (age == 0 ? move.new_mrr : move.reactivation) += now;
      if (before > 0 && now <= 0) move.churn += before, move.customers_lost += 1;
      if (before > 0 && now > before) move.expansion += now - before;
      if (before > 0 && now > 0 && now < before) move.contraction += before - now;
    }
    // The customers active at the start of the window, and what they pay at its end.
    const int start_age = window_start - c.cohort;
    if (out.window_months > 0 && start_age >= 0 && c.mrr[static_cast<std::size_t>(start_age)] > 0) {
      const double then = c.mrr[static_cast<std::size_t>(start_age)], now = c.mrr.back();
      window_start_mrr += then, window_end_mrr += now, window_end_gross += std::min(now, then);
    }
  }

  for (std::size_t k = 0; k < cohorts; ++k) {
    const std::size_t ages = static_cast<std::size_t>(out.last_month - out.cohort_month[k] + 1);
    out.active[k].resize(ages, 0.0), out.mrr[k].resize(ages, 0.0), out.gross_mrr[k].resize(ages, 0.0);
    survivors[k].resize(ages, 0.0);
    survivors[k][0] = out.cohort_customers[k];
    out.survivors.names.push_back(month_name(out.cohort_month[k]));
    out.survivors.survivors.push_back(survivors[k]);
  }
  const std::size_t longest = out.movements.size();  // the first cohort's ages
  std::vector<double> size(longest, 0), start(longest, 0), active(longest, 0), mrr(longest, 0), gross(longest, 0);
  for (std::size_t k = 0; k < cohorts; ++k)
    for (std::size_t age = 0; age < out.active[k].size(); ++age) {
      size[age] += out.cohort_customers[k], start[age] += out.starting_mrr[k];
      active[age] += out.active[k][age], mrr[age] += out.mrr[k][age], gross[age] += out.gross_mrr[k][age];
    }
  out.pooled_logo_retention.assign(longest, 0);
  out.pooled_net_revenue_retention.assign(longest, 0), out.pooled_gross_revenue_retention.assign(longest, 0);
  for (std::size_t age = 0; age < longest; ++age) {
    out.pooled_logo_retention[age] = ratio(active[age], size[age]).value_or(0);
    out.pooled_net_revenue_retention[age] = ratio(mrr[age], start[age]).value_or(0);
    out.pooled_gross_revenue_retention[age] = ratio(gross[age], start[age]).value_or(0);
  }

  const MrrMovement& last = out.movements.back();
  out.customers = last.customers, out.current_mrr = last.mrr;
  out.arpa = ratio(last.mrr, last.customers).value_or(0);
  if (out.window_months > 0) {
    double lost = 0, at_start = 0, revenue_lost = 0, revenue_at_start = 0;
    for (std::size_t m = out.movements.size() - static_cast<std::size_t>(out.window_months); m < out.movements.size(); ++m) {
      lost += out.movements[m].customers_lost, at_start += out.movements[m - 1].customers;
      revenue_lost += out.movements[m].churn + out.movements[m].contraction, revenue_at_start += out.movements[m - 1].mrr;
    }
    out.logo_churn = ratio(lost, at_start);
    out.revenue_churn = ratio(revenue_lost, revenue_at_start);
    out.net_revenue_retention = ratio(window_end_mrr, window_start_mrr);
    out.gross_revenue_retention = ratio(window_end_gross, window_start_mrr);
  }
  return out;
}

nlohmann::json subscription_import_to_json(const SubscriptionLog& log) {
  nlohmann::json bad = nlohmann::json::array();
  for (const BadRow& row : log.first_bad_rows) bad.push_back({{"line", row.line}, {"reason", message_to_json(row.reason)}});
  std::vector<std::int64_t> counts(log.currencies.size(), 0);
  for (const Subscription& s : log.subscriptions) ++counts[static_cast<std::size_t>(s.currency)];
  nlohmann::json currencies = nlohmann::json::array();
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) currencies.push_back({{"code", log.currencies[i]}, {"subscriptions", counts[i]}});
  const char* kind = log.kind == SubscriptionExportKind::stripe        ? "stripe"
                     : log.kind == SubscriptionExportKind::baremetrics ? "baremetrics"
                                                                       : "generic";
  return {{"export", kind},
          {"rows_read", log.rows_read},
          {"rows_bad", log.rows_bad},
          {"first_bad_rows", bad},
          {"subscriptions", log.subscriptions.size()},
          {"customers", log.customer_ids.size()},
          {"free_rows", log.free_rows},
          {"never_paid_rows", log.never_paid_rows},
          {"in_trial_rows", log.in_trial_rows},
          {"currencies", currencies}};
}

nlohmann::json subscription_cohorts_to_json(const SubscriptionCohorts& s) {
  nlohmann::json cohorts = nlohmann::json::array();
  for (std::size_t k = 0; k < s.cohort_month.size(); ++k)
    cohorts.push_back({{"month", month_name(s.cohort_month[k])},
                       {"customers", s.cohort_customers[k]},
                       {"starting_mrr", s.starting_mrr[k]},
                       {"active", s.active[k]},
                       {"mrr", s.mrr[k]},
                       {"gross_mrr", s.gross_mrr[k]},
                       {"survivors", s.survivors.survivors[k]}});
  nlohmann::json movements = nlohmann::json::array();
  for (const MrrMovement& m : s.movements)
    movements.push_back({{"month", month_name(m.month)}, {"new", m.new_mrr}, {"expansion", m.expansion},
                         {"contraction", m.contraction}, {"churn", m.churn}, {"reactivation", m.reactivation},
                         {"mrr", m.mrr}, {"customers", m.customers}, {"customers_lost", m.customers_lost}});
  const int days = static_cast<int>((s.as_of >= 0 ? s.as_of : s.as_of - 86399) / 86400);
  return {{"currency", s.currency},
          {"as_of", iso_date(days)},
          {"last_month", month_name(s.last_month)},
          {"cohorts", cohorts},
          {"pooled", {{"logo_retention", s.pooled_logo_retention},
                      {"net_revenue_retention", s.pooled_net_revenue_retention},
                      {"gross_revenue_retention", s.pooled_gross_revenue_retention}}},
          {"movements", movements},
          {"headline", {{"customers", s.customers},
                        {"mrr", s.current_mrr},
                        {"arpa", s.arpa},
                        {"window_months", s.window_months},
                        {"logo_churn", optional_json(s.logo_churn)},
                        {"revenue_churn", optional_json(s.revenue_churn)},
                        {"net_revenue_retention", optional_json(s.net_revenue_retention)},
                        {"gross_revenue_retention", optional_json(s.gross_revenue_retention)}}},
          {"other_currency_subscriptions", s.other_currency_subscriptions},
          {"customers_in_unfinished_month", s.customers_in_unfinished_month}};
}

}  // namespace retention
