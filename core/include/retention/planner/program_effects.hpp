#pragma once
// How retention programs act in one period: their effects ramp up linearly and combine
// multiplicatively, so two programs that each keep 20% of leavers keep 36%, not 40%, and no
// combination can push churn below zero.
#include <span>
#include <vector>

#include "retention/planner/strategy_plan.hpp"

namespace retention {

// One program's values as fractions (a plan's likely values, or one Monte Carlo draw).
struct ProgramValues {
  double fixed_cost_per_period = 0;
  double cost_per_customer_per_period = 0;
  double churn_reduction = 0;  // share of would-be leavers kept
  double revenue_uplift = 0;
  double win_back = 0;  // share of last period's leavers won back
  int ramp_up_periods = 0;
};

ProgramValues likely_values(const Program& program);

// Share of its full effect a program has in period `period` (1 = the first period it runs).
double ramp_share(int ramp_up_periods, int period);

struct PeriodEffects {
  double churn_multiplier = 1;    // churn x (1 - e1 s1) x (1 - e2 s2) ...
  double revenue_multiplier = 1;  // revenue x (1 + u1 s1) x (1 + u2 s2) ...
  double win_back = 0;            // 1 - (1 - w1 s1) x (1 - w2 s2) ...
  double fixed_cost = 0;          // costs are paid in full from the first period
  double cost_per_customer = 0;
};

PeriodEffects effects_in_period(std::span<const ProgramValues> programs, int period);

}  // namespace retention
