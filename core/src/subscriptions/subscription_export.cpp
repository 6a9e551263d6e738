#include "retention/subscriptions/subscription_export.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "retention/common/limits.hpp"
#include "retention/text/csv_records.hpp"
#include "retention/text/date_time.hpp"
#include "retention/text/decimal_number.hpp"
#include "retention/text/header_columns.hpp"
#include "retention/text/text_decoder.hpp"

namespace retention {
namespace {

constexpr std::size_t max_bad_rows_kept = 5;
constexpr std::size_t max_value_shown = 20;  // bytes of a cell quoted in a message
constexpr double average_days_per_month = 365.25 / 12;

std::string shown(std::string_view cell) { return std::string(utf8_prefix(cell, max_value_shown)); }

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Months one billing interval lasts ("month", "year", "week", "day", and the adjectives).
std::optional<double> interval_months(std::string_view text) {
  const std::string word = lower(text);
  if (word.empty() || word == "month" || word == "monthly" || word == "months") return 1.0;
  if (word == "year" || word == "yearly" || word == "annual" || word == "annually" || word == "years") return 12.0;
  if (word == "week" || word == "weekly" || word == "weeks") return 7 / average_days_per_month;
  if (word == "day" || word == "daily" || word == "days") return 1 / average_days_per_month;
  return std::nullopt;
}

// Where a recognised export keeps each field (-1: not in this export).
struct NamedColumns {
  int customer = -1, start = -1, end = -1, amount = -1, interval = -1, interval_count = -1, quantity = -1, currency = -1;
  int status = -1, trial_end = -1, canceled_at = -1, current_period_end = -1;
  std::vector<int> mentioned;  // instants that say how far the file reaches
  bool amount_in_cents = false;
};

}  // namespace

SubscriptionExportKind recognise_subscription_export(const std::vector<std::string_view>& header) {
  if (column_named(header, {"customer_oid"}) >= 0 && column_named(header, {"subscription_started_at"}) >= 0 &&
      column_named(header, {"plan_amount"}) >= 0)
    return SubscriptionExportKind::baremetrics;
  if (column_named(header, {"id"}) >= 0 && column_named(header, {"Customer ID"}) >= 0 &&
      column_named(header, {"Status"}) >= 0 && column_named(header, {"Start", "Start Date"}) >= 0 &&
      column_named(header, {"Interval", "Plan Interval"}) >= 0)
    return SubscriptionExportKind::stripe;
  return SubscriptionExportKind::generic;
}

struct SubscriptionReader::State {
  SubscriptionColumns columns;
  TextDecoder decoder;
  CsvRecordReader records;
  CsvRecord record;
  bool first_record_seen = false;
  NamedColumns named;
  SubscriptionLog log;
  std::unordered_map<std::string, std::int32_t> customers, currencies;
  FieldErrors errors;  // what ends the read

  explicit State(const SubscriptionColumns& chosen) : columns(chosen) {}

  void bad(std::int64_t line, std::string_view code, MessageArguments arguments = {}) {
    ++log.rows_bad;
    if (log.first_bad_rows.size() < max_bad_rows_kept) log.first_bad_rows.push_back({line, make_message(code, std::move(arguments))});
  }

  // The header of a recognised export: its columns by name, or errors naming what is missing.
  void start_export(const std::vector<std::string_view>& header) {
    NamedColumns& c = named;
    const auto need = [&](int& column, std::initializer_list<std::string_view> names) {
      column = column_named(header, names);
      if (column < 0)
        errors.push_back(field_error("subscriptions", "subscription_column_missing",
                                     {term_argument("export", log.kind == SubscriptionExportKind::stripe
                                                                  ? "export.stripe" : "export.baremetrics"),
                                      text_argument("column", std::string(*names.begin())),
                                      text_argument("headers", names_looked_for(names))}));
    };
    if (log.kind == SubscriptionExportKind::stripe) {
      need(c.customer, {"Customer ID", "Customer Email", "Customer"});
      need(c.start, {"Start", "Start Date", "Created"});
      need(c.amount, {"Amount", "Plan Amount"});
      need(c.status, {"Status"});
      need(c.end, {"Ended At"});
      c.interval = column_named(header, {"Interval", "Plan Interval"});
      c.interval_count = column_named(header, {"Interval Count", "Plan Interval Count"});
      c.quantity = column_named(header, {"Quantity"});
      c.currency = column_named(header, {"Currency", "Plan Currency"});
      c.trial_end = column_named(header, {"Trial End"});
      c.canceled_at = column_named(header, {"Canceled At"});
      c.current_period_end = column_named(header, {"Current Period End"});
      for (std::string_view name : {"Created", "Start", "Start Date", "Trial Start", "Current Period Start", "Canceled At", "Ended At"})
        if (int column = column_named(header, {name}); column >= 0) c.mentioned.push_back(column);
    } else {
      need(c.customer, {"customer_oid"});
      need(c.start, {"subscription_started_at"});
      need(c.amount, {"plan_amount"});
      need(c.end, {"subscription_canceled_at"});
      c.interval = column_named(header, {"plan_interval"});
      c.interval_count = column_named(header, {"plan_interval_count"});
      c.quantity = column_named(header, {"subscription_quantity"});
      c.currency = column_named(header, {"plan_currency", "currency"});
      c.amount_in_cents = true;
      c.mentioned = {c.start, c.end};
    }
  }

