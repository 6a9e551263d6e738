#pragma once
// The calculator's one entry point: a scenario document in, a report out.
#include <optional>
#include <string_view>
#include <vector>

#include "retention/calculator/acquisition_vs_retention.hpp"
#include "retention/calculator/assumptions.hpp"
#include "retention/calculator/customer_value.hpp"
#include "retention/calculator/projection.hpp"
#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/calculator/sensitivity.hpp"

namespace retention {

struct ScenarioResult {
  Assumptions assumptions;
  CustomerValue value;
  AcquisitionVsRetention acquisition_vs_retention;
  Projection projection;
  double cumulative_discounted_profit = 0;  // at the horizon
  double customers_at_horizon = 0;
};

// Churn (percent) needed to reach a target, or nullopt when no churn reaches it.
struct ChurnTarget {
  double target_clv = 0;
  std::optional<double> churn_percent;
};

struct Report {
  ScenarioDocument document;  // as evaluated, for exports
  ScenarioResult baseline;
  std::vector<ScenarioResult> scenarios;  // in document order
  std::vector<SensitivityRow> sensitivity;  // of the baseline
  std::optional<ChurnTarget> churn_for_target_ltv_to_cac;  // nullopt when CAC is 0
  std::optional<ChurnTarget> churn_for_target_clv;         // nullopt when no target is set
};

Result<Report> evaluate(const ScenarioDocument& document);
Result<Report> evaluate_json(std::string_view scenario_json);

}  // namespace retention
