// Reading transaction logs: separators, headers, date formats, chunk boundaries and bad rows.
#include <gtest/gtest.h>

#include "retention/text/csv_cell.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "test_data.hpp"

namespace retention {
namespace {

Result<TransactionLog> read_all(std::string_view text, TransactionColumns columns = {}, std::size_t chunk = 7) {
  TransactionLogReader reader(columns);
  for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
  return reader.finish();
}

int day(int y, int m, int d) { return days_from_civil(y, m, d); }

TransactionColumns with_mark(DecimalMark mark, DecimalMark locale = DecimalMark::automatic) {
  TransactionColumns columns;
  columns.decimal_mark = mark;
  columns.locale_decimal_mark = locale;
  return columns;
}

std::string first_error(const Result<TransactionLog>& log) { return log.ok() ? "" : log.errors().front().message; }

// UTF-8 text as UTF-16 code units with a byte-order mark, little- or big-endian.
std::string utf16_with_mark(std::string_view utf8, bool little_endian) {
  std::u32string code_points;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t value = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < length; ++k) value = value << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    code_points += value;
    i += length;
  }
  std::string out;
  auto unit = [&](unsigned u) {
    const char low = static_cast<char>(u & 0xFF), high = static_cast<char>(u >> 8);
    out += little_endian ? low : high;
    out += little_endian ? high : low;
  };
  unit(0xFEFF);
  for (char32_t c : code_points) {
    if (c < 0x10000) {
      unit(c);
    } else {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return out;
}

void expect_same_log(const TransactionLog& a, const TransactionLog& b, const std::string& context) {
  EXPECT_EQ(a.customer_ids, b.customer_ids) << context;
  EXPECT_EQ(a.customer, b.customer) << context;
  EXPECT_EQ(a.day, b.day) << context;
  EXPECT_EQ(a.amount, b.amount) << context;
  EXPECT_EQ(a.rows_read, b.rows_read) << context;
  EXPECT_EQ(a.rows_bad, b.rows_bad) << context;
  ASSERT_EQ(a.first_bad_rows.size(), b.first_bad_rows.size()) << context;
  for (std::size_t i = 0; i < a.first_bad_rows.size(); ++i) {
    EXPECT_EQ(a.first_bad_rows[i].line, b.first_bad_rows[i].line) << context;
    EXPECT_EQ(a.first_bad_rows[i].reason.text, b.first_bad_rows[i].reason.text) << context;
  }
}

// The bytes fed as two chunks cut at every position, and one byte at a time: always the same log.
void expect_any_chunking_reads(const std::string& bytes, const TransactionLog& expected) {
  for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
    TransactionLogReader reader{TransactionColumns{}};
    reader.feed(std::string_view(bytes).substr(0, cut));
    reader.feed(std::string_view(bytes).substr(cut));
    Result<TransactionLog> log = reader.finish();
    ASSERT_TRUE(log.ok()) << cut << ": " << first_error(log);
    expect_same_log(log.value(), expected, "cut at " + std::to_string(cut));
  }
  Result<TransactionLog> bytewise = read_all(bytes, {}, 1);
  ASSERT_TRUE(bytewise.ok()) << first_error(bytewise);
  expect_same_log(bytewise.value(), expected, "one byte at a time");
}

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

TEST(TransactionLog, DecimalCommasOfASemicolonFileAreDecimalMarks) {
  // As Excel saves CSV in most of Europe; the amounts by hand: 99.28, 12.5 and 1234.56.
  Result<TransactionLog> log = read_all("Kunde;Datum;Betrag\nK1;24.06.2024;99,28\nK2;25.06.2024;12,5\nK1;01.07.2024;1.234,56\n");
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_EQ(log.value().amount, (std::vector<double>{99.28, 12.5, 1234.56}));
  EXPECT_EQ(log.value().rows_bad, 0);
  EXPECT_EQ(log.value().decimal_mark, DecimalMark::comma);
  EXPECT_EQ(log.value().day[0], day(2024, 6, 24));
}

TEST(TransactionLog, AmountsReadBeforeTheDecidingOneAreReadAgain) {
  // 1.234 reads both ways until 1,5 says comma: then it is 1234.
  Result<TransactionLog> comma = read_all("a\t2024-01-05\t1.234\nb\t2024-01-06\t1,5\n");
  ASSERT_TRUE(comma.ok()) << first_error(comma);
  EXPECT_EQ(comma.value().amount, (std::vector<double>{1234, 1.5}));
  Result<TransactionLog> point = read_all("a\t2024-01-05\t1,234\nb\t2024-01-06\t2.5\n");
  ASSERT_TRUE(point.ok()) << first_error(point);
  EXPECT_EQ(point.value().amount, (std::vector<double>{1234, 2.5}));
}

TEST(TransactionLog, RefundsAreLeftOutCountedAndTotalled) {
  // A refund (a negative amount) is not a purchase: b's -1.234 is read as -1234 once 5,50 says
  // comma; c has only a refund, so c is no customer; a keeps two purchases.
  Result<TransactionLog> log = read_all("a;2024-01-05;10,00\nb;2024-01-06;-1.234\nc;2024-01-07;-3\n"
                                        "b;2024-01-08;5,50\na;2024-02-01;20\na;2024-02-02;-10,00\n");
  ASSERT_TRUE(log.ok()) << first_error(log);
  const TransactionLog& l = log.value();
  EXPECT_EQ(l.refunds, 3);
  EXPECT_DOUBLE_EQ(l.refund_total, -1234 - 3 - 10);
  EXPECT_EQ(l.amount, (std::vector<double>{10, 5.5, 20}));
  EXPECT_EQ(l.customer_ids, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(l.customer.size(), 3u);
  EXPECT_EQ(l.customer_ids[static_cast<std::size_t>(l.customer[1])], "b");
  EXPECT_EQ(l.customer_ids[static_cast<std::size_t>(l.customer[2])], "a");
  EXPECT_EQ(l.rows_read, 6);
  EXPECT_EQ(l.rows_bad, 0);
  const nlohmann::json imported = transaction_import_to_json(l);
  EXPECT_EQ(imported["transactions"], 3);
  EXPECT_EQ(imported["customers"], 2);
  EXPECT_EQ(imported["refunds"], 3);
  EXPECT_DOUBLE_EQ(imported["total_amount"].get<double>(), 35.5);
}

TEST(TransactionLog, AFileOfOnlyRefundsSaysSo) {
  Result<TransactionLog> log = read_all("a,2024-01-05,-10\nb,2024-01-06,-2\n");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.errors().front().code, "only_refunds");
  EXPECT_EQ(log.errors().front().message, "Every one of the 2 amounts read is negative (refunds): there are no purchases "
                                          "to fit. Check the amount column.");
  Result<TransactionLog> one = read_all("a,2024-01-05,-10\n");
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.errors().front().message.substr(0, 32), "The one amount read is negative ");
}

