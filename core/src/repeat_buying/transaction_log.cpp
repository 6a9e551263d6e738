#include "retention/repeat_buying/transaction_log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "retention/text/csv_records.hpp"
#include "retention/common/limits.hpp"
#include "retention/text/text_decoder.hpp"

namespace retention {
namespace {

constexpr std::size_t max_bad_rows_kept = 5;
constexpr std::size_t max_value_shown = 20;  // bytes of a cell quoted in a message

// A cell as the user typed it, short enough for a message.
std::string shown(std::string_view cell) { return std::string(utf8_prefix(cell, max_value_shown)); }

// Up to three numbers of a date, and how they were written.
struct DateParts {
  int first = 0, second = 0, third = 0;
  bool compact = false;       // yyyymmdd
  bool year_first = false;    // yyyy-mm-dd
  char separator = '/';
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
      parts.separator = c;
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


// A day/month date whose order is decided at the end, with where it was.
struct PendingDate {
  DateParts parts;
  std::int64_t line = 0;
};

// The date of a pending day/month date as the user would read it once the order is known.
std::string padded_date(const DateParts& p) {
  char text[48];
  std::snprintf(text, sizeof text, "%02d%c%02d%c%04d", p.first, p.separator, p.second, p.separator, p.third);
  return text;
}

MessageArgument mark_argument(std::string_view name, DecimalMark mark) {
  return term_argument(name, mark == DecimalMark::comma ? "decimal_mark.comma" : "decimal_mark.point");
}

}  // namespace

Preview preview_rows(std::string_view bytes, int max_rows, bool complete) {
  Preview preview;
  TextDecoder decoder;
  CsvRecordReader records;
  CsvRecord record;
  auto take = [&] {
    while (static_cast<int>(preview.rows.size()) < max_rows && records.next(record)) {
      std::vector<std::string> row;
      if (preview.rows.empty()) preview.kind = recognise_export(record.cells);  // every header, not the first 64
      for (std::size_t i = 0; i < record.cells.size() && i < 64; ++i) row.emplace_back(utf8_prefix(record.cells[i], 40));
      preview.rows.push_back(std::move(row));
    }
  };
  records.feed(decoder.decode(bytes));
  take();
  if (complete) {
    records.feed(decoder.finish());
    take();
    records.finish();
    take();
  }
  if (records.separator() != 0) preview.separator = records.separator();
  return preview;
}

bool valid_civil(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days_in_month[month - 1] + (month == 2 && leap);
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
  TextDecoder decoder;
  CsvRecordReader records;
  CsvRecord record;
  bool first_record_seen = false;
  TransactionLog log;
  std::unordered_map<std::string, std::int32_t> ids;
  FieldErrors errors;  // what ends the read
  bool refused = false;  // a recognised export without a column it needs: nothing more is read
  // A Shopify export's order names seen (a map of the ids' type: one instantiation fewer in wasm).
  std::unordered_map<std::string, std::int32_t> orders;
  ShopifyOrderColumns shop;

  // Dates of day/month order not yet known are kept as their parts until finish() decides.
  std::vector<PendingDate> pending_dates;
  std::string first_pending_text;
  bool any_first_above_12 = false, any_second_above_12 = false;

  // The decimal mark: the user's choice, else the first amount that reads only one way.
  DecimalMark mark = DecimalMark::automatic;
  std::int64_t mark_line = 0;
  std::string mark_text;
  // Amounts read with a point while the mark is unknown that would read otherwise with a comma
  // (1,234 or 1.234): their index * 2 + 1 when the lone mark is a point.
  std::vector<std::uint64_t> either_amounts;
  std::int64_t first_either_line = 0;
  std::string first_either_text;
  std::int64_t conflict_line = 0;  // the first amount that needs the other mark
  std::string conflict_text;

  explicit State(const TransactionColumns& chosen)
      : columns(chosen), records(CsvOptions{chosen.separator, false}), mark(chosen.decimal_mark) {}

  void bad(std::int64_t line, std::string_view code, MessageArguments arguments = {}) {
    ++log.rows_bad;
    if (log.first_bad_rows.size() < max_bad_rows_kept) log.first_bad_rows.push_back({line, make_message(code, std::move(arguments))});
  }

  void read_records() {
    while (records.next(record)) row(record);
  }

  void row(const CsvRecord& r) {
    if (conflict_line != 0 || refused) return;  // the read is refused anyway
    if (r.too_long) {
      ++log.rows_read;
      bad(r.line, "row_too_long");
      return;
    }
    const std::vector<std::string_view>& cells = r.cells;
    const int count = static_cast<int>(cells.size());
    if (!first_record_seen) {
      first_record_seen = true;
      if (columns.kind == ExportKind::automatic) columns.kind = recognise_export(cells);
      if (columns.kind == ExportKind::shopify_orders) return start_shopify_orders(cells);
      log.kind = ExportKind::generic;
      const bool date_reads = count > columns.date && split_date(cells[columns.date]).has_value();
      if (columns.header == HeaderRow::present || (columns.header == HeaderRow::automatic && !date_reads)) {
        log.had_header = true;
        return;
      }
    }
    if (log.kind == ExportKind::shopify_orders && !is_shopify_purchase(cells, r.line)) return;
    if (log.kind != ExportKind::shopify_orders) ++log.rows_read;
    const int needed = std::max({columns.customer, columns.date, columns.amount}) + 1;
    if (count < needed) {
      bad(r.line, "row_too_few_columns", {number_argument("count", count), number_argument("needed", needed)});
      return;
    }
    const std::string_view id = cells[columns.customer];
    if (id.empty()) {
      bad(r.line, "row_customer_empty");
      return;
    }
    const std::string_view date_cell = cells[columns.date];
    auto parts = split_date(date_cell);
    if (!parts) {
      bad(r.line, "row_not_a_date", {text_argument("value", shown(date_cell))});
      return;
    }
    double amount = 0;
    int either = -1;  // 0: 1,234; 1: 1.234 (read with a point for now)
    if (columns.amount >= 0 && !read_amount(cells[columns.amount], r.line, amount, either)) return;
    if (!accept_date(*parts, date_cell, r.line)) return;
    auto [it, inserted] = ids.try_emplace(std::string(id), static_cast<std::int32_t>(log.customer_ids.size()));
    if (inserted) log.customer_ids.emplace_back(id);
    log.customer.push_back(it->second);
    if (either >= 0) either_amounts.push_back(log.amount.size() * 2 + static_cast<std::uint64_t>(either));
    log.amount.push_back(amount);
  }

  // The header of a Shopify orders export: its columns by name, used from here on.
  void start_shopify_orders(const std::vector<std::string_view>& header) {
    log.kind = ExportKind::shopify_orders;
    log.had_header = true;
    Result<ShopifyOrderColumns> found = shopify_order_columns(header, columns.order_amount);
    if (!found.ok()) {
      errors = found.errors();
      refused = true;
      return;
    }
    shop = found.value();
    columns.customer = shop.customer, columns.date = shop.created, columns.amount = shop.amount;
  }

  // Whether a Shopify row is an order to read as a purchase: the first row of an order not
  // refunded, voided or cancelled. The rows after it with its name are its line items.
  bool is_shopify_purchase(const std::vector<std::string_view>& cells, std::int64_t line) {
    const auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(cells.size()) ? cells[c] : std::string_view(); };
    const std::string_view order = cell(shop.order);
    if (!order.empty() && !orders.try_emplace(std::string(order), 0).second) {
      ++log.line_item_rows;
      return false;
    }
    ++log.rows_read;
    if (order.empty()) {
      bad(line, "row_order_empty");
      return false;
    }
    if (!cell(shop.cancelled_at).empty()) {
      ++log.orders_cancelled;
      return false;
    }
    if (shopify_order_refunded_or_voided(cell(shop.financial_status))) {
      ++log.orders_refunded_or_voided;
      return false;
    }
    return true;
  }

