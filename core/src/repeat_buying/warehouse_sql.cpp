#include "retention/repeat_buying/warehouse_sql.hpp"

#include <cctype>
#include <cstdio>

#include "common/option_fields.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "retention/text/date_time.hpp"

namespace retention {
namespace {

// Letters, digits and _, in parts separated by single dots (schema.table), not starting with a digit.
bool plain_identifier(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  bool part_start = true;
  for (char c : name) {
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
      continue;
    }
    const bool letter = std::isalpha(static_cast<unsigned char>(c)) || c == '_';
    if (!(letter || (!part_start && std::isdigit(static_cast<unsigned char>(c))))) return false;
    part_start = false;
  }
  return !part_start;
}

// Each dialect's words for a date literal, whole days between two dates, and a double.
struct DialectWords {
  std::string date_literal, day_difference, real;
};

std::string days_between(SqlDialect d, const std::string& later, const std::string& earlier) {
  switch (d) {
    case SqlDialect::bigquery: return "DATE_DIFF(" + later + ", " + earlier + ", DAY)";
    case SqlDialect::spark: return "DATEDIFF(" + later + ", " + earlier + ")";
    case SqlDialect::snowflake: return "DATEDIFF('day', " + earlier + ", " + later + ")";
    default: return "(" + later + " - " + earlier + ")";
  }
}

const char* real_type(SqlDialect d) {
  switch (d) {
    case SqlDialect::postgres: return "DOUBLE PRECISION";
    case SqlDialect::bigquery: return "FLOAT64";
    default: return "DOUBLE";
  }
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

Result<WarehouseQuery> warehouse_query_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return field_error("", "import_options_not_object");
  WarehouseQuery q;
  FieldErrors errors;
  constexpr SqlDialect dialects[] = {SqlDialect::duckdb, SqlDialect::postgres, SqlDialect::bigquery, SqlDialect::spark,
                                     SqlDialect::snowflake};
  q.dialect = dialects[options::choice(j, "dialect", {"duckdb", "postgres", "bigquery", "spark", "snowflake"}, errors)];
  constexpr double units[] = {7, 1, 365.25 / 12};
  q.days_per_unit = units[options::choice(j, "time_unit", {"week", "day", "month"}, errors)];
  for (auto [key, target, optional] : {std::tuple{"table", &q.table, false}, {"customer", &q.customer, false},
                                       {"date", &q.date, false}, {"amount", &q.amount, true}}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    const bool text = it->is_string();
    if (text && ((optional && it->get_ref<const std::string&>().empty()) || plain_identifier(it->get<std::string>())))
      *target = it->get<std::string>();
    else
      errors.push_back(field_error(key, "sql_name_invalid", {text_argument("key", key), text_argument("got", options::shown_json(*it))}));
  }
  const auto end = j.find("calibration_end");
  const std::optional<std::int64_t> day = end != j.end() && end->is_string() && end->get_ref<const std::string&>().size() == 10
                                              ? parse_instant(end->get_ref<const std::string&>()) : std::nullopt;
  if (day) q.calibration_end_day = static_cast<std::int32_t>(*day / 86400);
  else errors.push_back(field_error("calibration_end", "calibration_end_invalid"));
  if (!errors.empty()) return errors;
  return q;
}

std::string warehouse_summary_sql(const WarehouseQuery& q) {
  const SqlDialect d = q.dialect;
  const std::string end = d == SqlDialect::snowflake ? "TO_DATE('" + iso_date(q.calibration_end_day) + "')"
                                                     : "DATE '" + iso_date(q.calibration_end_day) + "'";
  const std::string real = real_type(d), unit = number_text(q.days_per_unit);
  const std::string amount = q.amount.empty() ? "0" : q.amount;
  const std::string per_unit = [&](const std::string& later, const std::string& earlier) {
    return "CAST(" + days_between(d, later, earlier) + " AS " + real + ") / " + unit;
  }("last_day", "first_day");
  const std::string age = "CAST(" + days_between(d, end, "first_day") + " AS " + real + ") / " + unit;
  return "-- The per-customer summary the repeat-buying models fit, compressed: one row per distinct\n"
         "-- (x, t_x, T, spend) and how many customers have it. Calibration ends " + iso_date(q.calibration_end_day) +
         "; times in units of " + unit + " days.\n"
         "WITH purchases AS (  -- refunds (negative amounts) are no purchases\n"
         "  SELECT " + q.customer + " AS customer, CAST(" + q.date + " AS DATE) AS day, CAST(" + amount + " AS " + real + ") AS amount\n"
         "  FROM " + q.table + "\n"
         "  WHERE " + q.customer + " IS NOT NULL AND " + amount + " >= 0 AND CAST(" + q.date + " AS DATE) <= " + end + "\n"
         "),\n"
         "purchase_days AS (  -- purchases on the same day count once, their amounts added\n"
         "  SELECT customer, day, SUM(amount) AS amount, MIN(day) OVER (PARTITION BY customer) AS customer_first_day\n"
         "  FROM purchases\n"
         "  GROUP BY customer, day\n"
         "),\n"
         "customers AS (\n"
         "  SELECT customer, COUNT(*) - 1 AS x, MIN(day) AS first_day, MAX(day) AS last_day,\n"
         "         SUM(CASE WHEN day > customer_first_day THEN amount ELSE 0 END) AS repeat_amount\n"
         "  FROM purchase_days\n"
         "  GROUP BY customer\n"
         "),\n"
         "summary AS (\n"
         "  SELECT x, " + per_unit + " AS t_x, " + age + " AS T,\n"
         "         CASE WHEN x > 0 THEN repeat_amount / x ELSE 0 END AS spend\n"
         "  FROM customers\n"
         ")\n"
         "SELECT x, t_x, T, spend, COUNT(*) AS customers\n"
         "FROM summary\n"
         "GROUP BY x, t_x, T, spend\n"
         "ORDER BY x, t_x, T, spend;\n";
}

}  // namespace retention