TEST(TransactionLog, AmountsThatReadBothWaysAskForTheDecimalMark) {
  const char* text = "a\t2024-01-05\t7\nb\t2024-01-06\t1,234\nc\t2024-01-07\t2,500\n";
  Result<TransactionLog> unknown = read_all(text);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.errors()[0].code, "decimal_mark_ambiguous");
  EXPECT_EQ(first_error(unknown),
            "Amounts like \"1,234\" (line 2) could have a decimal point or a decimal comma: choose the decimal mark.");
  Result<TransactionLog> point = read_all(text, with_mark(DecimalMark::point));
  ASSERT_TRUE(point.ok());
  EXPECT_EQ(point.value().amount, (std::vector<double>{7, 1234, 2500}));
  Result<TransactionLog> comma = read_all(text, with_mark(DecimalMark::comma));
  ASSERT_TRUE(comma.ok());
  EXPECT_EQ(comma.value().amount, (std::vector<double>{7, 1.234, 2.5}));
  // The reader's locale decides a tab-separated file; a semicolon or a comma separator leans by itself.
  Result<TransactionLog> locale = read_all(text, with_mark(DecimalMark::automatic, DecimalMark::comma));
  ASSERT_TRUE(locale.ok());
  EXPECT_EQ(locale.value().amount, (std::vector<double>{7, 1.234, 2.5}));
  Result<TransactionLog> semicolon = read_all("a;2024-01-05;1,234\n");
  ASSERT_TRUE(semicolon.ok());
  EXPECT_EQ(semicolon.value().amount, (std::vector<double>{1.234}));
  Result<TransactionLog> comma_separated = read_all("a,2024-01-05,\"1,234\"\n");
  ASSERT_TRUE(comma_separated.ok());
  EXPECT_EQ(comma_separated.value().amount, (std::vector<double>{1234}));
  EXPECT_FALSE(read_all("a;2024-01-05;1,234\n", with_mark(DecimalMark::automatic, DecimalMark::point)).ok());
}

