#pragma once
// What a retention program (or all of them together) is worth against doing nothing: its net
// gain, when it pays back, its ROI, and the ROI of spending the same money on acquisition at
// the current CAC instead.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retention/calculator/assumptions.hpp"
#include "retention/planner/budget_split.hpp"
#include "retention/planner/funnel.hpp"
#include "retention/planner/plan_projection.hpp"
#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

struct ProgramOutcome {
  std::string name;
  double discounted_cost = 0;  // the programs' spend, discounted
  double net_gain = 0;         // discounted profit with the programs minus without, after their cost
  std::optional<double> roi;   // net_gain / discounted_cost; nullopt when they cost nothing
  // First period at which the cumulative gain is back to zero or above (discounted when the
  // document's payback is); nullopt: not within the horizon, or nothing was spent.
  std::optional<int> payback_period;
  std::optional<double> acquisition_net_gain;  // the same money on acquisition; nullopt when CAC is 0
  std::optional<double> acquisition_roi;
  double extra_customers_at_horizon = 0;
  std::optional<double> clv;  // a customer's CLV with the programs at full effect; nullopt: infinite
};

// The baseline's plan inputs for an Assumptions value (no programs).
PlanInputs plan_inputs(const Assumptions& a);

// Scratch projections, reused across calls.
struct OutcomeWork {
  PlanProjection with, alternative;
};

struct OutcomeOptions {
  bool acquisition_alternative = true;
  bool clv = true;
};

// `without` is project_plan(plan_inputs(a)); `programs` run on top of it.
ProgramOutcome program_outcome(const Assumptions& a, const PlanInputs& baseline, const PlanProjection& without,
                               std::span<const ProgramValues> programs, OutcomeWork& work, OutcomeOptions options = {});

// clv_on_basis(a), but with a fitted curve on the lifetime basis and only scaled churn in closed
// form where that is accurate: a Monte Carlo draw values one, a series of thousands of terms
// otherwise. (The page's calculator, built for size, keeps the series.)
double plan_clv(const Assumptions& a);

// A customer's CLV on the document's basis with the programs at full effect (win-back is
// counted in the projection, as returning customers, not here); nullopt when infinite.
std::optional<double> clv_with_programs(const Assumptions& a, std::span<const ProgramValues> programs);

struct PlanReport {
  std::vector<ProgramOutcome> programs;  // each alone
  ProgramOutcome combined;
  std::optional<double> baseline_clv;
  PlanProjection without_plan, with_plan;
  std::vector<double> cumulative_gain;  // discounted, per period
  std::optional<FunnelResult> funnel;
  std::optional<BudgetSplitResult> budget_split;
};

Result<PlanReport> evaluate_plan(const ScenarioDocument& document);

}  // namespace retention
