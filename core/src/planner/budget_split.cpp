#include "retention/planner/budget_split.hpp"

#include <cmath>

#include "retention/planner/plan_projection.hpp"

namespace retention {

double extra_customers_from_spend(const BudgetSplit& s, double cac, double spend) {
  if (spend <= 0) return 0;
  if (cac <= 0) return s.max_new_customers_per_period;  // free customers: the ceiling binds at once
  return s.max_new_customers_per_period * -std::expm1(-spend / (s.max_new_customers_per_period * cac));
}

double leavers_kept_from_spend(const BudgetSplit& s, double spend) {
  if (spend <= 0) return 0;
  return s.max_churn_reduction_percent / 100 * -std::expm1(-spend / s.half_effect_spend_per_period * std::log(2.0));
}

namespace {

// The plan inputs for a base: the retention side as one program, acquisition as extra customers.
PlanInputs split_base(const Assumptions& a) {
  PlanInputs in;
  in.base = projection_inputs(a);
  in.hazard = tenure_hazards(*a.survival(), !a.retention_curve, a.horizon_periods);
  in.programs.resize(1);
  return in;
}

// Puts `acquisition_share` of the budget into `in` (made by split_base).
void apply_split(PlanInputs& in, const Assumptions& a, const BudgetSplit& s, double share) {
  const double acquisition = s.budget_per_period * share, retention = s.budget_per_period - acquisition;
  in.programs[0].fixed_cost_per_period = retention;
  in.programs[0].churn_reduction = leavers_kept_from_spend(s, retention);
  in.extra_new_customers.assign(a.horizon_periods, extra_customers_from_spend(s, a.cac, acquisition));
  in.extra_spend.assign(a.horizon_periods, acquisition);
}

}  // namespace

double profit_with_split(const Assumptions& a, const BudgetSplit& s, double share) {
  PlanInputs in = split_base(a);
  apply_split(in, a, s, share);
  PlanProjection out;
  project_plan(in, out);
  return out.cumulative_discounted_profit.back();
}

BudgetSplitResult optimise_budget_split(const Assumptions& a, const BudgetSplit& s) {
  BudgetSplitResult r;
  PlanInputs in = split_base(a);  // built once: the search evaluates about 140 splits
  PlanProjection out;
  auto profit = [&](double share) {
    apply_split(in, a, s, share);
    project_plan(in, out);
    return out.cumulative_discounted_profit.back();
  };
  constexpr int steps = 100;
  std::size_t best = 0;
  for (int i = 0; i <= steps; ++i) {
    r.acquisition_share.push_back(static_cast<double>(i) / steps);
    r.profit.push_back(profit(r.acquisition_share.back()));
    if (r.profit.back() > r.profit[best]) best = static_cast<std::size_t>(i);
  }
  // The response curves are smooth and concave, so the profit has one peak near the best
  // grid point; golden-section search narrows it to a millionth of the budget.
  double lo = best == 0 ? 0 : r.acquisition_share[best - 1];
  double hi = best == steps ? 1 : r.acquisition_share[best + 1];
  const double golden = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo);
  double f1 = profit(x1), f2 = profit(x2);
  while (hi - lo > 1e-7) {
    if (f1 < f2) {
      lo = x1; x1 = x2; f1 = f2; x2 = lo + golden * (hi - lo); f2 = profit(x2);
    } else {
      hi = x2; x2 = x1; f2 = f1; x1 = hi - golden * (hi - lo); f1 = profit(x1);
    }
  }
  r.best_share = (lo + hi) / 2;
  r.best_profit = profit(r.best_share);
  if (r.profit[best] > r.best_profit) {  // a grid end beats the interior search
    r.best_share = r.acquisition_share[best];
    r.best_profit = r.profit[best];
  }
  const double acquisition = s.budget_per_period * r.best_share;
  r.best_extra_customers_per_period = extra_customers_from_spend(s, a.cac, acquisition);
  r.best_leavers_kept = leavers_kept_from_spend(s, s.budget_per_period - acquisition);
  BudgetSplit none = s;
  none.budget_per_period = 0;
  r.profit_without_budget = profit_with_split(a, none, 0);
  return r;
}

}  // namespace retention