TEST(TransactionLog, AFileMixingDecimalMarksIsRefusedAtTheFirstConflict) {
  Result<TransactionLog> log = read_all("a;2024-01-05;12,5\nb;2024-01-06;1.234\nc;2024-01-07;3.75\nd;2024-01-08;4.5\n");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.errors()[0].code, "decimal_marks_mixed");
  EXPECT_EQ(first_error(log),
            "The amounts mix decimal marks: \"3.75\" on line 3 needs a decimal point, but \"12,5\" on line 1 needs a "
            "decimal comma. Choose the decimal mark, or correct the file.");
  // With the mark chosen, the amounts that do not fit it are bad rows.
  Result<TransactionLog> chosen = read_all("a;2024-01-05;12,5\nb;2024-01-06;3.75\n", with_mark(DecimalMark::comma));
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen.value().amount, (std::vector<double>{12.5}));
  ASSERT_EQ(chosen.value().first_bad_rows.size(), 1u);
  EXPECT_EQ(chosen.value().first_bad_rows[0].line, 2);
  EXPECT_EQ(chosen.value().first_bad_rows[0].reason.text, "\"3.75\" is not an amount with a decimal comma");
}

TEST(TransactionLog, CurrencySignsAndCodesAroundAmounts) {
  Result<TransactionLog> euro = read_all("a;2024-01-05;\xE2\x82\xAC 12,50\nb;2024-01-06;12,50 \xE2\x82\xAC\nc;2024-01-07;EUR 3,25\n");
  ASSERT_TRUE(euro.ok()) << first_error(euro);
  EXPECT_EQ(euro.value().amount, (std::vector<double>{12.5, 12.5, 3.25}));
  Result<TransactionLog> dollar = read_all("a,2024-01-05,\"$1,234.56\"\nb,2024-01-06,EUR 12.50\nc,2024-01-07,-$5\n");
  ASSERT_TRUE(dollar.ok()) << first_error(dollar);
  EXPECT_EQ(dollar.value().amount, (std::vector<double>{1234.56, 12.5}));
  EXPECT_EQ(dollar.value().refund_total, -5);  // -$5 is a refund
}

TEST(TransactionLog, AmountsBeyondTheLimitAreBadRowsNamingIt) {
  const std::string forty_digits(40, '9');
  Result<TransactionLog> log = read_all("a,2024-01-05," + forty_digits + "\nb,2024-01-06,1000000001\nc,2024-01-07,1000000000\n");
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_EQ(log.value().amount, (std::vector<double>{1e9}));
  ASSERT_EQ(log.value().first_bad_rows.size(), 2u);
  EXPECT_EQ(log.value().first_bad_rows[0].reason.code, "row_amount_too_large");
  EXPECT_EQ(log.value().first_bad_rows[1].reason.text,
            "the amount \"1000000001\" is above the largest accepted, 1,000,000,000");
}

