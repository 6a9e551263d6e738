#include "retention/planner/plan_projection.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

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

struct CohortTotals {
  double active = 0, churned = 0;
};

// Four independent sums rather than one chain of additions, so consecutive terms need not wait
// for each other (this is the innermost loop of a Monte Carlo draw with a fitted curve).
double dot(const double* x, const double* y, std::size_t count) {
  std::array<double, 4> sum{};
  std::size_t i = 0;
  for (; i + 4 <= count; i += 4)
    for (std::size_t lane = 0; lane < 4; ++lane) sum[lane] += x[i + lane] * y[i + lane];
  for (; i < count; ++i) sum[0] += x[i] * y[i];
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

// Customers by arrival period, churned period by period at each cohort's own tenure (hazard[j] in
// its (j+1)-th period, times the period's program multiplier).
//
// A cohort that arrives once the multiplier has stopped changing (every cohort, without programs)
// only ever sees its final value M, so in period k cohort i holds n_i G(k-i), G(j) being the
// survival to tenure j under M. Together those cohorts hold sum_i n_i G(k-i) = Q(k-1) + n_k at the
// start of period k and Q(k) = sum_i n_i G(k+1-i) at its end, the difference being its churn:
// no cohort is touched one by one. Of n_i, the starting base and the steady new customers give
// Q a closed form through the running sum of G; only extra and won-back customers, which vary,
// need a dot product. The cohorts that arrive during the programs' ramp-up (none without
// programs) are churned one by one.
class CohortWalk {
 public:
  // From period `settled` (counted from 0) on, the multiplier is `final_multiplier`.
  CohortWalk(const PlanInputs& in, std::vector<double>& scratch, std::size_t settled, double final_multiplier)
      : horizon_(static_cast<std::size_t>(in.base.horizon_periods)), settled_(std::min(settled, horizon_)) {
    // Scratch: the early cohorts; the hazards reversed (in period k, cohort i's hazard[k-i] is
    // reversed[horizon-1-k+i], forward in i); the varying arrivals; G reversed (G(j) at
    // horizon - j); the running sums of G (G(1) + ... + G(j) at j).
    scratch.assign(5 * horizon_ + 2, 0.0);
    early_ = scratch.data();
    reversed_ = early_ + horizon_;
    varying_ = reversed_ + horizon_;
    survival_ = varying_ + horizon_;
    running_ = survival_ + horizon_ + 1;
    std::reverse_copy(in.hazard.begin(), in.hazard.begin() + static_cast<std::ptrdiff_t>(horizon_), reversed_);
    double g = 1, sum = 0;
    survival_[horizon_] = g;
    for (std::size_t j = 0; j < horizon_; ++j) {
      g *= 1 - std::clamp(in.hazard[j] * final_multiplier, 0.0, 1.0);
      survival_[horizon_ - 1 - j] = g;
      running_[j + 1] = sum += g;
    }
  }

  // Period k: `steady` (the starting base, new customers) and `varying` (extra, won back)
  // customers join at tenure 0, then every cohort churns.
  CohortTotals step(std::size_t k, double steady, double varying, double multiplier) {
    const double arrivals = steady + varying;
    if (k < settled_) early_[k] = arrivals;
    const double* hazard = reversed_ + (horizon_ - 1 - k);
    const std::size_t early_count = std::min(k + 1, settled_);
    std::array<double, 4> active{}, churned{};
    std::size_t i = 0;
    const auto churn = [&](std::size_t cohort, std::size_t lane) {
      const double lost = early_[cohort] * std::clamp(hazard[cohort] * multiplier, 0.0, 1.0);
      active[lane] += early_[cohort];
      churned[lane] += lost;
      early_[cohort] -= lost;
    };
    for (; i + 4 <= early_count; i += 4)
      for (std::size_t lane = 0; lane < 4; ++lane) churn(i + lane, lane);
    for (; i < early_count; ++i) churn(i, 0);
    CohortTotals totals{(active[0] + active[1]) + (active[2] + active[3]),
                        (churned[0] + churned[1]) + (churned[2] + churned[3])};
    if (k >= settled_) {
      if (k == settled_) steady_ = steady;  // the starting base is in the first period's only
      else if (k == settled_ + 1) steady_next_ = steady;
      varying_[k] = varying;
      if (varying != 0 && k < first_varying_) first_varying_ = k;
      const double at_start = held_ + arrivals;
      // sum over settled cohorts i of n_i G(k+1-i): the first one's own, the steady ones after it
      // through the running sum, and the varying ones.
      held_ = steady_ * survival_[horizon_ - (k + 1 - settled_)];
      if (k > settled_) held_ += steady_next_ * running_[k - settled_];
      if (first_varying_ <= k)
        held_ += dot(varying_ + first_varying_, survival_ + (horizon_ - 1 - k + first_varying_), k + 1 - first_varying_);
      totals.active += at_start;
      totals.churned += at_start - held_;
    }
    return totals;
  }

 private:
  std::size_t horizon_, settled_;
  std::size_t first_varying_ = static_cast<std::size_t>(-1);
  double *early_, *reversed_, *varying_, *survival_, *running_;
  double steady_ = 0, steady_next_ = 0;
  double held_ = 0;  // Q(k-1): what the settled cohorts hold at the end of the last period
};

// Walks the periods, handing each one's figures to `visit` until it returns false. `cohorts` is
// scratch space; the total discounted program cost so far goes to `discounted_cost`.
template <class Visit>
void walk_plan(const PlanInputs& in, std::vector<double>& cohorts, double& discounted_cost, Visit visit) {
  const ProjectionInputs& b = in.base;
  const auto horizon = static_cast<std::size_t>(b.horizon_periods);
  const bool constant = in.hazard.size() == 1;
  // Constant churn needs no cohorts: one pool of customers, all churning alike.
  // Every program is at full effect from period `full_from` (counted from 1) on.
  int full_from = 1;
  for (const ProgramValues& p : in.programs) full_from = std::max(full_from, p.ramp_up_periods);
  const PeriodEffects full = effects_in_period(in.programs, full_from);
  std::optional<CohortWalk> walk;
  if (constant) cohorts.assign(1, 0.0);
  else walk.emplace(in, cohorts, static_cast<std::size_t>(full_from - 1), full.churn_multiplier);
  // Discount factors carried along by multiplication: no exp per period in the Monte Carlo
  // loop, and exactly the same rounding natively and in wasm.
  const double v = 1 / (1 + b.discount_rate);
  double now = 1;
  const bool paid_at_end = b.timing != Timing::start_of_period;
  double cumulative = 0, discounted = 0, churned_before = 0;
  discounted_cost = 0;
  for (std::size_t k = 0; k < horizon; ++k) {
    const PeriodEffects e = static_cast<int>(k) + 1 >= full_from ? full : effects_in_period(in.programs, static_cast<int>(k) + 1);
    const double extra_new = in.extra_new_customers.empty() ? 0 : in.extra_new_customers[k];
    const double extra_spend = in.extra_spend.empty() ? 0 : in.extra_spend[k];
    const double won_back = churned_before * e.win_back;
    // Everyone who arrives this period (the starting base in the first) is at tenure 0.
    const double steady = (k == 0 ? b.starting_customers : 0) + b.new_customers_per_period;
    const double arrivals = steady + extra_new + won_back;
    double active = 0, churned = 0;
    if (walk) {
      const CohortTotals totals = walk->step(k, steady, extra_new + won_back, e.churn_multiplier);
      active = totals.active, churned = totals.churned;
    } else {
      cohorts[0] += arrivals;
      active = cohorts[0];
      churned = cohorts[0] * std::clamp(in.hazard[0] * e.churn_multiplier, 0.0, 1.0);
      cohorts[0] -= churned;
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
