#pragma once
// The column separator of pasted or uploaded text, the same rule for every reader: a tab (what
// spreadsheets copy) wins, then a semicolon (European CSV), then a comma, else runs of spaces.
#include <string_view>

namespace retention {

inline char detect_separator(std::string_view text) {
  if (text.find('\t') != std::string_view::npos) return '\t';
  if (text.find(';') != std::string_view::npos) return ';';
  if (text.find(',') != std::string_view::npos) return ',';
  return ' ';
}

}  // namespace retention
