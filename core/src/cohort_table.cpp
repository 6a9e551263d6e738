#include "retention/cohort_table.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "retention/scenario_validation.hpp"
#include "retention/separator.hpp"

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

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");  // also a UTF-8 byte-order mark
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// One line into cells. Quoted cells may hold the separator; "" is a quote inside quotes.
std::vector<std::string> split_line(std::string_view line, char separator) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (separator == ' ' ? (c == ' ' || c == '\t') : c == separator) {
      if (separator != ' ' || !cell.empty()) cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  if (separator != ' ' || !cell.empty()) cells.push_back(trim(cell));
  return cells;
}

// 1,234 or -12,345,678.5: thousands grouped by commas, as spreadsheets copy formatted numbers.
bool is_grouped_thousands(std::string_view text) {
  std::size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  std::size_t lead = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++lead;
  if (lead < 1 || lead > 3) return false;
  int groups = 0;
  while (i < text.size() && text[i] == ',') {
    std::size_t digits = 0;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++digits;
    if (digits != 3) return false;
    ++groups;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {}
  }
  return groups > 0 && i == text.size();
}

// A plain decimal number (strtod alone would also take "inf", "nan" and hex).
std::optional<double> read_number(const std::string& text) {
  std::string plain;
  if (text.find(',') != std::string::npos) {
    if (!is_grouped_thousands(text)) return std::nullopt;
    for (char c : text)
      if (c != ',') plain += c;
  } else {
    plain = text;
  }
  if (plain.empty() || plain.size() > 64) return std::nullopt;
  for (char c : plain)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(plain.c_str(), &end);
  if (end != plain.c_str() + plain.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

Grid read_grid(std::string_view text) {
  const char separator = detect_separator(text);
  Grid grid;
  int row_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++row_number;
    const std::string trimmed = trim(line);
    if (!trimmed.empty() && trimmed[0] != '#') {
      std::vector<Cell> cells;
      int column = 0;
      for (std::string& cell_text : split_line(line, separator)) cells.push_back({std::move(cell_text), row_number, ++column});
      grid.push_back(std::move(cells));
    }
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
    start = end + 1;
  }
  return grid;
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
bool is_period_index(const std::vector<Cell>& cells) {
  std::optional<double> previous;
  int count = 0;
  for (const Cell& cell : cells) {
    if (cell.text.empty()) continue;
    auto value = read_number(cell.text);
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

Result<CohortTable> parse_cohort_table(std::string_view text, CohortLayout layout) {
  const std::string field = "cohort_table";
  if (text.size() > 5'000'000) return field_error(field, "cohort_table_too_large");
  Grid grid = read_grid(text);
  if (layout == CohortLayout::cohorts_in_rows) grid = transpose(grid);  // now one cohort per column
  if (grid.empty()) return field_error(field, "cohort_table_empty");

  std::size_t width = 0;
  for (const auto& row : grid) width = std::max(width, row.size());

  // A first row with text in it holds the cohort names.
  bool has_header = false;
  for (const Cell& cell : grid[0]) has_header = has_header || (!cell.text.empty() && !read_number(cell.text));
  std::size_t first_column = 0;
  if (width >= 2) {
    auto first = column_of(grid, 0);
    if (has_header) first.erase(first.begin());
    if (is_period_index(first)) first_column = 1;
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
      if (!cells.front().text.empty()) name = cells.front().text.substr(0, max_scenario_name_length);
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
      auto value = read_number(cell.text);
      if (!value) {
        MessageArguments arguments = where(cell);
        arguments.push_back(text_argument("value", cell.text.substr(0, 20)));
        add_error("cohort_cell_not_number", std::move(arguments));
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
        {number_argument("counts", table.longest_periods() + 1), number_argument("needed", min_cohort_periods)});
  if (table.survivors.size() > max_cohorts)
    add("too_many_cohorts", {number_argument("max", max_cohorts), number_argument("count", count(table.survivors.size()))});
  for (std::size_t c = 0; c < table.survivors.size() && c < max_cohorts; ++c) {
    const auto& n = table.survivors[c];
    const std::string name = c < table.names.size() ? table.names[c] : "Cohort " + std::to_string(c + 1);
    const MessageArgument cohort = text_argument("cohort", name);
    if (n.size() < 2) {
      add("cohort_only_start", {cohort});
      continue;
    }
    if (n.size() > static_cast<std::size_t>(max_cohort_periods) + 1) {
      add("cohort_too_long", {cohort, number_argument("max", max_cohort_periods)});
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