  void start_generic(const std::vector<std::string_view>& cells, bool& header_row) {
    NamedColumns& c = named;
    c.customer = columns.customer, c.start = columns.start, c.end = columns.end, c.amount = columns.amount;
    c.interval = columns.interval, c.currency = columns.currency, c.quantity = columns.quantity;
    c.mentioned = {c.start, c.end};
    header_row = !(c.start >= 0 && c.start < static_cast<int>(cells.size()) && parse_instant(cells[c.start]));
  }

  void row(const CsvRecord& r) {
    if (!errors.empty()) return;  // the read is refused anyway
    if (!first_record_seen) {
      first_record_seen = true;
      log.kind = columns.kind == SubscriptionExportKind::automatic ? recognise_subscription_export(r.cells) : columns.kind;
      if (log.kind != SubscriptionExportKind::generic) return start_export(r.cells);
      bool header_row = false;
      start_generic(r.cells, header_row);
      if (header_row) return;
    }
    ++log.rows_read;
    if (r.too_long) return bad(r.line, "row_too_long");
    const auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(r.cells.size()) ? r.cells[c] : std::string_view(); };
    const NamedColumns& c = named;
    const int needed = std::max({c.customer, c.start, c.amount}) + 1;
    if (static_cast<int>(r.cells.size()) < needed)
      return bad(r.line, "row_too_few_columns", {number_argument("count", static_cast<double>(r.cells.size())),
                                                 number_argument("needed", needed)});
    for (int column : c.mentioned)
      if (auto instant = parse_instant(cell(column))) log.latest = std::max(log.latest, *instant);

    const std::string_view customer = cell(c.customer);
    if (customer.empty()) return bad(r.line, "row_customer_empty");
    const std::string status = lower(cell(c.status));
    if (status == "incomplete" || status == "incomplete_expired") return void(++log.never_paid_rows);
    if (status == "trialing") return void(++log.in_trial_rows);

    const std::optional<std::int64_t> started = parse_instant(cell(c.start));
    if (!started) return bad(r.line, "row_not_a_date", {text_argument("value", shown(cell(c.start)))});
    std::int64_t start = *started;
    bool trial = false;
    if (!cell(c.trial_end).empty()) {
      const std::optional<std::int64_t> trial_end = parse_instant(cell(c.trial_end));
      if (!trial_end) return bad(r.line, "row_not_a_date", {text_argument("value", shown(cell(c.trial_end)))});
      if (*trial_end > start) start = *trial_end, trial = true;  // it counts from its first paid period
    }
    std::int64_t end = still_active;
    // Gone at the end of the paid period; a canceled row without it ends when its period did.
    std::string_view end_text = cell(c.end);
    if (end_text.empty() && status == "canceled") end_text = !cell(c.current_period_end).empty() ? cell(c.current_period_end) : cell(c.canceled_at);
    if (!end_text.empty()) {
      const std::optional<std::int64_t> ended = parse_instant(end_text);
      if (!ended) return bad(r.line, "row_not_a_date", {text_argument("value", shown(end_text))});
      end = *ended;
    } else if (status == "canceled") {
      return bad(r.line, "subscription_no_end");
    }
    if (end <= start) {
      if (trial && end >= *started) return void(++log.never_paid_rows);  // ended within its trial
      return bad(r.line, "subscription_ends_before_start");
    }

