#pragma once
// Cohort retention analysis: fit the sBG model to a survivor table, compare it with constant
// churn fitted to the same counts, check it on held-out periods, and value a customer under both.
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"

namespace retention {

struct CohortSeries {
  // Index t = 0..periods: survival pooled over the cohorts observed at t, the sBG curve and the
  // constant-churn curve. Retention columns start at t = 1 (index 0 is t = 1).
  std::vector<double> observed_survival, fitted_survival, geometric_survival;
  std::vector<double> observed_retention, fitted_retention;
  // Held-out periods (after calibration): survivors actual and predicted by each model.
  std::vector<double> holdout_period, holdout_actual, holdout_sbg, holdout_geometric;
};

struct CustomerValueComparison {
  double clv_sbg = 0, clv_geometric = 0;  // on the scenario's margin, discount, timing and basis
  std::optional<double> derl_sbg;         // new customer (n = 1), per unit of margin
  double derl_geometric = 0;
  std::optional<double> expected_lifetime_sbg;  // undiscounted; none when the mean is infinite
  double expected_lifetime_geometric = 0;
};

struct CohortAnalysis {
  CohortTable table;
  SbgFit fit;
  double geometric_churn = 0;
  CohortSeries series;
  std::optional<double> holdout_error_percent_sbg, holdout_error_percent_geometric;  // mean absolute % error
  CustomerValueComparison value;
};

// `valuation` supplies the margin, discount, timing and CLV basis; `calibration_periods` 0
// fits on every period, K fits on periods 1..K and holds out the rest.
Result<CohortAnalysis> analyse_cohorts(const CohortTable& table, const ScenarioDocument& valuation,
                                       int calibration_periods);

// The page's entry point: table text as pasted, the calculator's scenario for valuation.
Result<CohortAnalysis> analyse_cohort_text(std::string_view table_text, CohortLayout layout, int calibration_periods,
                                           std::string_view scenario_json);

nlohmann::json cohort_analysis_to_json(const CohortAnalysis& analysis);

}  // namespace retention
