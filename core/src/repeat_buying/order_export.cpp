#include "retention/repeat_buying/order_export.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

#include "retention/common/message.hpp"
#include "retention/text/header_columns.hpp"

namespace retention {
namespace {

bool has_line_items(const std::vector<std::string_view>& header) {
  return std::any_of(header.begin(), header.end(), [](std::string_view h) {
    return h.size() > 9 && std::isspace(static_cast<unsigned char>(h[8])) && same_header(h.substr(0, 8), "lineitem");
  });
}

}  // namespace

ExportKind recognise_export(const std::vector<std::string_view>& header) {
  const bool shopify = column_named(header, {"Name"}) >= 0 && column_named(header, {"Financial Status"}) >= 0 &&
                       column_named(header, {"Created at"}) >= 0 && column_named(header, {"Total"}) >= 0 &&
                       has_line_items(header);
  return shopify ? ExportKind::shopify_orders : ExportKind::generic;
}

Result<ShopifyOrderColumns> shopify_order_columns(const std::vector<std::string_view>& header, OrderAmount amount) {
  ShopifyOrderColumns c;
  FieldErrors errors;
  // A column it cannot do without, by any of its names; else an error naming it and them.
  const auto need = [&](int& column, std::string_view shown, std::initializer_list<std::string_view> names) {
    column = column_named(header, names);
    if (column >= 0) return;
    errors.push_back(field_error("transactions", "export_column_missing",
                                 {text_argument("column", std::string(shown)), text_argument("headers", names_looked_for(names))}));
  };
  need(c.order, "Name", {"Name"});
  need(c.customer, "Email", {"Customer ID", "Email"});
  need(c.created, "Created at", {"Created at"});
  if (amount == OrderAmount::subtotal) need(c.amount, "Subtotal", {"Subtotal"});
  else need(c.amount, "Total", {"Total"});
  need(c.financial_status, "Financial Status", {"Financial Status"});
  c.cancelled_at = column_named(header, {"Cancelled at"});
  if (!errors.empty()) return errors;
  return c;
}

bool shopify_order_refunded_or_voided(std::string_view financial_status) {
  return same_header(financial_status, "refunded") || same_header(financial_status, "voided");
}

}  // namespace retention