    double amount = 0;
    if (!read_number(cell(c.amount), amount)) return bad(r.line, "row_not_an_amount", {text_argument("value", shown(cell(c.amount)))});
    if (amount < 0) return bad(r.line, "subscription_amount_negative", {text_argument("value", shown(cell(c.amount)))});
    if (c.amount_in_cents) amount /= 100;
    if (amount > max_money_amount) return bad(r.line, "row_amount_too_large", {text_argument("value", shown(cell(c.amount))), number_argument("max", max_money_amount)});
    double quantity = 1;
    if (!cell(c.quantity).empty() && (!read_number(cell(c.quantity), quantity) || quantity < 0 || quantity > max_money_amount))
      return bad(r.line, "subscription_quantity_invalid", {text_argument("value", shown(cell(c.quantity)))});
    const std::optional<double> months = interval_months(cell(c.interval));
    if (!months) return bad(r.line, "subscription_interval_invalid", {text_argument("value", shown(cell(c.interval)))});
    double count = 1;
    if (!cell(c.interval_count).empty() && (!read_number(cell(c.interval_count), count) || count < 1 || count > 1000 || count != std::floor(count)))
      return bad(r.line, "subscription_interval_invalid", {text_argument("value", shown(cell(c.interval_count)))});
    if (amount * quantity == 0) return void(++log.free_rows);

    Subscription s;
    s.customer = index_of(customers, log.customer_ids, customer);
    std::string currency;
    for (char ch : cell(c.currency))
      if (!std::isspace(static_cast<unsigned char>(ch))) currency += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    s.currency = index_of(currencies, log.currencies, currency);
    s.start = start, s.end = end, s.line = r.line;
    s.monthly_amount = amount * quantity / (*months * count);
    log.subscriptions.push_back(s);
  }

  // A number as billing systems write it: a decimal point, thousands grouped or not, a currency
  // sign allowed; a decimal comma where that is the only reading (29,00).
  static bool read_number(std::string_view text, double& value) {
    const NumberReadings readings = read_number_readings(text);
    if (readings.kind == NumberReadings::Kind::not_a_number) return false;
    value = readings.kind == NumberReadings::Kind::comma_only ? readings.with_comma : readings.with_point;
    return true;
  }

  static std::int32_t index_of(std::unordered_map<std::string, std::int32_t>& index, std::vector<std::string>& names,
                               std::string_view name) {
    auto [it, inserted] = index.try_emplace(std::string(name), static_cast<std::int32_t>(names.size()));
    if (inserted) names.emplace_back(name);
    return it->second;
  }

  void read_records() {
    while (records.next(record)) row(record);
  }
};

SubscriptionReader::SubscriptionReader(SubscriptionColumns columns) : state_(std::make_unique<State>(columns)) {}
SubscriptionReader::~SubscriptionReader() = default;
SubscriptionReader::SubscriptionReader(SubscriptionReader&&) noexcept = default;
SubscriptionReader& SubscriptionReader::operator=(SubscriptionReader&&) noexcept = default;

void SubscriptionReader::feed(std::string_view bytes) {
  state_->records.feed(state_->decoder.decode(bytes));
  state_->read_records();
}

Result<SubscriptionLog> SubscriptionReader::finish() {
  state_->records.feed(state_->decoder.finish());
  state_->read_records();
  state_->records.finish();
  state_->read_records();
  if (!state_->errors.empty()) return state_->errors;
  SubscriptionLog& log = state_->log;
  if (log.subscriptions.empty()) {
    if (!log.first_bad_rows.empty()) {
      const BadRow& first = log.first_bad_rows.front();
      MessageArguments arguments = first.reason.arguments;
      arguments.push_back(number_argument("line", static_cast<double>(first.line)));
      arguments.push_back(term_argument("reason", first.reason.code));
      return field_error("subscriptions", "no_subscriptions_line", std::move(arguments));
    }
    return field_error("subscriptions", "no_subscriptions",
                       {number_argument("free", static_cast<double>(log.free_rows)),
                        number_argument("never_paid", static_cast<double>(log.never_paid_rows)),
                        number_argument("in_trial", static_cast<double>(log.in_trial_rows))});
  }
  return std::move(log);
}

Result<SubscriptionLog> read_subscriptions(std::string_view bytes, SubscriptionColumns columns) {
  SubscriptionReader reader(columns);
  reader.feed(bytes);
  return reader.finish();
}

}  // namespace retention
