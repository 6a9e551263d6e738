#pragma once
// What a marketer asks of their own purchases first, over the calibration period, each a plain
// count with no model: the repeat purchase rate (customers who bought again / customers), the
// average order value (spend / purchases), purchases per customer, the historic value per
// customer (spend / customers), and the share of customers with no purchase in the last N time
// units (their last purchase more than N units before the calibration end).
#include <optional>

#include <nlohmann/json.hpp>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {

struct PurchaseHeadline {
  double customers = 0;
  double repeat_purchase_rate = 0;
  double inactive_units = 0, inactive_share = 0;
  // From the log's purchases (a summary table has none: then these are empty).
  std::optional<double> purchases, spend, average_order_value, purchases_per_customer, historic_value_per_customer;
};

// inactive_units: N, in the summary's time unit.
PurchaseHeadline summary_headline(const CustomerSummary& summary, double inactive_units);
// The same, and the purchase figures from the log's rows up to the calibration end, of the
// customers in the summary (rows, not purchase days: an order of three lines on one day is one
// purchase only in an export that writes one row per order, as Shopify's reader makes it).
PurchaseHeadline log_headline(const TransactionLog& log, const CustomerSummary& summary, double inactive_units);

nlohmann::json purchase_headline_to_json(const PurchaseHeadline& headline);

}  // namespace retention
