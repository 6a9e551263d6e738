#pragma once
// The "analysis" object of a scenario document (version 3) in JSON: the analyst panels' settings,
// read with one error per bad field, each value checked against its limits as it is read (and by
// check_analysis for settings built in code: validate).
#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/scenario/analysis_settings.hpp"

namespace retention {

AnalysisSettings read_analysis(const nlohmann::json& object, FieldErrors& errors);
nlohmann::json analysis_to_json(const AnalysisSettings& analysis);
void check_analysis(const AnalysisSettings& analysis, FieldErrors& errors);

}  // namespace retention
