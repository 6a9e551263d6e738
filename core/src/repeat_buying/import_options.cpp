#include "retention/repeat_buying/import_options.hpp"

#include "common/option_fields.hpp"

namespace retention {

using options::choice;
using options::column;

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