TEST(TransactionLog, Utf16WithByteOrderMarkAndCrlfReadsLikeUtf8) {
  // Excel's "Unicode Text": UTF-16LE, a mark, tabs, CRLF; ids beyond ASCII, one outside the BMP.
  const std::string utf8 = "customer\tdate\tamount\r\nRen\xC3\xA9" "e\t2024-06-24\t10.5\r\n\xF0\x9F\x98\x80\t2024-06-25\t4\r\n"
                           "Ren\xC3\xA9" "e\t2024-07-01\t2.25\r\n";
  Result<TransactionLog> plain = read_all(utf8);
  ASSERT_TRUE(plain.ok()) << first_error(plain);
  EXPECT_EQ(plain.value().customer_ids, (std::vector<std::string>{"Ren\xC3\xA9" "e", "\xF0\x9F\x98\x80"}));
  EXPECT_EQ(plain.value().day, (std::vector<std::int32_t>{day(2024, 6, 24), day(2024, 6, 25), day(2024, 7, 1)}));
  EXPECT_EQ(plain.value().amount, (std::vector<double>{10.5, 4, 2.25}));
  expect_any_chunking_reads(utf16_with_mark(utf8, true), plain.value());
  expect_any_chunking_reads(utf16_with_mark(utf8, false), plain.value());
}

TEST(TransactionLog, AByteOrderMarkBeforeAFirstTransactionIsNotPartOfIt) {
  // No header: the first row is a transaction of A, the same customer as the third row's.
  const std::string text = "\xEF\xBB\xBF" "A,2024-01-05,10\nB,2024-01-06,5\nA,2024-01-07,1\n";
  Result<TransactionLog> log = read_all(text);
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_FALSE(log.value().had_header);
  EXPECT_EQ(log.value().customer_ids, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(log.value().customer, (std::vector<std::int32_t>{0, 1, 0}));
  expect_any_chunking_reads(text, log.value());
}

TEST(TransactionLog, CrAloneEndsLines) {
  Result<TransactionLog> log = read_all("customer,date,amount\rA,2024-01-05,10\rB,2024-01-06,5\rB,2024-01-07,x\r");
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_EQ(log.value().day.size(), 2u);
  EXPECT_EQ(log.value().customer_ids.size(), 2u);
  ASSERT_EQ(log.value().first_bad_rows.size(), 1u);
  EXPECT_EQ(log.value().first_bad_rows[0].line, 4);
}

TEST(TransactionLog, QuotedIdsFollowRfc4180AndLinesAreTheFilesOwn) {
  const std::string text =
      "\"\"\"A\"\"\",2024-01-05,1\n"            // line 1: the id is "A" with its quotes
      "A,2024-01-06,2\n"                           // line 2: another customer
      "\"he said \"\"hi\"\"\",2024-01-07,3\n"    // line 3
      "\"two\nlines\",2024-01-08,4\n"              // lines 4 and 5: one record
      "B,2024-13-01,5\n";                          // line 6
  Result<TransactionLog> log = read_all(text);
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_EQ(log.value().customer_ids, (std::vector<std::string>{"\"A\"", "A", "he said \"hi\"", "two\nlines"}));
  ASSERT_EQ(log.value().first_bad_rows.size(), 1u);
  EXPECT_EQ(log.value().first_bad_rows[0].line, 6);
  EXPECT_EQ(log.value().first_bad_rows[0].reason.text, "\"2024-13-01\" is not a date");
  expect_any_chunking_reads(text, log.value());
}

TEST(TransactionLog, BadDatesAreQuotedAsTyped) {
  Result<TransactionLog> log = read_all("a,0001-01-01,5\nb,2024-01-01,5\n");
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log.value().first_bad_rows.size(), 1u);
  EXPECT_EQ(log.value().first_bad_rows[0].reason.text, "\"0001-01-01\" is not a date");
  // A day/month date found impossible once the order is known is listed with its line too.
  Result<TransactionLog> pending = read_all("a;31/04/2024;5\nb;25/04/2024;5\nc;3/4/2024;5\n");
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending.value().rows_bad, 1);
  ASSERT_EQ(pending.value().first_bad_rows.size(), 1u);
  EXPECT_EQ(pending.value().first_bad_rows[0].line, 1);
  EXPECT_EQ(pending.value().first_bad_rows[0].reason.text, "\"31/04/2024\" is not a date");
  EXPECT_EQ(pending.value().day, (std::vector<std::int32_t>{day(2024, 4, 25), day(2024, 4, 3)}));
  Result<TransactionLog> ambiguous = read_all("x,03/04/2024,5\n");
  EXPECT_NE(first_error(ambiguous).find("Dates like 03/04/2024 could be"), std::string::npos) << first_error(ambiguous);
}

