#include "retention/transaction_log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "retention/separator.hpp"

namespace retention {
namespace {

constexpr std::size_t max_bad_rows_kept = 5;
constexpr std::size_t max_line_length = 100'000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '"' || text.front() == '\''))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '"' ||
                           text.back() == '\''))
    text.remove_suffix(1);
  return text;
}

// Splits a line into at most `max_fields` cells. A quoted cell may hold the separator
// ("1,200.00" in a comma-separated file); the quotes are trimmed.
int split(std::string_view line, char separator, std::string_view* cells, int max_fields) {
  int count = 0;
  std::size_t i = 0;
  if (separator == ' ') {
    while (i < line.size() && count < max_fields) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i >= line.size()) break;
      std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      cells[count++] = trim(line.substr(start, i - start));
    }
    return count;
  }
  std::size_t start = 0;
  while (count < max_fields) {
    std::size_t from = start;
    while (from < line.size() && line[from] == ' ') ++from;
    if (from < line.size() && line[from] == '"') {  // the separator search starts after the closing quote
      const std::size_t close = line.find('"', from + 1);
      if (close != std::string_view::npos) from = close;
    }
    std::size_t end = line.find(separator, from);
    cells[count++] = trim(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return count;
}

// A plain decimal number (optionally signed, with a leading currency sign or thousands commas);
// written by hand because musl's strtod in wasm works in software long double and is slow.
std::optional<double> parse_amount(std::string_view text) {
  if (!text.empty() && (text.front() == '$')) text.remove_prefix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 40) return std::nullopt;
  double whole = 0, fraction = 0, scale = 1;
  bool digits = false, in_fraction = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits = true;
      if (in_fraction) fraction = fraction * 10 + (c - '0'), scale *= 10;
      else whole = whole * 10 + (c - '0');
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else if (c == ',' && !in_fraction) {
      continue;  // thousands separator
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  const double value = whole + fraction / scale;
  return negative ? -value : value;
}

// Up to three numbers of a date, and how they were written.
struct DateParts {
  int first = 0, second = 0, third = 0;
  bool compact = false;       // yyyymmdd
  bool year_first = false;    // yyyy-mm-dd
};

std::optional<DateParts> split_date(std::string_view text) {
  // Ignore a time of day after the date ("1997-01-01 10:32" or "1997-01-01T10:32").
  if (auto cut = text.find_first_of(" T"); cut != std::string_view::npos && cut >= 8) text = text.substr(0, cut);
  DateParts parts;
  if (text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    parts.compact = true;
    parts.first = std::atoi(std::string(text.substr(0, 4)).c_str());
    parts.second = (text[4] - '0') * 10 + (text[5] - '0');
    parts.third = (text[6] - '0') * 10 + (text[7] - '0');
    return parts;
  }
  int values[3] = {0, 0, 0}, lengths[3] = {0, 0, 0}, index = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (lengths[index] >= 4) return std::nullopt;
      values[index] = values[index] * 10 + (c - '0');
      ++lengths[index];
    } else if ((c == '-' || c == '/' || c == '.') && lengths[index] > 0 && index < 2) {
      ++index;
    } else {
      return std::nullopt;
    }
  }
  if (index != 2 || lengths[2] == 0) return std::nullopt;
  parts.first = values[0], parts.second = values[1], parts.third = values[2];
  parts.year_first = lengths[0] == 4;
  if (!parts.year_first && lengths[2] != 4) return std::nullopt;  // two-digit years are too ambiguous
  return parts;
}

bool valid_civil(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days_in_month[month - 1] + (month == 2 && leap);
}

}  // namespace

Preview preview_rows(std::string_view text, int max_rows) {
  Preview preview;
  bool detected = false;
  std::size_t start = 0;
  while (start < text.size() && static_cast<int>(preview.rows.size()) < max_rows) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (trim(line).empty() || line.size() > max_line_length) continue;
    if (!detected) preview.separator = detect_separator(line), detected = true;
    std::string_view cells[64];
    const int count = split(line, preview.separator, cells, 64);
    std::vector<std::string> row;
    for (int i = 0; i < count; ++i) row.emplace_back(cells[i].substr(0, 40));
    preview.rows.push_back(std::move(row));
  }
  return preview;
}

