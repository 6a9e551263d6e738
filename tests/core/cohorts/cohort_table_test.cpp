#include <gtest/gtest.h>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/text/visible_text.hpp"

namespace retention {
namespace {

std::string first_message(const Result<CohortTable>& result) {
  return result.ok() ? "" : result.errors().front().message;
}

TEST(CohortTable, ReadsTheSharedCsvWithItsPeriodColumn) {
  const char* text = "year,regular\n0,1000\n1,631\n2,468\n3,382\n";
  Result<CohortTable> table = parse_cohort_table(text, CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << first_message(table);
  ASSERT_EQ(table.value().survivors.size(), 1u);
  EXPECT_EQ(table.value().names[0], "regular");
  EXPECT_EQ(table.value().survivors[0], (std::vector<double>{1000, 631, 468, 382}));
}

TEST(CohortTable, ReadsASpreadsheetTriangleInRows) {
  // Tab separated, formatted thousands, younger cohorts shorter, Windows line ends.
  const char* text = "cohort\t0\t1\t2\t3\r\nJan\t1,200\t900\t780\t700\r\nFeb\t1,000\t760\t650\r\nMar\t800\t590\t\r\n";
  Result<CohortTable> table = parse_cohort_table(text, CohortLayout::cohorts_in_rows);
  ASSERT_TRUE(table.ok()) << first_message(table);
  const CohortTable& t = table.value();
  EXPECT_EQ(t.names, (std::vector<std::string>{"Jan", "Feb", "Mar"}));
  EXPECT_EQ(t.survivors[0], (std::vector<double>{1200, 900, 780, 700}));
  EXPECT_EQ(t.survivors[2], (std::vector<double>{800, 590}));
  EXPECT_EQ(t.longest_periods(), 3);
}

TEST(CohortTable, ACopiedColumnNeedsNoHeader) {
  Result<CohortTable> table = parse_cohort_table("1000\n631\n468\n", CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table.value().names[0], "Cohort 1");
  EXPECT_EQ(table.value().survivors[0].size(), 3u);
}

TEST(CohortTable, BadTablesSayWhatIsWrongAndWhere) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "empty"},
           Case{"a,b\n", "no numbers"},
           Case{"1000\n631\n", "has 2 counts per cohort; at least 3"},
           Case{"1000\n631\n700\n", "period 2: 700 customers, more than the 631 of period 1"},
           Case{"0\n0\n0\n", "starts with 0 customers"},
           Case{"1000\n-5\n-6\n", "counts cannot be negative"},
           Case{"n\n1000\nabc\n400\n", "Row 3, column A: \"abc\" is not a number"},
           Case{"1000;900\n;800\n700;600\n", "Row 2, column A is empty between counts"},
           Case{"1000\nNaN\n400\n", "\"NaN\" is not a number"},
           Case{"1000\ninf\n400\n", "\"inf\" is not a number"},
           Case{"1000\n0x10\n4\n", "\"0x10\" is not a number"},
           Case{"a\tb\n1000\t900\n12;34\t800\n10\t700\n", "Row 3, column A: \"12;34\" is not a number"},
           Case{"a\tb\n1000\t900,5\n800.5\t800\n700\t600\n",
                "The counts mix decimal marks: row 3, column A (\"800.5\") needs a decimal point, but row 2, column B "
                "(\"900,5\") needs a decimal comma."},
           Case{"100000000000\n5\n4\n",
                "Row 1, column A: 100000000000 customers is more than the largest accepted count, 10,000,000,000."},
           Case{"1000\n\"EUR 800\"\n600\n", "Row 2, column A: \"EUR 800\" is not a number"},
       }) {
    Result<CohortTable> table = parse_cohort_table(c.text, CohortLayout::cohorts_in_columns);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.errors().front().field, "cohort_table");
    EXPECT_NE(first_message(table).find(c.message), std::string::npos) << c.text << " -> " << first_message(table);
  }
}

