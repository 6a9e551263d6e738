#pragma once
// Cells of the CSV files the calculator writes. A text cell is quoted with its quotes doubled, and
// made safe for what opens the file: a spreadsheet runs a cell starting with = + - @ TAB or CR as a
// formula (OWASP's CSV-injection list), so such a cell gets a leading apostrophe; a terminal runs
// escape sequences, so control characters are replaced (U+FFFD) and ESC sequences removed.
#include <cstdio>
#include <string>
#include <string_view>

namespace retention {

namespace csv_detail {

// The length of an ESC sequence at text[0] (CSI: ESC [ ... final byte; OSC, DCS and the like:
// up to BEL or ESC \; else ESC and one character), so the whole sequence can be dropped.
inline std::size_t escape_sequence_length(std::string_view text) {
  if (text.size() < 2) return text.size();
  const char kind = text[1];
  if (kind == '[') {
    std::size_t i = 2;
    while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7E)) ++i;
    return i < text.size() ? i + 1 : i;
  }
  if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
    for (std::size_t i = 2; i < text.size(); ++i) {
      if (text[i] == '\a') return i + 1;
      if (text[i] == '\x1B' && i + 1 < text.size() && text[i + 1] == '\\') return i + 2;
    }
    return text.size();
  }
  return 2;
}

// Text with control characters replaced and escape sequences dropped (C1 controls, U+0080 to
// U+009F, are escape sequences too on some terminals).
inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1B) {
      i += escape_sequence_length(text.substr(i));
    } else if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += "\xEF\xBF\xBD";
      i += 2;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace csv_detail

inline std::string csv_text_cell(const std::string& text) {
  // Checked on the raw text too: a leading TAB or CR is replaced below, but it was meant as one.
  const auto formula_start = [](char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; };
  const std::string safe = csv_detail::printable(text);
  std::string cell = "\"";
  if ((!text.empty() && formula_start(text[0])) || (!safe.empty() && formula_start(safe[0]))) cell += '\'';
  for (char c : safe) {
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
