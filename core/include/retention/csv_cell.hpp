#pragma once
// A text cell for CSV written by the calculator: quoted, quotes doubled, and a leading = + - @
// defused so spreadsheets do not run it as a formula.
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

}  // namespace retention