  bool read_amount(std::string_view cell, std::int64_t line, double& amount, int& either) {
    using Kind = NumberReadings::Kind;
    const NumberReadings readings = read_number_readings(cell);
    if (readings.kind == Kind::not_a_number) {
      bad(line, "row_not_an_amount", {text_argument("value", shown(cell))});
      return false;
    }
    if (mark == DecimalMark::automatic) {
      if (readings.kind == Kind::point_only || readings.kind == Kind::comma_only)
        decide(readings.kind == Kind::comma_only ? DecimalMark::comma : DecimalMark::point, line, cell);
      else if (readings.kind == Kind::either) {
        if (first_either_line == 0) first_either_line = line, first_either_text = shown(cell);
        either = readings.lone_mark == '.' ? 1 : 0;
      }
    }
    const DecimalMark reading = mark == DecimalMark::automatic ? DecimalMark::point : mark;
    if (!number_with_mark(readings, reading, amount)) {
      if (columns.decimal_mark == DecimalMark::automatic) {
        conflict_line = line, conflict_text = shown(cell);  // the file said the other mark before
      } else {
        bad(line, mark == DecimalMark::comma ? "row_amount_not_comma" : "row_amount_not_point",
            {text_argument("value", shown(cell))});
      }
      return false;
    }
    if (std::abs(amount) > max_money_amount) {
      bad(line, "row_amount_too_large", {text_argument("value", shown(cell)), number_argument("max", max_money_amount)});
      return false;
    }
    return true;
  }