TEST(TransactionLog, PreviewSplitsAsTheReaderDoes) {
  const std::string utf8 = "id\tnote\r\n\"\"\"A\"\"\"\t\"two\r\nlines\"\r\nB\t2\r\n";
  for (const std::string& bytes : {utf8, utf16_with_mark(utf8, true), "\xEF\xBB\xBF" + utf8}) {
    const Preview preview = preview_rows(bytes, 6);
    EXPECT_EQ(preview.separator, '\t');
    EXPECT_EQ(preview.rows, (std::vector<std::vector<std::string>>{{"id", "note"}, {"\"A\"", "two\r\nlines"}, {"B", "2"}}));
  }
  // A slice of a longer file leaves out the record its end cuts.
  EXPECT_EQ(preview_rows("a,1\nb,2", 6, false).rows, (std::vector<std::vector<std::string>>{{"a", "1"}}));
}

TEST(TransactionLog, ExportedIdsCannotRunAsFormulasOrTerminalCodes) {
  // The CDNOW sample (so the models fit) plus customers with hostile ids, read and exported.
  std::string text = test::read_test_file("CDNOW_sample.txt");
  const std::vector<std::pair<std::string, std::string>> hostile = {
      // id as written in the file (quoted) -> its cell in the export
      {"=1+2", "\"'=1+2\""},
      {"@SUM(A1)", "\"'@SUM(A1)\""},
      {"+1", "\"'+1\""},
      {"-1", "\"'-1\""},
      {"\tTAB", "\"'\xEF\xBF\xBDTAB\""},
      {"\rCR", "\"'\xEF\xBF\xBD" "CR\""},
      {"\x1B[31mRED\x1B[0m", "\"RED\""},
      {"\x1B]0;title\x07X", "\"X\""},
      {"bell\x07", "\"bell\xEF\xBF\xBD\""},
      {"\xC2\x9B" "2J", "\"\xEF\xBF\xBD" "2J\""},
      {"\x1B[0m=1", "\"'=1\""},          // a formula behind an escape sequence
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
  };
  for (const auto& [id, cell] : hostile) {
    std::string quoted;
    for (char c : id) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += " 99999 \"" + quoted + "\" 19970101  1   10.00\r\n";
  }
  TransactionColumns columns;
  columns.customer = 1, columns.date = 2, columns.amount = 4;
  Result<TransactionLog> log = read_all(text, columns, 65536);
  ASSERT_TRUE(log.ok()) << first_error(log);
  EXPECT_EQ(log.value().rows_bad, 0);
  Result<TransactionAnalysisOptions> options = transaction_options_from_json(
      {{"calibration_end", "1997-09-30"}, {"holdout_end", "1998-06-30"}, {"time_unit", "week"}, {"prediction_units", 39}});
  ASSERT_TRUE(options.ok());
  Result<TransactionAnalysis> analysis = analyse_transactions(log.value(), options.value());
  ASSERT_TRUE(analysis.ok()) << analysis.errors().front().message;
  const std::string csv = transaction_predictions_csv(analysis.value(), log.value());
  for (const auto& [id, cell] : hostile) EXPECT_NE(csv.find("\r\n" + cell + ","), std::string::npos) << cell;
  // Nothing a terminal acts on: no control character but the CRLF that ends each row.
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto c = static_cast<unsigned char>(csv[i]);
    if (c == '\r') {
      EXPECT_EQ(csv[i + 1], '\n') << i;
    } else if (c != '\n') {
      EXPECT_FALSE(c < 0x20 || c == 0x7F) << "control " << int(c) << " at " << i;
    }
  }
}

}  // namespace
}  // namespace retention
