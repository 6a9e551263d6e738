// Tables of purchase histories for BG/BB: both published layouts read by their headers (the
// donations' frequency, recency, periods, weights; the cruise line's x, t_x, n, count), one row
// per customer without a count column, and every kind of bad row named by its line and column.
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "retention/repeat_buying/history_table.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

double customers(const std::vector<OpportunityHistory>& rows) {
  return std::accumulate(rows.begin(), rows.end(), 0.0, [](double sum, const OpportunityHistory& h) { return sum + h.count; });
}

TEST(HistoryTable, ReadsBothPublishedLayoutsByTheirHeaders) {
  const auto donations = read_history_table(test::read_test_file("donations.csv"));
  ASSERT_TRUE(donations.ok());
  EXPECT_EQ(customers(donations.value()), 11104);  // docs/model.md: 11,104 donors
  for (const OpportunityHistory& h : donations.value()) EXPECT_EQ(h.n, 6);
  EXPECT_EQ(donations.value()[1].x, 1);
  EXPECT_EQ(donations.value()[1].t_x, 1);
  EXPECT_EQ(donations.value()[1].count, 1091);
  const auto cruise = read_history_table(test::read_test_file("cruise_bgbb.csv"));
  ASSERT_TRUE(cruise.ok());
  EXPECT_EQ(cruise.value().size(), 11u);
  EXPECT_EQ(customers(cruise.value()), 6094);  // 6,094 customers in 11 rows
}

TEST(HistoryTable, AnyCaseAnyOrderQuotesCrlfAndOneCustomerPerRowWithoutACount) {
  const auto rows = read_history_table("\xEF\xBB\xBF\"N\";\"X\";\"T_X\"\r\n6;2;5\r\n6;0;0\r\n\"4\";\"4\";\"4\"\r\n");
  ASSERT_TRUE(rows.ok()) << rows.errors().front().code;
  ASSERT_EQ(rows.value().size(), 3u);
  EXPECT_EQ(rows.value()[0].n, 6);
  EXPECT_EQ(rows.value()[0].x, 2);
  EXPECT_EQ(rows.value()[0].t_x, 5);
  EXPECT_EQ(rows.value()[0].count, 1);
  EXPECT_EQ(rows.value()[2].x, 4);
}

std::vector<std::string> messages(std::string_view table) {
  const auto rows = read_history_table(table);
  std::vector<std::string> out;
  if (!rows.ok())
    for (const FieldError& e : rows.errors()) out.push_back(e.message);
  return out;
}

TEST(HistoryTable, AMissingColumnIsNamedWithTheHeadersLookedFor) {
  EXPECT_EQ(messages("x,t_x,count\n1,1,3\n"),
            std::vector<std::string>{"The table of histories has no n column (looked for: n, periods, opportunities)."});
  EXPECT_EQ(read_history_table("").errors()[0].code, "history_table_empty");
  EXPECT_EQ(read_history_table("x,t_x,n\n").errors()[0].code, "history_table_empty");
}

TEST(HistoryTable, EachBadRowIsNamedByLineAndColumnAndTheTableIsRefused) {
  const std::string table =
      "x,t_x,n,count\n"
      "1,1,6,10\n"    // line 2: fine
      "3,2,6,1\n"     // line 3: three purchases by the second opportunity
      "1,7,6,1\n"     // line 4: the last purchase after the last opportunity
      "0,2,6,1\n"     // line 5: no purchase, yet a last one at 2
      "1,1,0,1\n"     // line 6: no opportunity
      "1,1,6,0\n"     // line 7: no customers
      "1.5,2,6,1\n";  // line 8: half a purchase (a sixth error: at most five are listed)
  const std::vector<std::string> expected = {
      "Line 3, column x: x, the purchases, must be a whole number from 0 to t_x (one purchase at most per opportunity).",
      "Line 4, column t_x: t_x, the opportunity of the last purchase, must be a whole number from 0 to n, and 0 when x is 0.",
      "Line 5, column t_x: t_x, the opportunity of the last purchase, must be a whole number from 0 to n, and 0 when x is 0.",
      "Line 6, column n: n, the opportunities observed, must be a whole number from 1 to 10,000.",
      "Line 7, column count: the count of customers must be above 0."};
  EXPECT_EQ(messages(table), expected);
  // Every cell of a row is read, so each bad one is named.
  EXPECT_EQ(messages("x,t_x,n,count\na,1,6,b\n1.5,2,6,1\n"),
            (std::vector<std::string>{"Line 2, column x: \"a\" is not a number with a decimal point.",
                                      "Line 2, column count: \"b\" is not a number with a decimal point.",
                                      "Line 3, column x: x, the purchases, must be a whole number from 0 to t_x (one purchase at most per opportunity)."}));
}

}  // namespace
}  // namespace retention
