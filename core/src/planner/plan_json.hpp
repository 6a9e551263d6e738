#pragma once
// The "plan" object of a scenario document (version 2) in JSON, read with one error per bad field.
#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/planner/strategy_plan.hpp"

namespace retention {

StrategyPlan read_plan(const nlohmann::json& object, FieldErrors& errors);
nlohmann::json plan_to_json(const StrategyPlan& plan);

}  // namespace retention
