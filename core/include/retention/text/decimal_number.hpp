#pragma once
// Numbers as people write them in files: with a decimal point (1,234.56) or a decimal comma
// (1.234,56), grouped in thousands or not, with a currency sign or code before or after
// ($1,234.56, € 12,50, 12,50 €, EUR 12.50, 12.50 USD), and a sign. Each text is read both ways,
// so a reader can decide the file's decimal mark from the evidence instead of guessing.
#include <string_view>

namespace retention {

enum class DecimalMark { automatic, point, comma };

struct NumberReadings {
  enum class Kind {
    not_a_number,
    plain,       // the same either way (no mark: 12, -7)
    point_only,  // reads only with a decimal point (12.5, 1,234.56, 1,234,567)
    comma_only,  // reads only with a decimal comma (12,5, 1.234,56, 1.234.567)
    either,      // reads both ways with different values (1,234 or 1.234: one mark, three digits after it)
  };
  Kind kind = Kind::not_a_number;
  double with_point = 0;  // the value when the decimal mark is a point (meaningful unless comma_only)
  double with_comma = 0;  // the value when it is a comma (meaningful unless point_only)
  char lone_mark = 0;     // for `either`: the one mark, ',' or '.'
};

// Reads the text both ways; longer texts than max_number_text_length are not numbers. Without
// `currency`, a currency sign or code makes the text not a number (a count, a cohort's name).
NumberReadings read_number_readings(std::string_view text, bool currency = true);

// The value of a text with the given mark, if it reads with it (automatic: only plain numbers).
bool number_with_mark(const NumberReadings& readings, DecimalMark mark, double& value);

}  // namespace retention
