#include "retention/planner/program_effects.hpp"

#include <algorithm>

namespace retention {

ProgramValues likely_values(const Program& p) {
  return {p.fixed_cost_per_period.likely,
          p.cost_per_customer_per_period.likely,
          p.churn_reduction_percent.likely / 100,
          p.revenue_uplift_percent.likely / 100,
          p.win_back_percent.likely / 100,
          p.ramp_up_periods};
}

double ramp_share(int ramp_up_periods, int period) {
  if (ramp_up_periods <= 0) return 1;
  return std::min(1.0, static_cast<double>(period) / ramp_up_periods);
}

PeriodEffects effects_in_period(std::span<const ProgramValues> programs, int period) {
  PeriodEffects e;
  double kept_away = 1;  // share of last period's leavers not won back
  for (const ProgramValues& p : programs) {
    const double share = ramp_share(p.ramp_up_periods, period);
    e.churn_multiplier *= 1 - p.churn_reduction * share;
    e.revenue_multiplier *= 1 + p.revenue_uplift * share;
    kept_away *= 1 - p.win_back * share;
    e.fixed_cost += p.fixed_cost_per_period;
    e.cost_per_customer += p.cost_per_customer_per_period;
  }
  e.win_back = 1 - kept_away;
  return e;
}

}  // namespace retention