std::int32_t days_from_civil(int y, int m, int d) {
  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(std::int32_t z, int& year, int& month, int& day) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = y + (month <= 2);
}

std::string iso_date(std::int32_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char text[40];  // room for any int the compiler can imagine
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
  return text;
}

struct TransactionLogReader::State {
  TransactionColumns columns;
  std::string carry;  // an unfinished last line
  std::int64_t line_number = 0;
  bool first_data_line_seen = false;
  TransactionLog log;
  std::unordered_map<std::string, std::int32_t> ids;
  // Dates of day/month order not yet known are kept as their parts until finish() decides.
  std::vector<DateParts> pending_dates;
  bool any_first_above_12 = false, any_second_above_12 = false;

  void bad(std::string_view code, MessageArguments arguments = {}) {
    ++log.rows_bad;
    if (log.first_bad_rows.size() < max_bad_rows_kept)
      log.first_bad_rows.push_back({line_number, make_message(code, std::move(arguments))});
  }

  void line(std::string_view text) {
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (trim(text).empty()) return;
    if (text.size() > max_line_length) {
      ++log.rows_read;
      bad("row_too_long");
      return;
    }
    if (columns.separator == 0) columns.separator = detect_separator(text);
    std::string_view cells[64];
    const int needed = std::max({columns.customer, columns.date, columns.amount}) + 1;
    const int count = split(text, columns.separator, cells, 64);

    if (!first_data_line_seen) {
      first_data_line_seen = true;
      const bool date_reads = count > columns.date && split_date(cells[columns.date]).has_value();
      if (columns.header == HeaderRow::present || (columns.header == HeaderRow::automatic && !date_reads)) {
        log.had_header = true;
        return;
      }
    }
    ++log.rows_read;
    if (count < needed) {
      bad("row_too_few_columns", {number_argument("count", count), number_argument("needed", needed)});
      return;
    }
    const std::string_view id = cells[columns.customer];
    if (id.empty()) {
      bad("row_customer_empty");
      return;
    }
    auto parts = split_date(cells[columns.date]);
    if (!parts) {
      bad("row_not_a_date", {text_argument("value", std::string(cells[columns.date].substr(0, 20)))});
      return;
    }
    double amount = 0;
    if (columns.amount >= 0) {
      auto value = parse_amount(cells[columns.amount]);
      if (!value || !std::isfinite(*value)) {
        bad("row_not_an_amount", {text_argument("value", std::string(cells[columns.amount].substr(0, 20)))});
        return;
      }
      amount = *value;
    }
    if (!accept_date(*parts)) return;
    auto [it, inserted] = ids.try_emplace(std::string(id), static_cast<std::int32_t>(log.customer_ids.size()));
    if (inserted) log.customer_ids.emplace_back(id);
    log.customer.push_back(it->second);
    log.amount.push_back(amount);
  }

  // Converts the date now when its order is known, else keeps its parts for finish().
  bool accept_date(const DateParts& parts) {
    DateFormat format = columns.date_format;
    if (format == DateFormat::automatic) {
      if (parts.compact) format = DateFormat::year_month_day_compact;
      else if (parts.year_first) format = DateFormat::year_month_day;
      // One file, one date format: the first date decides between year-first and the others.
      const bool decided_year_first = log.date_format != DateFormat::automatic;
      if ((format != DateFormat::automatic && !pending_dates.empty()) || (format == DateFormat::automatic && decided_year_first)) {
        bad("row_date_style_changed");
        return false;
      }
    }
    int y = 0, m = 0, d = 0;
    switch (format) {
      case DateFormat::year_month_day_compact:
      case DateFormat::year_month_day: y = parts.first, m = parts.second, d = parts.third; break;
      case DateFormat::day_month_year: d = parts.first, m = parts.second, y = parts.third; break;
      case DateFormat::month_day_year: m = parts.first, d = parts.second, y = parts.third; break;
      case DateFormat::automatic: {
        // dd/mm/yyyy or mm/dd/yyyy: decided at the end from a part above 12.
        if (parts.first < 1 || parts.second < 1 || parts.first > 31 || parts.second > 31 ||
            (parts.first > 12 && parts.second > 12) || parts.third < 1900 || parts.third > 2200) {
          bad("row_not_a_date", {text_argument("value", std::to_string(parts.first) + "/" + std::to_string(parts.second) +
                                                         "/" + std::to_string(parts.third))});
          return false;
        }
        any_first_above_12 = any_first_above_12 || parts.first > 12;
        any_second_above_12 = any_second_above_12 || parts.second > 12;
        pending_dates.push_back(parts);
        log.day.push_back(0);  // filled in by finish()
        return true;
      }
    }
    if (!valid_civil(y, m, d)) {
      bad("row_not_a_date", {text_argument("value", std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d))});
      return false;
    }
    if (log.date_format == DateFormat::automatic) log.date_format = format;
    log.day.push_back(days_from_civil(y, m, d));
    return true;
  }
};