  // The mark is known from here on; amounts read before with a point are read again.
  void decide(DecimalMark decided, std::int64_t line, std::string_view cell) {
    mark = decided;
    mark_line = line, mark_text = shown(cell);
    if (decided == DecimalMark::comma)
      for (std::uint64_t entry : either_amounts) {
        double& value = log.amount[static_cast<std::size_t>(entry / 2)];
        value = entry % 2 ? std::round(value * 1000) : value / 1000;  // 1.234 -> 1234, 1,234 -> 1.234
      }
    either_amounts.clear();
    either_amounts.shrink_to_fit();
  }

  // Converts the date now when its order is known, else keeps its parts for finish().
  bool accept_date(const DateParts& parts, std::string_view cell, std::int64_t line) {
    DateFormat format = columns.date_format;
    if (format == DateFormat::automatic) {
      if (parts.compact) format = DateFormat::year_month_day_compact;
      else if (parts.year_first) format = DateFormat::year_month_day;
      // One file, one date format: the first date decides between year-first and the others.
      const bool decided_year_first = log.date_format != DateFormat::automatic;
      if ((format != DateFormat::automatic && !pending_dates.empty()) || (format == DateFormat::automatic && decided_year_first)) {
        bad(line, "row_date_style_changed");
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
          bad(line, "row_not_a_date", {text_argument("value", shown(cell))});
          return false;
        }
        any_first_above_12 = any_first_above_12 || parts.first > 12;
        any_second_above_12 = any_second_above_12 || parts.second > 12;
        if (pending_dates.empty()) first_pending_text = shown(cell);
        pending_dates.push_back({parts, line});
        log.day.push_back(0);  // filled in by finish()
        return true;
      }
    }
    if (!valid_civil(y, m, d)) {
      bad(line, "row_not_a_date", {text_argument("value", shown(cell))});
      return false;
    }
    if (log.date_format == DateFormat::automatic) log.date_format = format;
    log.day.push_back(days_from_civil(y, m, d));
    return true;
  }

  // With no amount that decides, amounts that read both ways follow the separator or the locale.
  DecimalMark leaning_mark() const {
    const DecimalMark hint = columns.locale_decimal_mark;
    const char separator = records.separator();
    // Spreadsheets separate with a semicolon where the decimal mark is a comma, and with a comma
    // where it is a point; a tab or blanks say nothing.
    if (separator == ';') return hint == DecimalMark::point ? DecimalMark::automatic : DecimalMark::comma;
    if (separator == ',') return hint == DecimalMark::comma ? DecimalMark::automatic : DecimalMark::point;
    return hint;
  }

  void settle_decimal_mark() {
    const std::string field = "transactions";
    if (conflict_line != 0) {
      errors.push_back(field_error(field, "decimal_marks_mixed",
                                   {number_argument("line", static_cast<double>(conflict_line)), text_argument("value", conflict_text),
                                    mark_argument("mark", mark == DecimalMark::comma ? DecimalMark::point : DecimalMark::comma),
                                    number_argument("first_line", static_cast<double>(mark_line)), text_argument("first", mark_text),
                                    mark_argument("first_mark", mark)}));
      return;
    }
    if (mark == DecimalMark::automatic && !either_amounts.empty()) {
      const DecimalMark lean = leaning_mark();
      if (lean == DecimalMark::automatic) {
        errors.push_back(field_error(field, "decimal_mark_ambiguous",
                                     {text_argument("example", first_either_text),
                                      number_argument("line", static_cast<double>(first_either_line))}));
        return;
      }
      decide(lean, first_either_line, first_either_text);
    }
    log.decimal_mark = mark;
  }

