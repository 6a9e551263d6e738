#pragma once
// The "analysis" object of a scenario document (version 3) in JSON: the analyst panels' settings,
// read with one error per bad field (ranges are checked by validate, as for the baseline).
#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/scenario/analysis_settings.hpp"

namespace retention {

AnalysisSettings read_analysis(const nlohmann::json& object, FieldErrors& errors);
nlohmann::json analysis_to_json(const AnalysisSettings& analysis);

}  // namespace retention
