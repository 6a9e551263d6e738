#include "retention/cohorts/cohort_table.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "retention/text/csv_records.hpp"
#include "retention/text/decimal_number.hpp"
#include "retention/common/limits.hpp"
#include "retention/scenario/scenario_validation.hpp"
#include "retention/text/text_decoder.hpp"
#include "retention/text/visible_text.hpp"

namespace retention {
namespace {

struct Cell {
  std::string text;
  int row = 0, column = 0;  // where the user sees it, 1-based, before any transposing
};

using Grid = std::vector<std::vector<Cell>>;

std::string column_letters(int column) {
  std::string letters;
  for (int n = column; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

MessageArguments where(const Cell& cell) {
  return {number_argument("row", cell.row), text_argument("column", column_letters(cell.column))};
}

// Survivor counts as written: a decimal point or comma (the table's own, decided by the cells that
// read only one way), thousands grouped or not. A count is whole customers, so where no cell
// decides, one mark followed by three digits (1,200 or 1.200) groups thousands.
class CountReader {
 public:
  explicit CountReader(DecimalMark mark) : mark_(mark) {}

  std::optional<double> value(const std::string& text) const {
    const NumberReadings readings = read_number_readings(text, false);
    double value = 0;
    if (number_with_mark(readings, mark_, value)) return value;
    if (readings.kind == NumberReadings::Kind::either && mark_ == DecimalMark::automatic)
      return readings.lone_mark == ',' ? readings.with_point : readings.with_comma;
    return std::nullopt;
  }

 private:
  DecimalMark mark_;
};

bool is_number(const std::string& text) {
  return read_number_readings(text, false).kind != NumberReadings::Kind::not_a_number;
}

Grid read_grid(std::string_view text) {
  TextDecoder decoder;  // drops a byte-order mark
  CsvOptions options;
  options.skip_comment_lines = true;
  options.skip_separator_lines = false;  // an empty row between counts is a gap, not nothing
  CsvRecordReader records(options);
  CsvRecord record;
  Grid grid;
  auto take = [&] {
    while (records.next(record)) {
      std::vector<Cell> cells;
      int column = 0;
      for (std::string_view cell_text : record.cells) cells.push_back({std::string(cell_text), static_cast<int>(record.line), ++column});
      grid.push_back(std::move(cells));
    }
  };
  records.feed(decoder.decode(text));
  take();
  records.feed(decoder.finish());
  take();
  records.finish();
  take();
  return grid;
}

// The table's decimal mark from the cells that read only one way; both ways is an error.
Result<DecimalMark> decide_count_mark(const Grid& grid) {
  const Cell* first = nullptr;
  DecimalMark mark = DecimalMark::automatic;
  for (const auto& row : grid)
    for (const Cell& cell : row) {
      const NumberReadings readings = read_number_readings(cell.text, false);
      DecimalMark says = DecimalMark::automatic;
      if (readings.kind == NumberReadings::Kind::point_only) says = DecimalMark::point;
      if (readings.kind == NumberReadings::Kind::comma_only) says = DecimalMark::comma;
      if (says == DecimalMark::automatic) continue;
      if (!first) {
        first = &cell, mark = says;
        continue;
      }
      if (says == mark) continue;
      auto term = [](DecimalMark m) { return m == DecimalMark::comma ? "decimal_mark.comma" : "decimal_mark.point"; };
      MessageArguments arguments = where(cell);
      arguments.push_back(text_argument("value", std::string(utf8_prefix(cell.text, 20))));
      arguments.push_back(term_argument("mark", term(says)));
      arguments.push_back(number_argument("first_row", first->row));
      arguments.push_back(text_argument("first_column", column_letters(first->column)));
      arguments.push_back(text_argument("first", std::string(utf8_prefix(first->text, 20))));
      arguments.push_back(term_argument("first_mark", term(mark)));
      return field_error("cohort_table", "cohort_decimal_marks_mixed", std::move(arguments));
    }
  return mark;
}

Grid transpose(const Grid& grid) {
  std::size_t width = 0;
  for (const auto& row : grid) width = std::max(width, row.size());
  Grid out(width);
  for (std::size_t c = 0; c < width; ++c)
    for (std::size_t r = 0; r < grid.size(); ++r)
      out[c].push_back(c < grid[r].size() ? grid[r][c] : Cell{"", grid[r].empty() ? 0 : grid[r][0].row, static_cast<int>(c + 1)});
  return out;
}

// Column c of a row-major grid (rows may be ragged).
std::vector<Cell> column_of(const Grid& grid, std::size_t c) {
  std::vector<Cell> cells;
  for (const auto& row : grid) cells.push_back(c < row.size() ? row[c] : Cell{"", row.empty() ? 0 : row[0].row, static_cast<int>(c + 1)});
  return cells;
}

// A leading 0, 1, 2, ... (or 1, 2, 3, ...) column numbers the periods; it is not a cohort.
bool is_period_index(const std::vector<Cell>& cells, const CountReader& counts) {
  std::optional<double> previous;
  int count = 0;
  for (const Cell& cell : cells) {
    if (cell.text.empty()) continue;
    auto value = counts.value(cell.text);
    if (!value) return false;
    if (!previous ? (*value != 0 && *value != 1) : *value != *previous + 1) return false;
    previous = value;
    ++count;
  }
  return count >= 2;
}

}  // namespace

int CohortTable::longest_periods() const {
  std::size_t longest = 0;
  for (const auto& cohort : survivors) longest = std::max(longest, cohort.size());
  return longest == 0 ? 0 : static_cast<int>(longest) - 1;
}

std::string cohort_table_text(const CohortTable& table) {
  std::string text;
  char number[32];
  for (std::size_t c = 0; c < table.survivors.size(); ++c) {
    std::string name = c < table.names.size() ? table.names[c] : "Cohort " + std::to_string(c + 1);
    std::replace_if(name.begin(), name.end(), [](char ch) { return ch == '\t' || ch == '\n' || ch == '\r' || ch == '"'; }, ' ');
    text += name;
    for (double count : table.survivors[c]) {
      std::snprintf(number, sizeof number, "%.15g", count);
      text += '\t';
      text += number;
    }
    text += '\n';
  }
  return text;
}

Result<CohortTable> parse_cohort_table(std::string_view text, CohortLayout layout) {
  const std::string field = "cohort_table";
  if (text.size() > 5'000'000) return field_error(field, "cohort_table_too_large");
  Grid grid = read_grid(text);
  if (grid.empty()) return field_error(field, "cohort_table_empty");
  const Result<DecimalMark> mark = decide_count_mark(grid);  // in the order the user reads the cells
  if (!mark.ok()) return mark.errors();
  const CountReader count_reader(mark.value());
  if (layout == CohortLayout::cohorts_in_rows) grid = transpose(grid);  // now one cohort per column

  std::size_t width = 0;
  for (const auto& row : grid) width = std::max(width, row.size());

  // A first row with text in it holds the cohort names.
  bool has_header = false;
  for (const Cell& cell : grid[0]) has_header = has_header || (!cell.text.empty() && !is_number(cell.text));
  std::size_t first_column = 0;
  if (width >= 2) {
    auto first = column_of(grid, 0);
    if (has_header) first.erase(first.begin());
    if (is_period_index(first, count_reader)) first_column = 1;
  }

  CohortTable table;
  FieldErrors errors;
  auto add_error = [&](std::string_view code, MessageArguments arguments) {
    if (errors.size() < 5) errors.push_back(field_error(field, code, std::move(arguments)));
  };
  for (std::size_t c = first_column; c < width; ++c) {
    std::vector<Cell> cells = column_of(grid, c);
    std::string name = "Cohort " + std::to_string(table.survivors.size() + 1);
    if (has_header) {
      // A header is a label, so its invisible characters are dropped rather than the table refused.
      const std::string header = without_hidden_characters(cells.front().text);
      if (!header.empty()) name = std::string(utf8_first_characters(header, max_scenario_name_length));
      cells.erase(cells.begin());
    }
    while (!cells.empty() && cells.back().text.empty()) cells.pop_back();
    if (cells.empty()) continue;  // an empty column
    std::vector<double> counts;
    for (const Cell& cell : cells) {
      if (cell.text.empty()) {
        add_error("cohort_cell_gap", where(cell));
        break;
      }
      auto value = count_reader.value(cell.text);
      if (!value) {
        MessageArguments arguments = where(cell);
        arguments.push_back(text_argument("value", std::string(utf8_prefix(cell.text, 20))));
        add_error("cohort_cell_not_number", std::move(arguments));
        break;
      }
      if (std::abs(*value) > max_customer_count) {
        MessageArguments arguments = where(cell);
        arguments.push_back(text_argument("value", std::string(utf8_prefix(cell.text, 20))));
        arguments.push_back(number_argument("max", max_customer_count));
        add_error("cohort_count_too_large", std::move(arguments));
        break;
      }
      counts.push_back(*value);
    }
    table.names.push_back(name);
    table.survivors.push_back(std::move(counts));
  }
  if (!errors.empty()) return errors;
  if (table.survivors.empty()) return field_error(field, "cohort_table_no_numbers");
  FieldErrors rule_errors = validate_cohort_table(table);
  if (!rule_errors.empty()) return rule_errors;
  return table;
}

FieldErrors validate_cohort_table(const CohortTable& table) {
  const std::string field = "cohort_table";
  FieldErrors errors;
  auto add = [&](std::string_view code, MessageArguments arguments = {}) {
    if (errors.size() < 5) errors.push_back(field_error(field, code, std::move(arguments)));
  };
  auto count = [](std::size_t n) { return static_cast<double>(n); };
  if (table.survivors.empty()) add("cohort_table_no_cohorts");
  // Younger cohorts may be short, but some cohort must show how retention changes with tenure.
  if (!table.survivors.empty() && table.longest_periods() + 1 < min_cohort_periods)
    add("cohort_table_too_short",
        {number_argument("count", table.longest_periods() + 1), number_argument("needed", min_cohort_periods)});
  if (table.survivors.size() > max_cohorts)
    add("too_many_cohorts", {number_argument("max", max_cohorts), number_argument("count", count(table.survivors.size()))});
  for (std::size_t c = 0; c < table.survivors.size() && c < max_cohorts; ++c) {
    const auto& n = table.survivors[c];
    const std::string name = c < table.names.size() ? table.names[c] : "Cohort " + std::to_string(c + 1);
    const MessageArgument cohort = text_argument("cohort", name);
    // A cohort with only its starting count was just acquired: it tells the fits nothing yet,
    // but its customers are part of today's base.
    if (n.size() > static_cast<std::size_t>(max_cohort_periods) + 1) {
      add("cohort_too_long", {cohort, number_argument("max", max_cohort_periods)});
      continue;
    }
    // Beyond a plausible count the fit's log-likelihood runs to hundreds of digits.
    const auto too_large = std::find_if(n.begin(), n.end(), [](double v) { return v > max_customer_count; });
    if (too_large != n.end()) {
      MessageArguments arguments = got_arguments(*too_large);
      arguments.insert(arguments.end(), {cohort, number_argument("period", count(static_cast<std::size_t>(too_large - n.begin()))),
                                         number_argument("max", max_customer_count)});
      add("cohort_survivors_too_large", std::move(arguments));
      continue;
    }
    if (!(n[0] > 0)) {
      add("cohort_start_not_positive", {cohort, number_argument("count", n[0])});
      continue;
    }
    for (std::size_t t = 1; t < n.size(); ++t) {
      if (n[t] < 0) {
        add("cohort_count_negative", {cohort, number_argument("period", count(t)), number_argument("count", n[t])});
        break;
      }
      if (n[t] > n[t - 1]) {
        add("cohort_count_increases", {cohort, number_argument("period", count(t)), number_argument("count", n[t]),
                                       number_argument("previous", n[t - 1]), number_argument("previous_period", count(t - 1))});
        break;
      }
    }
  }
  return errors;
}

}  // namespace retention
