// Reading transaction logs: separators, headers, date formats, chunk boundaries and bad rows.
#include <gtest/gtest.h>

#include "retention/transaction_log.hpp"

namespace retention {
namespace {

Result<TransactionLog> read_all(std::string_view text, TransactionColumns columns = {}, std::size_t chunk = 7) {
  TransactionLogReader reader(columns);
  for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
  return reader.finish();
}

int day(int y, int m, int d) { return days_from_civil(y, m, d); }

TEST(TransactionLog, CsvWithHeaderAndIsoDates) {
  Result<TransactionLog> log = read_all("customer,date,amount\r\nA,2024-01-05,10.50\r\nB,2024-01-06,\"1,200.00\"\r\nA,2024-02-01,3\r\n");
  ASSERT_TRUE(log.ok());
  const TransactionLog& l = log.value();
  EXPECT_TRUE(l.had_header);
  EXPECT_EQ(l.customer_ids, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(l.customer, (std::vector<std::int32_t>{0, 1, 0}));
  EXPECT_EQ(l.day, (std::vector<std::int32_t>{day(2024, 1, 5), day(2024, 1, 6), day(2024, 2, 1)}));
  EXPECT_EQ(l.amount, (std::vector<double>{10.5, 1200, 3}));
  EXPECT_EQ(l.date_format, DateFormat::year_month_day);
}

TEST(TransactionLog, DayFirstDatesAreRecognisedFromADayAbove12) {
  Result<TransactionLog> log = read_all("x;03/04/2024;5\nx;25/04/2024;6\n");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log.value().date_format, DateFormat::day_month_year);
  EXPECT_EQ(log.value().day[0], day(2024, 4, 3));
  Result<TransactionLog> us = read_all("x\t04/03/2024\t5\nx\t04/25/2024\t6\n");
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us.value().date_format, DateFormat::month_day_year);
  EXPECT_EQ(us.value().day[0], day(2024, 4, 3));
}

TEST(TransactionLog, AmbiguousDatesAskForTheFormat) {
  Result<TransactionLog> log = read_all("x,03/04/2024,5\ny,05/06/2024,6\n");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.errors()[0].message.find("could be day/month or month/day"), std::string::npos);
  TransactionColumns columns;
  columns.date_format = DateFormat::month_day_year;
  Result<TransactionLog> chosen = read_all("x,03/04/2024,5\ny,05/06/2024,6\n", columns);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen.value().day[0], day(2024, 3, 4));
}

TEST(TransactionLog, BadRowsAreCountedWithTheirLineNumbers) {
  const char* text =
      "id,date,value\n"
      "1,2024-01-01,5\n"
      "2,2024-13-01,5\n"       // line 3: no month 13
      "3,yesterday,5\n"        // line 4
      "4,2024-01-02,lots\n"    // line 5
      "5\n"                    // line 6: too few columns
      ",2024-01-02,5\n"        // line 7: no id
      "6,2024-02-30,5\n"       // line 8: no 30 February
      "7,2024-01-03,5\n";
  Result<TransactionLog> log = read_all(text);
  ASSERT_TRUE(log.ok());
  const TransactionLog& l = log.value();
  EXPECT_EQ(l.rows_read, 8);
  EXPECT_EQ(l.rows_bad, 6);
  EXPECT_EQ(l.day.size(), 2u);
  ASSERT_EQ(l.first_bad_rows.size(), 5u);
  EXPECT_EQ(l.first_bad_rows[0].line, 3);
  EXPECT_EQ(l.first_bad_rows[1].line, 4);
  EXPECT_EQ(l.first_bad_rows[1].reason.text, "\"yesterday\" is not a date");
  EXPECT_EQ(l.first_bad_rows[2].reason.text, "\"lots\" is not an amount");
  EXPECT_EQ(l.first_bad_rows[3].reason.text, "it has too few columns (1; 3 are needed)");
  EXPECT_EQ(l.first_bad_rows[3].reason.code, "row_too_few_columns");
  EXPECT_EQ(l.first_bad_rows[4].reason.text, "the customer id is empty");
}

TEST(TransactionLog, NothingReadableIsAnError) {
  Result<TransactionLog> log = read_all("a,b,c\nd,e,f\n");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.errors()[0].message.find("No transactions could be read"), std::string::npos);
  EXPECT_FALSE(read_all("").ok());
}

TEST(TransactionLog, ChunkBoundariesDoNotMatter) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "c" + std::to_string(i % 37) + " 1997" + (i % 2 ? "0312" : "1130") + " 2 " + std::to_string(i) + ".25\n";
  Result<TransactionLog> whole = read_all(text, {}, text.size());
  ASSERT_TRUE(whole.ok());
  for (std::size_t chunk : {1u, 2u, 3u, 64u, 1000u}) {
    TransactionColumns columns;
    columns.date = 1;
    columns.amount = 3;
    Result<TransactionLog> split = read_all(text, columns, chunk);
    ASSERT_TRUE(split.ok()) << chunk;
    EXPECT_EQ(split.value().day, whole.value().day) << chunk;
    EXPECT_EQ(split.value().customer_ids.size(), 37u);
  }
}

TEST(TransactionLog, PurchasesWithoutAmounts) {
  TransactionColumns columns;
  columns.amount = -1;
  Result<TransactionLog> log = read_all("a,20240101\nb,20240102\n", columns);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log.value().amount, (std::vector<double>{0, 0}));
}

}  // namespace
}  // namespace retention
