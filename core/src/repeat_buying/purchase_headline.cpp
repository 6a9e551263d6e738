#include "retention/repeat_buying/purchase_headline.hpp"

#include <vector>

#include "common/optional_figures.hpp"

namespace retention {

PurchaseHeadline summary_headline(const CustomerSummary& s, double inactive_units) {
  PurchaseHeadline h;
  h.inactive_units = inactive_units;
  double repeaters = 0, inactive = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double w = s.weight_of(i);
    h.customers += w;
    repeaters += w * (s.frequency[i] > 0);
    inactive += w * (s.age[i] - s.recency[i] > inactive_units);
  }
  h.repeat_purchase_rate = ratio(repeaters, h.customers).value_or(0);
  h.inactive_share = ratio(inactive, h.customers).value_or(0);
  return h;
}

PurchaseHeadline log_headline(const TransactionLog& log, const CustomerSummary& s, double inactive_units) {
  PurchaseHeadline h = summary_headline(s, inactive_units);
  std::vector<bool> summarised(log.customer_ids.size(), false);
  for (std::int32_t c : s.customer) summarised[static_cast<std::size_t>(c)] = true;
  double purchases = 0, spend = 0;
  for (std::size_t i = 0; i < log.day.size(); ++i)
    if (log.day[i] <= s.calibration_end_day && summarised[static_cast<std::size_t>(log.customer[i])])
      purchases += 1, spend += log.amount[i];
  h.purchases = purchases, h.spend = spend;
  h.average_order_value = ratio(spend, purchases);
  h.purchases_per_customer = ratio(purchases, h.customers);
  h.historic_value_per_customer = ratio(spend, h.customers);
  return h;
}

nlohmann::json purchase_headline_to_json(const PurchaseHeadline& h) {
  return {{"customers", h.customers},
          {"repeat_purchase_rate", h.repeat_purchase_rate},
          {"inactive_units", h.inactive_units},
          {"inactive_share", h.inactive_share},
          {"purchases", optional_json(h.purchases)},
          {"spend", optional_json(h.spend)},
          {"average_order_value", optional_json(h.average_order_value)},
          {"purchases_per_customer", optional_json(h.purchases_per_customer)},
          {"historic_value_per_customer", optional_json(h.historic_value_per_customer)}};
}

}  // namespace retention
