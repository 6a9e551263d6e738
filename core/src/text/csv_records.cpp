#include "retention/text/csv_records.hpp"

#include <algorithm>

namespace retention {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The first line with text of `text`, quote-aware, or npos when it has not ended yet.
std::size_t first_text_line_end(std::string_view text, bool skip_comments, std::size_t& line_start) {
  bool quoted = false, has_text = false, comment = false;
  line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) {
      if (has_text && !comment) return i;
      has_text = comment = false;
      line_start = i + 1;
      continue;
    }
    if (!has_text && !is_blank(c)) {
      has_text = true;
      comment = skip_comments && c == '#';
    }
  }
  return std::string_view::npos;
}

}  // namespace

char detect_separator_outside_quotes(std::string_view line) {
  bool quoted = false, tab = false, semicolon = false, comma = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (!quoted) tab |= c == '\t', semicolon |= c == ';', comma |= c == ',';
  }
  return tab ? '\t' : semicolon ? ';' : comma ? ',' : ' ';
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
  return text.substr(0, cut);
}

std::string_view utf8_first_characters(std::string_view text, std::size_t max_characters) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && characters++ == max_characters) return text.substr(0, i);
  }
  return text;
}

CsvRecordReader::CsvRecordReader(CsvOptions options) : options_(options) {
  if (options.separator != 0) use_separator(options.separator);
}

void CsvRecordReader::use_separator(char separator) {
  separator_ = separator;
  unquoted_special_[static_cast<unsigned char>('\r')] = true;
  unquoted_special_[static_cast<unsigned char>('\n')] = true;
  unquoted_special_[static_cast<unsigned char>(separator)] = true;
  if (separator == ' ') unquoted_special_[static_cast<unsigned char>('\t')] = true;
}

void CsvRecordReader::feed(std::string_view text) {
  if (separator_ != 0) {
    input_ = text, position_ = 0;
    return;
  }
  // The separator comes from the first line with text; until it has ended, the text waits here.
  undetected_.append(text);
  std::size_t line_start = 0;
  const std::size_t end = first_text_line_end(undetected_, options_.skip_comment_lines, line_start);
  if (end == std::string_view::npos && undetected_.size() <= max_record_length) return;
  const std::size_t stop = end == std::string_view::npos ? undetected_.size() : end;
  use_separator(detect_separator_outside_quotes(std::string_view(undetected_).substr(line_start, stop - line_start)));
  input_ = undetected_, position_ = 0;
}

void CsvRecordReader::finish() {
  finished_ = true;
  if (separator_ == 0) {
    std::size_t line_start = 0;
    const std::size_t end = first_text_line_end(undetected_ + "\n", options_.skip_comment_lines, line_start);
    const std::size_t stop = std::min(end, undetected_.size());
    use_separator(detect_separator_outside_quotes(std::string_view(undetected_).substr(std::min(line_start, stop), stop - std::min(line_start, stop))));
    input_ = undetected_, position_ = 0;
  }
}

void CsvRecordReader::append(const char* text, std::size_t size) {
  if (record_.size() + size > max_record_length) {
    too_long_ = true;
    size = record_.size() < max_record_length ? max_record_length - record_.size() : 0;
  }
  record_.append(text, size);
}

void CsvRecordReader::end_cell() {
  // Blanks around a cell are not part of it, but blanks inside its quotes are.
  std::size_t end = record_.size();
  const std::size_t keep = std::max(cell_begin_, quoted_end_);
  while (end > keep && (record_[end - 1] == ' ' || (record_[end - 1] == '\t' && separator_ != '\t'))) --end;
  record_.resize(end);
  ends_.push_back(end);
  cell_begin_ = quoted_end_ = end;
}

void CsvRecordReader::start_record() {
  record_.clear();
  ends_.clear();
  cell_begin_ = quoted_end_ = 0;
  record_quoted_ = too_long_ = false;
  record_line_ = line_;
  state_ = State::cell_start;
}

bool CsvRecordReader::end_record(CsvRecord& record) {
  if (state_ == State::comment) return false;
  // With blanks as the separator, blanks at the end of a line do not start another cell.
  if (!(separator_ == ' ' && state_ == State::cell_start)) end_cell();
  if (record_.empty() && !record_quoted_ && (options_.skip_separator_lines || ends_.size() <= 1))
    return false;  // a blank line, or separators alone
  record.line = record_line_;
  record.too_long = too_long_;
  record.cells.clear();
  std::size_t begin = 0;
  for (std::size_t end : ends_) {
    record.cells.emplace_back(record_.data() + begin, end - begin);
    begin = end;
  }
  return true;
}

bool CsvRecordReader::next(CsvRecord& record) {
  if (separator_ == 0) return false;
  if (returned_) {
    returned_ = false;
    start_record();
  }
  const char* const data = input_.data();
  const std::size_t size = input_.size();
  std::size_t i = position_;
  const char separator = separator_;
  while (i < size) {
    char c = data[i];
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') {  // the LF of a CRLF: the line was already counted
        if (state_ == State::quoted) append("\n", 1);
        ++i;
        continue;
      }
    }
    switch (state_) {
      case State::cell_start:
        if (c == '\r' || c == '\n') {
          ++i;
          break;  // the record ends, below
        }
        if (is_blank(c) && (c != separator || separator == ' ')) {
          ++i;
          continue;
        }
        if (c == '"') {
          state_ = State::quoted;
          record_quoted_ = true;
          ++i;
          continue;
        }
        if (options_.skip_comment_lines && c == '#' && ends_.empty()) {
          state_ = State::comment;
          ++i;
          continue;
        }
        state_ = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        const std::size_t run = i;
        while (i < size && !unquoted_special_[static_cast<unsigned char>(data[i])]) ++i;
        append(data + run, i - run);
        if (i == size) continue;
        c = data[i++];
        if (c == '\r' || c == '\n') break;  // the record ends, below
        end_cell();  // a separator
        state_ = State::cell_start;
        continue;
      }
      case State::quoted: {
        const std::size_t run = i;
        while (i < size && data[i] != '"' && data[i] != '\r' && data[i] != '\n') ++i;
        append(data + run, i - run);
        if (i == size) continue;
        c = data[i++];
        if (c == '"') {
          state_ = State::quoted_quote;
          continue;
        }
        // A line break inside quotes belongs to the cell, unless the record is already too long:
        // then the quote was never closed, and the record ends here so the rest can be read.
        if (too_long_) {
          state_ = State::unquoted;
          break;
        }
        ++line_;
        pending_cr_ = c == '\r';
        append(&c, 1);
        continue;
      }
      case State::quoted_quote:
        if (c == '"') {  // "" inside quotes is one quote
          append("\"", 1);
          state_ = State::quoted;
          ++i;
          continue;
        }
        quoted_end_ = record_.size();
        state_ = State::unquoted;  // what follows the closing quote is read as plain text
        continue;
      case State::comment:
        while (i < size && data[i] != '\r' && data[i] != '\n') ++i;
        if (i == size) continue;
        c = data[i++];
        break;
    }
    // A line break outside quotes: the record ends.
    ++line_;
    pending_cr_ = c == '\r';
    if (end_record(record)) {
      position_ = i;
      returned_ = true;
      return true;
    }
    start_record();
  }
  position_ = i;
  if (finished_ && !final_record_done_) {
    final_record_done_ = true;
    if (state_ == State::quoted_quote) quoted_end_ = record_.size();
    if (end_record(record)) {
      returned_ = true;
      return true;
    }
  }
  return false;
}

}  // namespace retention
