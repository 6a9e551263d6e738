// The RFC 4180 record reader every file reader shares: quoting, line ends, physical line numbers,
// separator detection and chunk boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "retention/text/csv_records.hpp"

namespace retention {
namespace {

struct Row {
  std::int64_t line;
  std::vector<std::string> cells;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
  out << "line " << row.line << ":";
  for (const auto& cell : row.cells) out << " [" << cell << "]";
  return out;
}

// The records of `text` fed in pieces cut at `cuts` (ascending positions).
std::vector<Row> records_of(std::string_view text, const std::vector<std::size_t>& cuts = {}, CsvOptions options = {}) {
  CsvRecordReader reader(options);
  CsvRecord record;
  std::vector<Row> rows;
  auto take = [&] {
    while (reader.next(record)) rows.push_back({record.line, {record.cells.begin(), record.cells.end()}});
  };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    reader.feed(text.substr(from, cut - from));
    take();
    from = cut;
  }
  reader.feed(text.substr(from));
  take();
  reader.finish();
  take();
  return rows;
}

TEST(CsvRecords, QuotesAreUndoubledAndMayHoldSeparatorsAndLineBreaks) {
  const std::string text =
      "id,note\n"
      "\"\"\"A\"\"\",x\n"                 // line 2: the id is "A", quotes included
      "A,\"he said \"\"hi\"\"\"\n"        // line 3
      "\"multi\nline\",\"1,200.00\"\n"    // lines 4 and 5: one record
      "B, padded ,\" kept \"\n";          // line 6
  const std::vector<Row> expected = {
      {1, {"id", "note"}},
      {2, {"\"A\"", "x"}},
      {3, {"A", "he said \"hi\""}},
      {4, {"multi\nline", "1,200.00"}},
      {6, {"B", "padded", " kept "}},
  };
  EXPECT_EQ(records_of(text), expected);
}

TEST(CsvRecords, LfCrlfAndCrAloneEndLinesAndCountOnce) {
  const std::vector<Row> expected = {{1, {"a", "1"}}, {2, {"b", "2"}}, {4, {"c", "3"}}};
  EXPECT_EQ(records_of("a,1\nb,2\n\nc,3\n"), expected);
  EXPECT_EQ(records_of("a,1\r\nb,2\r\n\r\nc,3\r\n"), expected);
  EXPECT_EQ(records_of("a,1\rb,2\r\rc,3\r"), expected);
  EXPECT_EQ(records_of("a,1\rb,2\r\rc,3"), expected);  // no line break at the end
}

TEST(CsvRecords, BlankLinesAndSeparatorsAloneAreSkippedUnlessKept) {
  EXPECT_EQ(records_of("a;1\n;;\n  \nb;2\n"), (std::vector<Row>{{1, {"a", "1"}}, {4, {"b", "2"}}}));
  CsvOptions keep;
  keep.skip_separator_lines = false;
  EXPECT_EQ(records_of("a;1\n;\nb;2\n", {}, keep), (std::vector<Row>{{1, {"a", "1"}}, {2, {"", ""}}, {3, {"b", "2"}}}));
}

TEST(CsvRecords, TheSeparatorComesFromTheFirstLineOutsideQuotes) {
  // The comma inside quotes does not count; the semicolon does.
  EXPECT_EQ(records_of("\"a,b\";c\n"), (std::vector<Row>{{1, {"a,b", "c"}}}));
  // A quoted line break in the first record: the separator is still found on that record.
  EXPECT_EQ(records_of("\"x\ny\"\t2\n"), (std::vector<Row>{{1, {"x\ny", "2"}}}));
  // Runs of blanks, as CDNOW's text files have them, and no empty cell at the end of a line.
  EXPECT_EQ(records_of(" 00004 0001  19970101 2   29.33 \r\n"), (std::vector<Row>{{1, {"00004", "0001", "19970101", "2", "29.33"}}}));
  CsvOptions comments;
  comments.skip_comment_lines = true;
  EXPECT_EQ(records_of("# made by, someone\na\tb\n", {}, comments), (std::vector<Row>{{2, {"a", "b"}}}));
}

TEST(CsvRecords, AnUnclosedQuoteEndsAtTheLimitAndTheRestIsRead) {
  std::string text = "id,x\n\"never closed";
  text += std::string(max_record_length, 'x');
  text += "\nnext,1\n";
  CsvRecordReader reader;
  CsvRecord record;
  reader.feed(text);
  reader.finish();
  ASSERT_TRUE(reader.next(record));
  EXPECT_FALSE(record.too_long);
  ASSERT_TRUE(reader.next(record));
  EXPECT_TRUE(record.too_long);
  EXPECT_EQ(record.line, 2);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 3);
  EXPECT_EQ(std::vector<std::string>(record.cells.begin(), record.cells.end()), (std::vector<std::string>{"next", "1"}));
  EXPECT_FALSE(reader.next(record));
}

TEST(CsvRecords, EverySplitPositionGivesTheSameRecords) {
  const std::string text = "id;note\r\n\"\"\"A\"\"\";\"x;\r\ny\"\r\nB;2\rC;\"\"\n\n\"D\";4";
  const std::vector<Row> whole = records_of(text);
  ASSERT_EQ(whole.size(), 5u);
  EXPECT_EQ(whole[1], (Row{2, {"\"A\"", "x;\r\ny"}}));
  EXPECT_EQ(whole[2], (Row{4, {"B", "2"}}));
  EXPECT_EQ(whole[4], (Row{7, {"D", "4"}}));
  for (std::size_t cut = 1; cut < text.size(); ++cut) EXPECT_EQ(records_of(text, {cut}), whole) << "cut at " << cut;
  std::vector<std::size_t> every;
  for (std::size_t at = 1; at < text.size(); ++at) every.push_back(at);
  EXPECT_EQ(records_of(text, every), whole) << "one byte at a time";
}

TEST(CsvRecords, Utf8PrefixNeverCutsACharacter) {
  EXPECT_EQ(utf8_prefix("ab\xC3\xA9", 3), "ab");
  EXPECT_EQ(utf8_prefix("ab\xC3\xA9", 4), "ab\xC3\xA9");
  EXPECT_EQ(utf8_prefix("\xF0\x9F\x98\x80z", 3), "");
}

}  // namespace
}  // namespace retention
