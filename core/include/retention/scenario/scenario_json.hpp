#pragma once
// Versioned JSON form of a ScenarioDocument. Parsing never throws: a malformed document,
// a wrong type, a missing or unknown field, or a value out of range all come back as
// FieldErrors naming the field.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

Result<ScenarioDocument> parse_scenario_document(std::string_view json_text);
Result<ScenarioDocument> scenario_document_from_json(const nlohmann::json& document);

// Canonical form: every baseline field, and only the changes a scenario sets.
nlohmann::json scenario_document_to_json(const ScenarioDocument& document);

const char* to_string(Period period);
const char* to_string(Timing timing);
const char* to_string(ClvBasis basis);

}  // namespace retention