// The newest cohort, just acquired, has only its starting count: it is read (today's base
// includes it), while the older cohorts carry the retention.
TEST(CohortTable, ACohortJustAcquiredHasOnlyItsStart) {
  Result<CohortTable> table = parse_cohort_table("1000\t800\n631\t\n500\t\n", CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << table.errors().front().message;
  EXPECT_EQ(table.value().survivors[1], (std::vector<double>{800}));
}

TEST(CohortTable, ZeroSurvivorsLaterAreAllowed) {
  Result<CohortTable> table = parse_cohort_table("10\n3\n0\n0\n", CohortLayout::cohorts_in_columns);
  EXPECT_TRUE(table.ok()) << first_message(table);
}

TEST(CohortTable, QuotedCellsAndComments) {
  const char* text = "# exported\n\"period\",\"Cohort, A\"\n0,\"1,000\"\n1,800\n2,\"700\"\n";
  Result<CohortTable> table = parse_cohort_table(text, CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << first_message(table);
  EXPECT_EQ(table.value().names[0], "Cohort, A");
  EXPECT_EQ(table.value().survivors[0], (std::vector<double>{1000, 800, 700}));
}

TEST(CohortTable, NamesFromAHeaderLoseInvisibleCharactersAndKeepWholeCharacters) {
  // A terminal escape, a right-to-left override and a C1 control are dropped; a header of only
  // such characters falls back to the default name; a long name is cut between characters.
  const std::string long_name(70, 'x');
  const std::string urdu_name = [] {
    std::string name;
    for (int i = 0; i < 70; ++i) name += "\u06af";  // گ, two bytes each
    return name;
  }();
  const std::string text = "\"Jan\x1B[31m\";\"\u202Eevil\";\"\xC2\x85\";" + long_name + ";" + urdu_name +
                           "\n100;100;100;100;100\n80;80;80;80;80\n70;70;70;70;70\n";
  Result<CohortTable> table = parse_cohort_table(text, CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << first_message(table);
  const auto& names = table.value().names;
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[0], "Jan[31m");
  EXPECT_EQ(names[1], "evil");
  EXPECT_EQ(names[2], "Cohort 3");
  EXPECT_EQ(names[3], std::string(max_scenario_name_length, 'x'));
  EXPECT_EQ(names[4].size(), 2 * max_scenario_name_length);  // characters counted, not bytes
  for (const auto& name : names) EXPECT_FALSE(has_hidden_characters(name)) << name;
}

TEST(CohortTable, DecimalCommaCountsAreReadWithTheTablesMark) {
  // 631,5 says the table's decimal mark is a comma, so 1.000 is a thousand.
  Result<CohortTable> table = parse_cohort_table("Periode;A\n0;1.000\n1;631,5\n2;468,25\n", CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << first_message(table);
  EXPECT_EQ(table.value().survivors[0], (std::vector<double>{1000, 631.5, 468.25}));
}

TEST(CohortTable, OneMarkAndThreeDigitsGroupThousandsOfWholeCustomers) {
  // Nothing decides the mark: a count is whole customers, so 1.200 and 1,200 are 1200 both.
  Result<CohortTable> german = parse_cohort_table("A;B\n1.200;1.000\n900;800\n700;600\n", CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(german.ok()) << first_message(german);
  EXPECT_EQ(german.value().survivors[0], (std::vector<double>{1200, 900, 700}));
  EXPECT_EQ(german.value().survivors[1], (std::vector<double>{1000, 800, 600}));
}

TEST(CohortTable, ByteOrderMarkAndCrLineEnds) {
  Result<CohortTable> table = parse_cohort_table("\xEF\xBB\xBF" "1000\r631\r468\r", CohortLayout::cohorts_in_columns);
  ASSERT_TRUE(table.ok()) << first_message(table);
  EXPECT_EQ(table.value().survivors[0], (std::vector<double>{1000, 631, 468}));
}

}  // namespace
}  // namespace retention
