#pragma once
// Reports as JSON (everything but the projection columns, which cross the wasm boundary as
// typed arrays) and the projection as CSV for download.
#include <string>

#include <initializer_list>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "retention/calculator/evaluate.hpp"
#include "retention/common/result.hpp"
#include "retention/numerics/quantile.hpp"

namespace retention {

// A value, or null when there is none.
template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// An object from its members: the json that {{"key", value}, ...} gives, without nlohmann's
// initializer-list constructor, which inlines a test of every member for being a key-value pair
// (less code in the page's module).
nlohmann::json json_object(std::initializer_list<std::pair<const char*, nlohmann::json>> members);

// A CLV whose lifetime sum does not settle is infinite; it is written as an explicit null (the
// page says "unbounded"), never left for the serializer to turn into null unnoticed.
nlohmann::json finite_or_null(double value);
// A band as {p10, p50, p90}.
nlohmann::json interval_to_json(const Interval& band);

nlohmann::json report_summary_to_json(const Report& report);
nlohmann::json errors_to_json(const FieldErrors& errors);
// {code, args, message}: a message the page can say in the reader's language.
nlohmann::json message_to_json(const Message& message);

// Names of the projection columns, in the order projection_columns() returns them.
const std::vector<const char*>& projection_column_names();
std::vector<const std::vector<double>*> projection_columns(const Projection& projection);

// One row per scenario and period: scenario, period, then every projection column.
std::string projection_csv(const Report& report);

// JSON text that never throws, even for text that is not valid UTF-8.
std::string to_json_text(const nlohmann::json& value);

}  // namespace retention
