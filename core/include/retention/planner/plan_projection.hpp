#pragma once
// The projection with retention programs running: like project(), but churn, revenue and
// win-back change with calendar time (programs ramp up), so each acquisition cohort is walked
// at its own tenure. With no programs and no extras it equals project().
#include <optional>
#include <vector>

#include "retention/planner/program_effects.hpp"
#include "retention/calculator/projection.hpp"
#include "retention/calculator/survival.hpp"

namespace retention {

struct PlanInputs {
  ProjectionInputs base;
  // Churn by tenure: hazard[j] is the churn in a customer's (j+1)-th period. One entry means
  // constant churn, which needs no cohorts at all.
  std::vector<double> hazard;
  std::vector<ProgramValues> programs;
  // Customers bought outside the CAC (the same money spent on acquisition, or a budget), per
  // period, with what they cost; empty means none.
  std::vector<double> extra_new_customers;
  std::vector<double> extra_spend;
};

struct PlanProjection {
  std::vector<double> active_customers;  // served in the period, including won-back customers
  std::vector<double> won_back;
  std::vector<double> program_cost;  // programs and extra spend
  std::vector<double> profit;
  std::vector<double> cumulative_profit;
  std::vector<double> cumulative_discounted_profit;
  double discounted_program_cost = 0;
  std::vector<double> cohorts;  // scratch, kept to avoid allocating on every Monte Carlo draw
};

// Hazards for project_plan from a survival curve; `constant` gives the one-entry form.
std::vector<double> tenure_hazards(const SurvivalCurve& curve, bool constant, int horizon);

// Fills `out` (resizing it once), so repeated calls do not allocate.
void project_plan(const PlanInputs& in, PlanProjection& out);

// The first period at which the cumulative profit with the programs is back to that of
// `without` (a projection of the same inputs without programs), walking no further than needed;
// nullopt when nothing is spent or it does not happen within the horizon.
std::optional<int> payback_period(const PlanInputs& in, const PlanProjection& without, bool discounted,
                                  std::vector<double>& scratch);

}  // namespace retention