TransactionLogReader::TransactionLogReader(TransactionColumns columns) : state_(std::make_unique<State>()) {
  state_->columns = columns;
}
TransactionLogReader::~TransactionLogReader() = default;
TransactionLogReader::TransactionLogReader(TransactionLogReader&&) noexcept = default;
TransactionLogReader& TransactionLogReader::operator=(TransactionLogReader&&) noexcept = default;

void TransactionLogReader::feed(std::string_view chunk) {
  State& s = *state_;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = chunk.find('\n', start);
    if (end == std::string_view::npos) break;
    if (s.carry.empty()) {
      s.line(chunk.substr(start, end - start));
    } else {
      s.carry.append(chunk.substr(start, end - start));
      s.line(s.carry);
      s.carry.clear();
    }
    start = end + 1;
  }
  if (s.carry.size() < max_line_length + 2) s.carry.append(chunk.substr(start, std::min(chunk.size() - start, max_line_length + 2)));
}

Result<TransactionLog> TransactionLogReader::finish() {
  State& s = *state_;
  if (!s.carry.empty()) {
    s.line(s.carry);
    s.carry.clear();
  }
  const std::string field = "transactions";
  if (!s.pending_dates.empty()) {
    if (s.any_first_above_12 && s.any_second_above_12)
      return field_error(field, "dates_mixed_order");
    if (!s.any_first_above_12 && !s.any_second_above_12)
      return field_error(field, "dates_ambiguous",
                         {text_argument("example", std::to_string(s.pending_dates.front().first) + "/" +
                                                       std::to_string(s.pending_dates.front().second) + "/" +
                                                       std::to_string(s.pending_dates.front().third))});
    const bool day_first = s.any_first_above_12;
    s.log.date_format = day_first ? DateFormat::day_month_year : DateFormat::month_day_year;
    // Pending dates were pushed in order, each with a placeholder day; fill them in and drop
    // any that are not real dates (31 April).
    std::size_t pending = 0, kept = 0;
    for (std::size_t i = 0; i < s.log.day.size(); ++i) {
      const DateParts& p = s.pending_dates[pending++];
      const int d = day_first ? p.first : p.second, m = day_first ? p.second : p.first;
      if (!valid_civil(p.third, m, d)) {
        ++s.log.rows_bad;
        continue;
      }
      s.log.day[kept] = days_from_civil(p.third, m, d);
      s.log.customer[kept] = s.log.customer[i];
      s.log.amount[kept] = s.log.amount[i];
      ++kept;
    }
    s.log.day.resize(kept), s.log.customer.resize(kept), s.log.amount.resize(kept);
  }
  if (s.log.day.empty()) {
    if (s.log.first_bad_rows.empty()) return field_error(field, "no_transactions");
    // The first bad row's reason is a term rendered with its own arguments.
    const BadRow& first = s.log.first_bad_rows.front();
    MessageArguments arguments = first.reason.arguments;
    arguments.push_back(number_argument("line", static_cast<double>(first.line)));
    arguments.push_back(term_argument("reason", first.reason.code));
    return field_error(field, "no_transactions_line", std::move(arguments));
  }
  return std::move(s.log);
}

}  // namespace retention
