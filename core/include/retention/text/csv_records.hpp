#pragma once
// Records of delimited text (RFC 4180 and what spreadsheets write), read as the text streams in:
// a quoted cell may hold the separator, a line break and "" for a quote; line ends may be LF,
// CRLF or CR alone. Each record says the physical line it starts on, so a message can point at
// it in the file even when a quoted line break makes a record span two lines. The same reader
// serves every file reader and its preview, so they split a file identically.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

struct CsvRecord {
  std::int64_t line = 0;                // the physical line it starts on, from 1
  std::vector<std::string_view> cells;  // valid until the next call of next()
  bool too_long = false;                // longer than max_record_length: its cells are cut short
};

struct CsvOptions {
  char separator = 0;               // 0: detected from the first line with text (tab, ;, comma, else blanks)
  bool skip_comment_lines = false;  // records whose first cell starts with # (cohort tables)
  bool skip_separator_lines = true; // lines of separators alone (a spreadsheet's empty row)
};

inline constexpr std::size_t max_record_length = 100'000;

class CsvRecordReader {
 public:
  explicit CsvRecordReader(CsvOptions options = {});

  // More text, after next() has returned false for the text before. It must stay valid until
  // next() returns false again.
  void feed(std::string_view text);
  // No more text: the last record may end without a line break.
  void finish();
  // The next complete record, skipping blank lines (and lines of separators alone, unless kept).
  bool next(CsvRecord& record);

  char separator() const { return separator_; }

 private:
  enum class State { cell_start, unquoted, quoted, quoted_quote, comment };
  void use_separator(char separator);
  void append(const char* text, std::size_t size);
  void end_cell();
  bool end_record(CsvRecord& record);  // false for a blank record (nothing to return)
  void start_record();

  CsvOptions options_;
  char separator_ = 0;
  bool unquoted_special_[256] = {};  // bytes that end a run of plain text outside quotes
  std::string undetected_;           // text held until the separator is known
  std::string_view input_;
  std::size_t position_ = 0;
  bool finished_ = false, final_record_done_ = false;

  State state_ = State::cell_start;
  bool pending_cr_ = false;     // a CR was the last byte: an LF next belongs to the same line end
  bool returned_ = false;       // the last record's cells still point into record_
  std::int64_t line_ = 1, record_line_ = 1;
  std::string record_;          // the current record's cells, back to back
  std::vector<std::size_t> ends_;
  std::size_t cell_begin_ = 0, quoted_end_ = 0;
  bool record_quoted_ = false, too_long_ = false;
};

// The separator of one line of text, quoted parts ignored: a tab (what spreadsheets copy) wins,
// then a semicolon (European CSV), then a comma, else runs of blanks.
char detect_separator_outside_quotes(std::string_view line);

// At most `max_bytes` of UTF-8 text, never cutting a character in two.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);
// At most the first `max_characters` characters of UTF-8 text.
std::string_view utf8_first_characters(std::string_view text, std::size_t max_characters);

}  // namespace retention
