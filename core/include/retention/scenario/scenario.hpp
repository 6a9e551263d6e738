#pragma once
// The scenario document: the one source of truth for a calculation. The same document
// (as versioned JSON, see scenario_json.hpp) serves import/export, share links and embedding.
#include <optional>
#include <string>
#include <vector>

#include "retention/common/limits.hpp"
#include "retention/cohorts/curve_uncertainty.hpp"
#include "retention/cohorts/sbg_parameters.hpp"
#include "retention/planner/strategy_plan.hpp"
#include "retention/scenario/analysis_settings.hpp"

namespace retention {

enum class Period { month, year };

// When a period's margin arrives (see docs/model.md): web calculators disagree by
// exactly one period's margin because they never say, so the user picks and the page shows it.
enum class Timing {
  start_of_period,         // paid in advance, first margin on acquisition: m(1+d)/(1+d-r)
  end_of_period,           // paid in arrears by everyone active in the period: m/(1+d-r)
  end_of_period_retained,  // paid at period end only by those retained: m r/(1+d-r)
};

// Which CLV the headline, LTV:CAC, sensitivity and targets use.
enum class ClvBasis { lifetime, horizon };

// A named set of changes to the baseline. Unset fields keep the baseline value.
struct ScenarioChange {
  std::string name;
  std::optional<double> churn_change_points;   // -1 turns 5% churn into 4%
  std::optional<double> churn_change_percent;  // -20 turns 5% churn into 4%
  std::optional<double> revenue_per_customer;
  std::optional<double> cac;
  std::optional<double> retention_spend_per_customer;
  std::optional<double> new_customers_per_period;
};

struct ScenarioDocument {
  // Version 2 added the strategy plan, version 3 the analyst panels' settings; older documents
  // (without them) still load.
  static constexpr int current_version = 3;
  static constexpr int oldest_version = 1;

  std::string currency = "USD";
  Period period = Period::month;
  double revenue_per_customer = 50;
  double gross_margin_percent = 80;
  double churn_percent = 5;
  double annual_discount_rate_percent = 10;
  double cac = 300;
  double retention_spend_per_customer = 2;
  // The user's assumption of how many churn points the retention spend buys (churn would be
  // this much higher without it); it prices "the cost to keep one customer".
  double churn_reduction_from_retention_spend_points = 1;
  double starting_customers = 1000;
  double new_customers_per_period = 100;
  int horizon_periods = 36;
  Timing timing = Timing::start_of_period;
  ClvBasis clv_basis = ClvBasis::lifetime;
  bool payback_discounted = false;
  double target_ltv_to_cac = 3;
  std::optional<double> target_clv;  // unset: the page does not ask for a churn target
  // A retention curve fitted to the user's cohorts; when set it replaces constant churn, and
  // scenario churn changes move every period's churn (points) or scale it (%).
  std::optional<SbgParameters> retention_curve;
  std::optional<CurveUncertainty> retention_curve_uncertainty;  // unset: the curve is taken as exact
  std::vector<ScenarioChange> scenarios;
  std::optional<StrategyPlan> plan;
  std::optional<AnalysisSettings> analysis;  // unset: the panels' defaults
};

inline constexpr int max_horizon_periods = 600;
inline constexpr std::size_t max_scenarios = 8;
inline constexpr std::size_t max_scenario_name_length = 60;
inline constexpr double max_amount = max_money_amount;  // any amount of money in the document

// What a first-time visitor sees: the defaults plus one clearly named example scenario, so
// the comparison views have something to compare.
inline ScenarioDocument example_scenario_document() {
  ScenarioDocument document;
  ScenarioChange example;
  example.name = "Example: loyalty programme";
  example.churn_change_points = -1;
  example.retention_spend_per_customer = 4;
  document.scenarios.push_back(example);
  return document;
}

// Periods per year, for turning the annual discount rate into a per-period one.
inline int periods_per_year(Period period) { return period == Period::month ? 12 : 1; }

}  // namespace retention
