#include "retention/repeat_buying/order_export.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

#include "retention/common/message.hpp"

namespace retention {
namespace {

bool same_words(std::string_view a, std::string_view b) {
  const auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  a = trim(a), b = trim(b);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The first column whose header is one of the names, or -1.
int column_named(const std::vector<std::string_view>& header, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    for (std::size_t c = 0; c < header.size(); ++c)
      if (same_words(header[c], name)) return static_cast<int>(c);
  return -1;
}

bool has_line_items(const std::vector<std::string_view>& header) {
  return std::any_of(header.begin(), header.end(), [](std::string_view h) {
    return h.size() > 9 && same_words(h.substr(0, 9), "lineitem ");
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
    std::string looked_for;
    for (std::string_view name : names) looked_for += (looked_for.empty() ? "" : ", ") + std::string(name);
    errors.push_back(field_error("transactions", "export_column_missing",
                                 {text_argument("column", std::string(shown)), text_argument("headers", looked_for)}));
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
  return same_words(financial_status, "refunded") || same_words(financial_status, "voided");
}

}  // namespace retention
