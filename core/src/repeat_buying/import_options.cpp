#include "retention/repeat_buying/import_options.hpp"

#include <initializer_list>
#include <string>

namespace retention {
namespace {

constexpr int max_column = 999;

// The value as the user would see it in a message: its JSON, cut to 40 characters. One function,
// not inlined into every check (the serializer is large).
std::string shown_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace).substr(0, 40);
}

// The index of the option's value among the named choices (0, the default, when it is left out);
// anything else is an error naming the key and the choices.
std::size_t choice(const nlohmann::json& options, const char* key, std::initializer_list<const char*> names,
                   FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return 0;
  std::string allowed;
  std::size_t index = 0;
  for (const char* name : names) {
    if (it->is_string() && it->get_ref<const std::string&>() == name) return index;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    ++index;
  }
  errors.push_back(field_error(key, "import_option_invalid",
                               {text_argument("key", key), text_argument("allowed", allowed), text_argument("got", shown_json(*it))}));
  return 0;
}

int column(const nlohmann::json& options, const char* key, int fallback, int lowest, FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return fallback;
  if (it->is_number_integer() && it->get<long long>() >= lowest && it->get<long long>() <= max_column)
    return static_cast<int>(it->get<long long>());
  errors.push_back(field_error(key, "import_column_invalid",
                               {text_argument("key", key), number_argument("low", lowest), number_argument("high", max_column),
                                text_argument("got", shown_json(*it))}));
  return fallback;
}

}  // namespace

Result<TransactionColumns> transaction_columns_from_json(const nlohmann::json& options) {
  if (!options.is_object()) return field_error("", "import_options_not_object");
  TransactionColumns c;
  FieldErrors errors;
  c.customer = column(options, "customer", c.customer, 0, errors);
  c.date = column(options, "date", c.date, 0, errors);
  c.amount = column(options, "amount", c.amount, -1, errors);  // -1: no amount column
  // Each list in the order of its enum's values, the default first.
  constexpr HeaderRow headers[] = {HeaderRow::automatic, HeaderRow::present, HeaderRow::absent};
  c.header = headers[choice(options, "header", {"automatic", "present", "absent"}, errors)];
  constexpr DateFormat formats[] = {DateFormat::automatic, DateFormat::year_month_day, DateFormat::day_month_year,
                                    DateFormat::month_day_year};
  c.date_format = formats[choice(options, "date_format", {"automatic", "ymd", "dmy", "mdy"}, errors)];
  constexpr DecimalMark marks[] = {DecimalMark::automatic, DecimalMark::point, DecimalMark::comma};
  c.decimal_mark = marks[choice(options, "decimal_mark", {"automatic", "point", "comma"}, errors)];
  c.locale_decimal_mark = marks[choice(options, "locale_decimal_mark", {"automatic", "point", "comma"}, errors)];
  constexpr ExportKind kinds[] = {ExportKind::automatic, ExportKind::generic, ExportKind::shopify_orders};
  c.kind = kinds[choice(options, "export", {"automatic", "generic", "shopify_orders"}, errors)];
  constexpr OrderAmount amounts[] = {OrderAmount::total, OrderAmount::subtotal};
  c.order_amount = amounts[choice(options, "order_amount", {"total", "subtotal"}, errors)];
  if (!errors.empty()) return errors;
  return c;
}

}  // namespace retention
