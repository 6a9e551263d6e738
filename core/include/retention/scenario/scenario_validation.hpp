#pragma once
// Range and consistency rules for a ScenarioDocument, shared by the JSON parser and by
// callers that build documents in code. All problems are reported at once, so the page
// can mark every bad field and keep the others.
#include <string>

#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

FieldErrors validate(const ScenarioDocument& document);

// The value of a baseline input that may be given as a range (one of rangeable_fields): the
// range's most likely value.
double rangeable_value(const ScenarioDocument& document, std::string_view field);

// The label a person sees for a JSON key, e.g. "churn_percent" -> "Churn % per period".
std::string field_label(std::string_view key);

// 1000000 -> "1,000,000", 0.25 -> "0.25": numbers as the messages show them.
std::string format_number(double value);

}  // namespace retention
