#pragma once
// Cells of the CSV files the calculator writes. A text cell: quoted, quotes doubled, and a leading = + - @
// defused so spreadsheets do not run it as a formula.
#include <cstdio>
#include <string>

namespace retention {

inline std::string csv_text_cell(const std::string& text) {
  std::string cell = "\"";
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) cell += '\'';
  for (char c : text) {
    if (c == '"') cell += '"';
    cell += c;
  }
  cell += '"';
  return cell;
}

// A number cell: ten significant digits, enough for money and counts, short enough to read.
inline std::string csv_number(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace retention
