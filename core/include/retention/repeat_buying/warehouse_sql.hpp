#pragma once
// The query that turns a table of orders where the data lives (a warehouse of a billion rows that
// can never come to a browser) into the compressed per-customer summary the repeat-buying models
// fit: one row per distinct (x, t_x, T, spend) with the number of customers who have it, exactly
// as summarise_customers and compress_with_spend compute it here (purchases on the same day count
// once; negative amounts are refunds and left out; spend is the mean of the repeat days' amounts).
// Written for DuckDB, PostgreSQL, BigQuery, Spark SQL and Snowflake.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"

namespace retention {

enum class SqlDialect { duckdb, postgres, bigquery, spark, snowflake };

struct WarehouseQuery {
  SqlDialect dialect = SqlDialect::duckdb;
  std::string table = "orders", customer = "customer_id", date = "ordered_at", amount = "amount";  // amount "": none
  std::int32_t calibration_end_day = 0;  // days since 1970-01-01, inclusive
  double days_per_unit = 7;
};

// {dialect, table, customer, date, amount, calibration_end ("yyyy-mm-dd"), time_unit ("day",
// "week", "month")}; names must be plain identifiers (letters, digits, _ and dots between
// parts, as the warehouse itself would accept them unquoted), so the query can carry no surprise.
Result<WarehouseQuery> warehouse_query_from_json(const nlohmann::json& options);

std::string warehouse_summary_sql(const WarehouseQuery& query);

}  // namespace retention
