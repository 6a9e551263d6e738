#include "retention/planner/plan_evaluation.hpp"

#include <cmath>

#include "retention/cohorts/sbg_lifetime_sum.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {

PlanInputs plan_inputs(const Assumptions& a) {
  PlanInputs in;
  in.base = projection_inputs(a);
  in.hazard = tenure_hazards(*a.survival(), !a.retention_curve, a.horizon_periods);
  return in;
}

double plan_clv(const Assumptions& a) {
  if (a.retention_curve && a.clv_basis == ClvBasis::lifetime && a.churn_shift == 0) {
    // Scaling the sBG's hazards alpha/(alpha+beta+t-1) gives another sBG, alpha' = scale alpha with
    // the same alpha+beta, as long as none is clamped (the first is the largest).
    const SbgParameters p = *a.retention_curve;
    const double alpha = a.churn_scale * p.alpha, beta = p.alpha + p.beta - alpha;
    const double d = a.discount_rate(), margin = a.margin_per_period();
    if (alpha > 0 && beta > 0 && margin != 0) {
      // The three timings' sums of customer_lifetime_value (docs/model.md).
      if (const auto sum = sbg_discounted_lifetime({alpha, beta}, d)) {
        switch (a.timing) {
          case Timing::start_of_period: return margin * *sum;
          case Timing::end_of_period: return margin * *sum / (1 + d);
          case Timing::end_of_period_retained: return margin * (*sum - 1);
        }
      }
    }
  }
  return clv_on_basis(a);
}

std::optional<double> clv_with_programs(const Assumptions& base, std::span<const ProgramValues> programs) {
  // The programs' combination rule at full effect: every ramp-up is over by then.
  const PeriodEffects full = effects_in_period(programs, max_ramp_up_periods);
  Assumptions a = base;
  a.churn_scale *= full.churn_multiplier;
  a.revenue_per_customer *= full.revenue_multiplier;
  a.retention_spend_per_customer += full.cost_per_customer;
  const double clv = plan_clv(a);
  return std::isfinite(clv) ? std::optional<double>(clv) : std::nullopt;
}

ProgramOutcome program_outcome(const Assumptions& a, const PlanInputs& baseline, const PlanProjection& without,
                               std::span<const ProgramValues> programs, OutcomeWork& work, OutcomeOptions options) {
  PlanInputs in = baseline;
  in.programs.assign(programs.begin(), programs.end());
  project_plan(in, work.with);
  ProgramOutcome o;
  const auto horizon = without.active_customers.size();
  o.discounted_cost = work.with.discounted_program_cost;
  o.net_gain = work.with.cumulative_discounted_profit.back() - without.cumulative_discounted_profit.back();
  if (o.discounted_cost > 0) o.roi = o.net_gain / o.discounted_cost;
  o.extra_customers_at_horizon = work.with.active_customers.back() - without.active_customers.back();
  if (o.discounted_cost > 0) {
    const auto& with_sum = a.payback_discounted ? work.with.cumulative_discounted_profit : work.with.cumulative_profit;
    const auto& without_sum = a.payback_discounted ? without.cumulative_discounted_profit : without.cumulative_profit;
    for (std::size_t k = 0; k < horizon && !o.payback_period; ++k)
      if (with_sum[k] - without_sum[k] >= 0) o.payback_period = static_cast<int>(k) + 1;
  }
  if (options.acquisition_alternative && a.cac > 0 && o.discounted_cost > 0) {
    // The same money, period by period, buys customers at the current CAC instead.
    PlanInputs alternative = baseline;
    alternative.extra_spend = work.with.program_cost;
    alternative.extra_new_customers.resize(horizon);
    for (std::size_t k = 0; k < horizon; ++k) alternative.extra_new_customers[k] = work.with.program_cost[k] / a.cac;
    project_plan(alternative, work.alternative);
    o.acquisition_net_gain =
        work.alternative.cumulative_discounted_profit.back() - without.cumulative_discounted_profit.back();
    o.acquisition_roi = *o.acquisition_net_gain / work.alternative.discounted_program_cost;
  }
  if (options.clv) o.clv = clv_with_programs(a, programs);
  return o;
}

Result<PlanReport> evaluate_plan(const ScenarioDocument& document) {
  FieldErrors errors = validate(document);
  if (!errors.empty()) return errors;
  PlanReport r;
  const Assumptions a = baseline_assumptions(document);
  const PlanInputs baseline = plan_inputs(a);
  project_plan(baseline, r.without_plan);
  const double baseline_clv = clv_on_basis(a);
  if (std::isfinite(baseline_clv)) r.baseline_clv = baseline_clv;
  const StrategyPlan plan = document.plan.value_or(StrategyPlan{});
  std::vector<ProgramValues> all;
  OutcomeWork work;
  for (const Program& p : plan.programs) {
    all.push_back(likely_values(p));
    r.programs.push_back(program_outcome(a, baseline, r.without_plan, std::span(&all.back(), 1), work));
    r.programs.back().name = p.name;
  }
  r.combined = program_outcome(a, baseline, r.without_plan, all, work);
  r.with_plan = work.with;
  r.cumulative_gain.resize(r.with_plan.cumulative_discounted_profit.size());
  for (std::size_t k = 0; k < r.cumulative_gain.size(); ++k)
    r.cumulative_gain[k] = r.with_plan.cumulative_discounted_profit[k] - r.without_plan.cumulative_discounted_profit[k];
  if (plan.funnel) r.funnel = funnel_cac(*plan.funnel);
  if (plan.budget_split) r.budget_split = optimise_budget_split(a, *plan.budget_split);
  return r;
}

}  // namespace retention
