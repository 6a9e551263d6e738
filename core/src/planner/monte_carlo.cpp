#include "retention/planner/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include "retention/planner/plan_evaluation.hpp"
#include "retention/numerics/random.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {
namespace {

// Where each baseline range lands in an Assumptions value.
void apply_input(Assumptions& a, const Assumptions& base, const ScenarioDocument& d, std::string_view field, double v) {
  if (field == "revenue_per_customer") a.revenue_per_customer = v;
  else if (field == "gross_margin_percent") a.gross_margin = v / 100;
  else if (field == "churn_percent") {
    // With a fitted curve, churn's range scales every period's churn.
    if (base.retention_curve) a.churn_scale = d.churn_percent > 0 ? base.churn_scale * v / d.churn_percent : 1;
    else a.churn = v / 100;
  } else if (field == "annual_discount_rate_percent") a.annual_discount_rate = v / 100;
  else if (field == "cac") a.cac = d.cac > 0 ? base.cac * v / d.cac : v;  // relative to the CAC in use (it may come from the funnel)
  else if (field == "retention_spend_per_customer") a.retention_spend_per_customer = v;
  else if (field == "starting_customers") a.starting_customers = v;
  else if (field == "new_customers_per_period") a.new_customers_per_period = v;
}

double draw(const Uncertain& u, RandomStream& random, double scale) {
  return triangular(u.low, u.likely, u.high, random.uniform()) * scale;
}

Distribution summarise(std::vector<double> values) {
  Distribution d;
  d.count = static_cast<int>(values.size());
  if (values.empty()) return d;
  double sum = 0;
  for (double v : values) sum += v;
  d.mean = sum / static_cast<double>(values.size());
  d.p10 = quantile(values, 0.1);
  d.p50 = quantile(values, 0.5);
  d.p90 = quantile(values, 0.9);
  const double low = quantile(values, 0.01), high = quantile(values, 0.99);
  constexpr int bins = 20;
  for (int i = 0; i <= bins; ++i) d.bin_edges.push_back(low + (high - low) * i / bins);
  d.bin_counts.assign(bins, 0);
  for (double v : values) {
    const int bin = high > low ? static_cast<int>(std::floor((v - low) / (high - low) * bins)) : 0;
    ++d.bin_counts[std::clamp(bin, 0, bins - 1)];
  }
  return d;
}

// Per-period values of every draw, period-major so each period's draws are contiguous.
struct DrawMatrix {
  std::size_t draws;
  std::vector<double> values;
  DrawMatrix(std::size_t periods, std::size_t n) : draws(n), values(periods * n) {}
  void set(std::size_t period, std::size_t draw, double v) { values[period * draws + draw] = v; }
  // Reorders the draws within each period (the matrix is not needed afterwards).
  Band band(std::size_t periods) {
    Band b;
    for (std::size_t k = 0; k < periods; ++k) {
      const auto row = std::span(values).subspan(k * draws, draws);
      const auto q = deciles_10_50_90_counted(row);
      b.p10.push_back(q[0]);
      b.p50.push_back(q[1]);
      b.p90.push_back(q[2]);
    }
    return b;
  }
};

}  // namespace


Result<MonteCarloResult> simulate_plan(const ScenarioDocument& d) {
  FieldErrors errors = validate(d);
  if (!errors.empty()) return errors;
  const StrategyPlan plan = d.plan.value_or(StrategyPlan{});
  const Assumptions base = baseline_assumptions(d);
  const auto periods = static_cast<std::size_t>(d.horizon_periods);
  const auto draws = static_cast<std::size_t>(plan.draws);
  const std::size_t program_count = plan.programs.size();

  MonteCarloResult r;
  r.draws = plan.draws;
  r.seed = plan.seed;
  DrawMatrix with(periods, draws), without(periods, draws), gain(periods, draws);
  std::vector<double> clv, roi, net_gain;
  std::vector<int> program_paybacks(program_count, 0);
  int paybacks = 0;

  // Which baseline inputs have a range, with their low and high (likely: the input itself).
  std::vector<InputRange> ranges;
  for (auto field : rangeable_fields)
    for (const InputRange& range : plan.ranges)
      if (range.field == field) ranges.push_back(range);

  RandomStream random(plan.seed);
  std::vector<ProgramValues> values(program_count);
  PlanInputs baseline, single;
  std::vector<double> scratch;
  PlanProjection without_plan;
  OutcomeWork work;
  for (std::size_t n = 0; n < draws; ++n) {
    // Every draw takes the same number of random numbers in the same order, so a range that
    // collapses to a point changes nothing else.
    Assumptions a = base;
    for (const InputRange& range : ranges)
      apply_input(a, base, d, range.field, triangular(range.low, rangeable_value(d, range.field), range.high, random.uniform()));
    for (std::size_t i = 0; i < program_count; ++i) {
      const Program& p = plan.programs[i];
      values[i] = {draw(p.fixed_cost_per_period, random, 1), draw(p.cost_per_customer_per_period, random, 1),
                   draw(p.churn_reduction_percent, random, 0.01), draw(p.revenue_uplift_percent, random, 0.01),
                   draw(p.win_back_percent, random, 0.01), p.ramp_up_periods};
    }
    // Without ranges on the baseline, its projection is the same in every draw.
    if (n == 0 || !ranges.empty()) {
      baseline = plan_inputs(a);
      project_plan(baseline, without_plan);
      single = baseline;  // each program alone, for its own chance of paying back
      single.programs.assign(1, ProgramValues{});
    }
    const ProgramOutcome all = program_outcome(a, baseline, without_plan, values, work, {false, true});
    for (std::size_t k = 0; k < periods; ++k) {
      with.set(k, n, work.with.active_customers[k]);
      without.set(k, n, without_plan.active_customers[k]);
      gain.set(k, n, work.with.cumulative_discounted_profit[k] - without_plan.cumulative_discounted_profit[k]);
    }
    if (all.clv) clv.push_back(*all.clv);
    if (all.roi) roi.push_back(*all.roi);
    net_gain.push_back(all.net_gain);
    paybacks += all.payback_period.has_value();
    if (program_count > 1) {
      for (std::size_t i = 0; i < program_count; ++i) {
        single.programs[0] = values[i];
        program_paybacks[i] += payback_period(single, without_plan, a.payback_discounted, scratch).has_value();
      }
    } else if (program_count == 1) {
      program_paybacks[0] = paybacks;
    }
  }
  r.customers_with_plan = with.band(periods);
  r.customers_without_plan = without.band(periods);
  r.cumulative_gain = gain.band(periods);
  r.clv = summarise(std::move(clv));
  r.roi = summarise(std::move(roi));
  r.net_gain = summarise(std::move(net_gain));
  r.payback_probability = static_cast<double>(paybacks) / static_cast<double>(draws);
  for (int count : program_paybacks)
    r.program_payback_probability.push_back(static_cast<double>(count) / static_cast<double>(draws));
  return r;
}

}  // namespace retention
