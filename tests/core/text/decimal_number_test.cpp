// Numbers read with either decimal mark: which texts decide the mark, which read both ways.
#include <gtest/gtest.h>

#include "retention/text/decimal_number.hpp"

namespace retention {
namespace {

using Kind = NumberReadings::Kind;

TEST(DecimalNumber, EachTextSaysWhichMarksItReadsWith) {
  struct Case {
    const char* text;
    Kind kind;
    double with_point, with_comma;  // as a person reads them (unused side 0)
  };
  for (const Case& c : {
           Case{"12", Kind::plain, 12, 12},
           Case{"-7", Kind::plain, -7, -7},
           Case{"99,28", Kind::comma_only, 0, 99.28},
           Case{"12,5", Kind::comma_only, 0, 12.5},
           Case{"0,500", Kind::comma_only, 0, 0.5},           // a lone 0 does not start a thousands group
           Case{"1.234,56", Kind::comma_only, 0, 1234.56},
           Case{"1.234.567", Kind::comma_only, 0, 1234567},
           Case{"1234,567", Kind::comma_only, 0, 1234.567},   // four digits before: no grouping
           Case{"12.5", Kind::point_only, 12.5, 0},
           Case{"1,234.56", Kind::point_only, 1234.56, 0},
           Case{"1,234,567", Kind::point_only, 1234567, 0},
           Case{".5", Kind::point_only, 0.5, 0},
           Case{"1,234", Kind::either, 1234, 1.234},
           Case{"1.234", Kind::either, 1.234, 1234},
           Case{"-12,345", Kind::either, -12345, -12.345},
           Case{"\xE2\x82\xAC 12,50", Kind::comma_only, 0, 12.5},   // € 12,50
           Case{"12,50 \xE2\x82\xAC", Kind::comma_only, 0, 12.5},   // 12,50 €
           Case{"$1,234.56", Kind::point_only, 1234.56, 0},
           Case{"-$5", Kind::plain, -5, -5},
           Case{"EUR 12.50", Kind::point_only, 12.5, 0},
           Case{"12.50 USD", Kind::point_only, 12.5, 0},
       }) {
    const NumberReadings r = read_number_readings(c.text);
    EXPECT_EQ(r.kind, c.kind) << c.text;
    if (c.kind != Kind::comma_only) {
      EXPECT_DOUBLE_EQ(r.with_point, c.with_point) << c.text;
    }
    if (c.kind != Kind::point_only) {
      EXPECT_DOUBLE_EQ(r.with_comma, c.with_comma) << c.text;
    }
  }
}

TEST(DecimalNumber, TextsThatAreNotNumbers) {
  for (const char* text : {"", "abc", "1e5", "inf", "NaN", "0x10", "1,23,456", "12.", "1.2.3,4,5", "1 234,56", "--5", "$",
                           "12,5,5", "1,2345.6"}) {
    EXPECT_EQ(read_number_readings(text).kind, Kind::not_a_number) << text;
  }
  EXPECT_EQ(read_number_readings(std::string(41, '1')).kind, Kind::not_a_number);  // longer than max_number_text_length
  EXPECT_EQ(read_number_readings("EUR 5", false).kind, Kind::not_a_number);        // no currency where counts are read
}

TEST(DecimalNumber, AChosenMarkReadsOnlyWhatFitsIt) {
  double value = 0;
  EXPECT_TRUE(number_with_mark(read_number_readings("1,234"), DecimalMark::comma, value));
  EXPECT_DOUBLE_EQ(value, 1.234);
  EXPECT_TRUE(number_with_mark(read_number_readings("1,234"), DecimalMark::point, value));
  EXPECT_DOUBLE_EQ(value, 1234);
  EXPECT_FALSE(number_with_mark(read_number_readings("12,5"), DecimalMark::point, value));
  EXPECT_FALSE(number_with_mark(read_number_readings("1,234"), DecimalMark::automatic, value));
  EXPECT_TRUE(number_with_mark(read_number_readings("17"), DecimalMark::automatic, value));
  EXPECT_DOUBLE_EQ(value, 17);
}

}  // namespace
}  // namespace retention
