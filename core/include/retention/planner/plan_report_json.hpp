#pragma once
// The planner's answers as JSON (small values) and named columns (per-period series, which
// cross the wasm boundary as typed arrays).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_evaluation.hpp"

namespace retention {

nlohmann::json plan_report_to_json(const PlanReport& report);
nlohmann::json monte_carlo_to_json(const MonteCarloResult& result);

using NamedSeries = std::vector<std::pair<const char*, const std::vector<double>*>>;
// customers_without_plan, customers_with_plan, cumulative_gain, and the budget split's curve.
NamedSeries plan_series(const PlanReport& report);
// <name>_p10, _p50, _p90 for customers_with_plan, customers_without_plan and cumulative_gain.
NamedSeries monte_carlo_series(const MonteCarloResult& result);

// One row per period: the plan's series with the most likely values, then their Monte Carlo bands.
std::string plan_csv(const PlanReport& report, const MonteCarloResult& simulation);

}  // namespace retention
