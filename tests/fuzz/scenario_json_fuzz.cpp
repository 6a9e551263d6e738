// libFuzzer target: any bytes as a scenario document. Parsing must never crash or throw; a
// document that parses must evaluate to a report whose JSON values are all finite (null only
// where the report means "none"; tests/core/json_checks.hpp) and whose CSV is whole,
// and its strategy plan, if any, to finite answers.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention/calculator/evaluate.hpp"
#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_evaluation.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "../core/json_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  retention::Result<retention::Report> report = retention::evaluate_json(text);
  if (!report.ok()) {
    for (const auto& error : report.errors())
      if (error.message.empty()) std::abort();  // every error must say something
    retention::to_json_text(retention::errors_to_json(report.errors()));
    return 0;
  }
  if (!retention::testing::report_summary_problems(retention::report_summary_to_json(report.value())).empty())
    std::abort();
  // The canonical document must parse back to itself.
  const auto again = retention::parse_scenario_document(
      retention::to_json_text(retention::scenario_document_to_json(report.value().document)));
  if (!again.ok()) std::abort();
  retention::projection_csv(report.value());
  for (double value : report.value().baseline.projection.active_customers)
    if (!std::isfinite(value)) std::abort();
  // A valid plan must be answered with finite numbers, by the planner and its Monte Carlo.
  if (report.value().document.plan) {
    retention::ScenarioDocument document = report.value().document;
    document.plan->draws = 100;  // the fuzzer's budget, not the user's
    const auto plan = retention::evaluate_plan(document);
    const auto simulation = retention::simulate_plan(document);
    if (!plan.ok() || !simulation.ok()) std::abort();
    if (!std::isfinite(plan.value().combined.net_gain)) std::abort();
    for (double value : simulation.value().cumulative_gain.p50)
      if (!std::isfinite(value)) std::abort();
  }
  return 0;
}
