#pragma once
// Exports a shop writes, recognised by their header, so that their rows are read as the shop
// meant them. A Shopify orders export has one row per line item: the order's own fields (its
// customer, total, financial status) are on its first row only, and the rows after it that carry
// the same order name are its line items, not unreadable rows.
#include <string_view>
#include <vector>

#include "retention/common/result.hpp"

namespace retention {

enum class ExportKind { automatic, generic, shopify_orders };
// Which of an order's amounts is its value: what the customer paid, or the goods before
// shipping, taxes and discounts.
enum class OrderAmount { total, subtotal };

// The kind of export a header row says (generic for any header it does not know).
ExportKind recognise_export(const std::vector<std::string_view>& header);

// The columns of a Shopify orders export, zero-based, found by their header names (in any case).
struct ShopifyOrderColumns {
  int order = -1;             // Name ("#1001")
  int customer = -1;          // Customer ID where the export has one, else Email
  int created = -1;           // Created at ("2023-06-15 04:25:00 -0500": the date as written)
  int amount = -1;            // Total or Subtotal
  int financial_status = -1;  // refunded or voided orders are left out
  int cancelled_at = -1;      // cancelled orders are left out (-1: the export has no such column)
};

// The columns, or an error naming the column missing and the headers looked for.
Result<ShopifyOrderColumns> shopify_order_columns(const std::vector<std::string_view>& header, OrderAmount amount);

// Why a Shopify order is not a purchase: its financial status says refunded or voided.
bool shopify_order_refunded_or_voided(std::string_view financial_status);

}  // namespace retention