  void settle_dates() {
    const std::string field = "transactions";
    if (pending_dates.empty()) return;
    if (any_first_above_12 && any_second_above_12) {
      errors.push_back(field_error(field, "dates_mixed_order"));
      return;
    }
    if (!any_first_above_12 && !any_second_above_12) {
      errors.push_back(field_error(field, "dates_ambiguous", {text_argument("example", first_pending_text)}));
      return;
    }
    const bool day_first = any_first_above_12;
    log.date_format = day_first ? DateFormat::day_month_year : DateFormat::month_day_year;
    // Pending dates were pushed in order, each with a placeholder day; fill them in and drop
    // any that are not real dates (31 April), listed with the other bad rows by line.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < log.day.size(); ++i) {
      const PendingDate& pending = pending_dates[i];
      const DateParts& p = pending.parts;
      const int d = day_first ? p.first : p.second, m = day_first ? p.second : p.first;
      if (!valid_civil(p.third, m, d)) {
        ++log.rows_bad;
        const BadRow row{pending.line, make_message("row_not_a_date", {text_argument("value", padded_date(p))})};
        auto at = std::upper_bound(log.first_bad_rows.begin(), log.first_bad_rows.end(), row.line,
                                   [](std::int64_t line, const BadRow& other) { return line < other.line; });
        log.first_bad_rows.insert(at, row);
        if (log.first_bad_rows.size() > max_bad_rows_kept) log.first_bad_rows.pop_back();
        continue;
      }
      log.day[kept] = days_from_civil(p.third, m, d);
      log.customer[kept] = log.customer[i];
      log.amount[kept] = log.amount[i];
      ++kept;
    }
    log.day.resize(kept), log.customer.resize(kept), log.amount.resize(kept);
  }

  // Once every amount is read with its mark: refunds out of the transactions (a refund is not a
  // purchase, and cannot be matched to the order it returns), then customers left with no
  // transaction out of the ids.
  void separate_refunds() {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < log.day.size(); ++i) {
      if (log.amount[i] < 0) {
        ++log.refunds;
        log.refund_total += log.amount[i];
        continue;
      }
      log.day[kept] = log.day[i], log.customer[kept] = log.customer[i], log.amount[kept] = log.amount[i];
      ++kept;
    }
    log.day.resize(kept), log.customer.resize(kept), log.amount.resize(kept);

    std::vector<std::int32_t> renumbered(log.customer_ids.size(), -1);
    for (std::int32_t c : log.customer) renumbered[static_cast<std::size_t>(c)] = 0;
    std::int32_t next = 0;
    for (std::size_t c = 0; c < renumbered.size(); ++c) {
      if (renumbered[c] < 0) continue;
      renumbered[c] = next;
      if (static_cast<std::size_t>(next) != c) log.customer_ids[static_cast<std::size_t>(next)] = std::move(log.customer_ids[c]);
      ++next;
    }
    log.customer_ids.resize(static_cast<std::size_t>(next));
    for (std::int32_t& c : log.customer) c = renumbered[static_cast<std::size_t>(c)];
  }
};

TransactionLogReader::TransactionLogReader(TransactionColumns columns) : state_(std::make_unique<State>(columns)) {}
TransactionLogReader::~TransactionLogReader() = default;
TransactionLogReader::TransactionLogReader(TransactionLogReader&&) noexcept = default;
TransactionLogReader& TransactionLogReader::operator=(TransactionLogReader&&) noexcept = default;

void TransactionLogReader::feed(std::string_view bytes) {
  State& s = *state_;
  s.records.feed(s.decoder.decode(bytes));
  s.read_records();
}

Result<TransactionLog> TransactionLogReader::finish() {
  State& s = *state_;
  s.records.feed(s.decoder.finish());
  s.read_records();
  s.records.finish();
  s.read_records();
  // Amounts first: a day/month date found invalid below drops its row, and the amounts to read
  // again are known by their row.
  s.settle_decimal_mark();
  s.settle_dates();
  if (!s.errors.empty()) return std::move(s.errors);
  s.separate_refunds();
  const std::string field = "transactions";
  if (s.log.day.empty() && s.log.refunds > 0)
    return field_error(field, "only_refunds", {number_argument("count", static_cast<double>(s.log.refunds))});
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
