// A Shopify orders export, written by hand as Shopify writes one: one row per line item, the
// order's own fields on its first row only, quoted addresses with line breaks, times with a UTC
// offset. Expected values are summed by hand from the rows below.
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "retention/repeat_buying/import_options.hpp"
#include "retention/repeat_buying/order_export.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

const char* const shopify_header =
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Created at,"
    "Lineitem quantity,Lineitem name,Lineitem price,Billing Address1,Cancelled at,Id\n";

// tests/data/shopify_orders.csv: #1001 paid, two line items; #1002 refunded (one more line
// item); #1003 cancelled; #1004 voided; #1005 partially refunded (still a purchase); #1006 paid,
// three line items, a quoted address with a line break, and a thousands separator in its total.
const std::string shopify_orders = test::read_test_file("shopify_orders.csv");

Result<TransactionLog> read(const std::string& text, TransactionColumns columns = {}) {
  TransactionLogReader reader(columns);
  for (std::size_t at = 0; at < text.size(); at += 13) reader.feed(std::string_view(text).substr(at, 13));
  return reader.finish();
}

std::vector<std::string_view> cells_of(std::string_view line) {
  std::vector<std::string_view> cells;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return cells;
    start = comma + 1;
  }
}

TEST(OrderExport, AShopifyHeaderIsRecognisedAndAPlainOneIsNot) {
  std::string header(shopify_header);
  header.pop_back();
  EXPECT_EQ(recognise_export(cells_of(header)), ExportKind::shopify_orders);
  EXPECT_EQ(recognise_export(cells_of("name,email,financial status,created at,total,LINEITEM NAME")), ExportKind::shopify_orders);
  EXPECT_EQ(recognise_export(cells_of("Name,Email,Total,Created at")), ExportKind::generic);  // no line items
  EXPECT_EQ(recognise_export(cells_of("customer,date,amount")), ExportKind::generic);
}

TEST(OrderExport, OneTransactionPerOrderWithItsLineItemsAndLeftOutOrdersCounted) {
  Result<TransactionLog> result = read(shopify_orders);
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  const TransactionLog& log = result.value();
  EXPECT_EQ(log.kind, ExportKind::shopify_orders);
  EXPECT_EQ(log.rows_read, 6);       // orders
  EXPECT_EQ(log.line_item_rows, 4);  // 1 of #1001, 1 of #1002, 2 of #1006
  EXPECT_EQ(log.rows_bad, 0);
  EXPECT_EQ(log.orders_refunded_or_voided, 2);  // #1002, #1004
  EXPECT_EQ(log.orders_cancelled, 1);           // #1003
  EXPECT_EQ(log.amount, (std::vector<double>{59.90, 20.00, 1249.00}));  // #1001, #1005, #1006
  EXPECT_EQ(log.customer_ids, (std::vector<std::string>{"anna@example.com", "ben@example.com"}));
  // The date as written in its offset: 23:30 at +02:00 on 1 July is still 1 July.
  EXPECT_EQ(log.day, (std::vector<std::int32_t>{days_from_civil(2023, 6, 15), days_from_civil(2023, 6, 20),
                                                days_from_civil(2023, 7, 1)}));
  const nlohmann::json imported = transaction_import_to_json(log);
  EXPECT_EQ(imported["export"], "shopify_orders");
  EXPECT_EQ(imported["transactions"], 3);
  EXPECT_EQ(imported["orders_cancelled"], 1);
  EXPECT_NEAR(imported["total_amount"].get<double>(), 1328.90, 1e-9);
}

TEST(OrderExport, TheSubtotalIsTheAmountWhenChosen) {
  TransactionColumns columns;
  columns.order_amount = OrderAmount::subtotal;
  Result<TransactionLog> result = read(shopify_orders, columns);
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  EXPECT_EQ(result.value().amount, (std::vector<double>{49.90, 18.00, 1200.00}));
}

TEST(OrderExport, AnExportWithoutACustomerColumnNamesItAndTheHeadersLookedFor) {
  Result<TransactionLog> result = read("Name,Financial Status,Created at,Total,Lineitem name\n#1,paid,2023-01-01,5,Mug\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().code, "export_column_missing");
  EXPECT_EQ(result.errors().front().message,
            "This Shopify orders export has no Email column (looked for: Customer ID, Email). Export the orders again "
            "with every column, or read the file as a plain table.");
}

TEST(OrderExport, ACustomerIdColumnIsPreferredToTheEmail) {
  Result<TransactionLog> result = read("Name,Email,Customer ID,Financial Status,Created at,Total,Lineitem name\n"
                                       "#1,a@example.com,C-7,paid,2023-01-01,5,Mug\n#2,,C-7,paid,2023-02-01,6,Cup\n");
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  EXPECT_EQ(result.value().customer_ids, (std::vector<std::string>{"C-7"}));
  EXPECT_EQ(result.value().amount, (std::vector<double>{5, 6}));
}

TEST(OrderExport, ReadAsAPlainTableItsColumnsAreTheUsersChoice) {
  Result<TransactionColumns> columns = transaction_columns_from_json(
      {{"export", "generic"}, {"customer", 1}, {"date", 10}, {"amount", 9}, {"header", "present"}});
  ASSERT_TRUE(columns.ok());
  Result<TransactionLog> result = read(shopify_orders, columns.value());
  ASSERT_TRUE(result.ok()) << result.errors().front().message;
  EXPECT_EQ(result.value().kind, ExportKind::generic);
  EXPECT_EQ(result.value().rows_read, 10);
  EXPECT_EQ(result.value().rows_bad, 4);  // the line-item rows have no total: unreadable in a plain table
}

TEST(ImportOptions, DefaultsAndErrorsNamingTheOption) {
  Result<TransactionColumns> defaults = transaction_columns_from_json(nlohmann::json::object());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults.value().kind, ExportKind::automatic);
  EXPECT_EQ(defaults.value().order_amount, OrderAmount::total);
  Result<TransactionColumns> bad = transaction_columns_from_json({{"export", "stripe"}, {"amount", -2}, {"date_format", 3}});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors().size(), 3u);
  EXPECT_EQ(bad.errors()[0].message, "The import option amount must be a column number from -1 to 999 (got -2).");
  EXPECT_EQ(bad.errors()[1].message,
            "The import option date_format must be one of automatic, ymd, dmy, mdy (got 3).");
  EXPECT_EQ(bad.errors()[2].message,
            "The import option export must be one of automatic, generic, shopify_orders (got \"stripe\").");
  EXPECT_FALSE(transaction_columns_from_json(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace retention
