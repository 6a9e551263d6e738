#pragma once
// A table of plain numbers under a header row, as warehouses and analysis libraries write them
// (a purchase summary, an opportunity history): the bytes decoded and split into records, each
// cell read as a plain number, and each bad cell recorded with its line and column. At most five
// errors are kept, so a wrong file gets a few useful messages rather than thousands.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "retention/common/message.hpp"
#include "retention/common/result.hpp"
#include "retention/text/csv_records.hpp"

namespace retention {

class NumberTable {
 public:
  // `field`: the input every message names.
  NumberTable(std::string_view bytes, std::string field);
  NumberTable(const NumberTable&) = delete;  // the records point into text_
  NumberTable& operator=(const NumberTable&) = delete;

  // The header row; false when the table has no row at all.
  bool read_header();
  // The first column whose header is one of the names, or -1.
  int column(std::initializer_list<std::string_view> names) const;
  // The next data row; false at the end.
  bool next_row();

  // The current row's number in `column`, or `fallback` when the table has no such column. A cell
  // that is not a plain number is an error naming the line, the column's `name` and the cell.
  bool number(int column, std::string_view name, double fallback, double& out);
  // An error at the current row's line, in the column called `name`.
  void refuse(std::string_view name, std::string_view code, MessageArguments arguments = {});
  // An error about the whole table (a missing column), not counted against the cap.
  void refuse_table(std::string_view code, MessageArguments arguments = {});

  FieldErrors& errors() { return errors_; }
  const std::string& field() const { return field_; }

 private:
  std::string field_;
  std::string text_;
  CsvRecordReader records_;
  CsvRecord record_;
  FieldErrors errors_;
};

}  // namespace retention
