#include "retention/planner/plan_projection.hpp"

#include <algorithm>
#include <cmath>

namespace retention {

std::vector<double> tenure_hazards(const SurvivalCurve& curve, bool constant, int horizon) {
  std::vector<double> hazard(constant ? 1 : static_cast<std::size_t>(horizon));
  for (std::size_t j = 0; j < hazard.size(); ++j) hazard[j] = curve.hazard(static_cast<int>(j) + 1);
  return hazard;
}

namespace {

struct PeriodFigures {
  double active, won_back, programs, profit, cumulative, discounted;
};

// Walks the periods, handing each one's figures to `visit` until it returns false. `cohorts` is
// scratch space; the total discounted program cost so far goes to `discounted_cost`.
template <class Visit>
void walk_plan(const PlanInputs& in, std::vector<double>& cohorts, double& discounted_cost, Visit visit) {
  const ProjectionInputs& b = in.base;
  const auto horizon = static_cast<std::size_t>(b.horizon_periods);
  const bool constant = in.hazard.size() == 1;
  cohorts.assign(constant ? 1 : horizon, 0.0);
  // Discount factors carried along by multiplication: no exp per period in the Monte Carlo
  // loop, and exactly the same rounding natively and in wasm.
  const double v = 1 / (1 + b.discount_rate);
  double now = 1;
  const bool paid_at_end = b.timing != Timing::start_of_period;
  double cumulative = 0, discounted = 0, churned_before = 0;
  discounted_cost = 0;
  for (std::size_t k = 0; k < horizon; ++k) {
    const PeriodEffects e = effects_in_period(in.programs, static_cast<int>(k) + 1);
    const double extra_new = in.extra_new_customers.empty() ? 0 : in.extra_new_customers[k];
    const double extra_spend = in.extra_spend.empty() ? 0 : in.extra_spend[k];
    const double won_back = churned_before * e.win_back;
    // Everyone who arrives this period (the starting base in the first) is at tenure 0.
    cohorts[constant ? 0 : k] += (k == 0 ? b.starting_customers : 0) + b.new_customers_per_period + extra_new + won_back;
    double active = 0, churned = 0;
    for (std::size_t i = 0; i <= (constant ? 0 : k); ++i) {
      const double churn = std::clamp(in.hazard[constant ? 0 : k - i] * e.churn_multiplier, 0.0, 1.0);
      const double lost = cohorts[i] * churn;
      active += cohorts[i];
      churned += lost;
      cohorts[i] -= lost;
    }
    const double paying = b.timing == Timing::end_of_period_retained ? active - churned : active;
    const double gross = paying * b.revenue_per_customer * e.revenue_multiplier * b.gross_margin;
    const double retention = paying * b.retention_spend_per_customer;
    const double programs = e.fixed_cost + e.cost_per_customer * paying + extra_spend;
    const double acquisition = b.new_customers_per_period * b.cac;
    const double paid = paid_at_end ? now * v : now;
    const double profit = gross - retention - acquisition - programs;
    // Program money is spent at the start of the period, like acquisition money.
    discounted += (gross - retention) * paid - (acquisition + programs) * now;
    cumulative += profit;
    discounted_cost += programs * now;
    if (!visit(k, PeriodFigures{active, won_back, programs, profit, cumulative, discounted})) return;
    churned_before = churned;
    now *= v;
  }
}

}  // namespace

void project_plan(const PlanInputs& in, PlanProjection& out) {
  const auto horizon = static_cast<std::size_t>(in.base.horizon_periods);
  for (auto* column : {&out.active_customers, &out.won_back, &out.program_cost, &out.profit, &out.cumulative_profit,
                       &out.cumulative_discounted_profit})
    column->resize(horizon);
  walk_plan(in, out.cohorts, out.discounted_program_cost, [&out](std::size_t k, const PeriodFigures& f) {
    out.active_customers[k] = f.active;
    out.won_back[k] = f.won_back;
    out.program_cost[k] = f.programs;
    out.profit[k] = f.profit;
    out.cumulative_profit[k] = f.cumulative;
    out.cumulative_discounted_profit[k] = f.discounted;
    return true;
  });
}

std::optional<int> payback_period(const PlanInputs& in, const PlanProjection& without, bool discounted,
                                  std::vector<double>& scratch) {
  const PeriodEffects first = effects_in_period(in.programs, 1);
  if (first.fixed_cost <= 0 && first.cost_per_customer <= 0 && in.extra_spend.empty()) return std::nullopt;  // nothing spent
  std::optional<int> period;
  double cost = 0;
  walk_plan(in, scratch, cost, [&](std::size_t k, const PeriodFigures& f) {
    const double gain = discounted ? f.discounted - without.cumulative_discounted_profit[k]
                                   : f.cumulative - without.cumulative_profit[k];
    if (gain >= 0) period = static_cast<int>(k) + 1;
    return !period;  // stop at payback: the rest of the horizon does not change the answer
  });
  return period;
}

}  // namespace retention
