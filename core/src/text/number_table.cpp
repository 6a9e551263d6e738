#include "text/number_table.hpp"

#include "retention/text/header_columns.hpp"
#include "retention/text/text_decoder.hpp"
#include "text/plain_number.hpp"

namespace retention {
namespace {

constexpr std::size_t max_errors = 5;

}  // namespace

NumberTable::NumberTable(std::string_view bytes, std::string field) : field_(std::move(field)) {
  TextDecoder decoder;
  text_ = decoder.decode(bytes);
  text_ += decoder.finish();
  records_.feed(text_);
  records_.finish();
}

bool NumberTable::read_header() { return records_.next(record_); }

int NumberTable::column(std::initializer_list<std::string_view> names) const { return column_named(record_.cells, names); }

bool NumberTable::next_row() { return records_.next(record_); }

bool NumberTable::number(int column, std::string_view name, double fallback, double& out) {
  if (column < 0) return out = fallback, true;
  const std::string_view cell = column < static_cast<int>(record_.cells.size()) ? record_.cells[column] : std::string_view();
  if (read_plain_number(cell, out)) return true;
  refuse(name, "summary_cell_not_number", {text_argument("value", std::string(utf8_prefix(cell, 20)))});
  return false;
}

void NumberTable::refuse(std::string_view name, std::string_view code, MessageArguments arguments) {
  arguments.push_back(number_argument("line", static_cast<double>(record_.line)));
  arguments.push_back(text_argument("column", std::string(name)));
  if (errors_.size() < max_errors) errors_.push_back(field_error(field_, code, std::move(arguments)));
}

void NumberTable::refuse_table(std::string_view code, MessageArguments arguments) {
  errors_.push_back(field_error(field_, code, std::move(arguments)));
}

}  // namespace retention
