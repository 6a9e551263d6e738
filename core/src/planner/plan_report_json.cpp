#include "retention/planner/plan_report_json.hpp"

#include "retention/text/csv_cell.hpp"
#include "retention/calculator/report_json.hpp"

namespace retention {
namespace {

using nlohmann::json;

json outcome_to_json(const ProgramOutcome& o) {
  return {{"name", o.name},
          {"discounted_cost", o.discounted_cost},
          {"net_gain", o.net_gain},
          {"roi", optional_json(o.roi)},
          {"payback_period", optional_json(o.payback_period)},
          {"acquisition_net_gain", optional_json(o.acquisition_net_gain)},
          {"acquisition_roi", optional_json(o.acquisition_roi)},
          {"extra_customers_at_horizon", o.extra_customers_at_horizon},
          {"clv", optional_json(o.clv)}};
}

json distribution_to_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"p10", d.p10},
          {"p50", d.p50},     {"p90", d.p90},   {"bin_edges", d.bin_edges}, {"bin_counts", d.bin_counts}};
}

}  // namespace

json plan_report_to_json(const PlanReport& r) {
  json programs = json::array();
  for (const ProgramOutcome& o : r.programs) programs.push_back(outcome_to_json(o));
  json out = {{"programs", std::move(programs)}, {"combined", outcome_to_json(r.combined)}, {"baseline_clv", optional_json(r.baseline_clv)}};
  if (r.funnel) {
    json steps = json::array();
    for (const FunnelStep& s : r.funnel->steps)
      steps.push_back({{"step", s.name}, {"rate_percent", s.rate_percent}, {"cac_one_point_better", s.cac_one_point_better},
                       {"cac_saving", s.cac_saving}});
    out["funnel"] = {{"aware", r.funnel->aware},
                     {"considering", r.funnel->considering},
                     {"customers_per_period", r.funnel->customers_per_period},
                     {"cac", r.funnel->cac},
                     {"steps", std::move(steps)},
                     {"step_that_moves_cac_most", r.funnel->step_that_moves_cac_most}};
  }
  if (r.budget_split) {
    const BudgetSplitResult& b = *r.budget_split;
    out["budget_split"] = {{"best_share", b.best_share},
                           {"best_profit", b.best_profit},
                           {"best_extra_customers_per_period", b.best_extra_customers_per_period},
                           {"best_leavers_kept", b.best_leavers_kept},
                           {"profit_without_budget", b.profit_without_budget},
                           {"profit_all_acquisition", b.profit.back()},
                           {"profit_all_retention", b.profit.front()}};
  }
  return out;
}

json monte_carlo_to_json(const MonteCarloResult& r) {
  return {{"draws", r.draws},
          {"seed", r.seed},
          {"payback_probability", r.payback_probability},
          {"program_payback_probability", r.program_payback_probability},
          {"clv", distribution_to_json(r.clv)},
          {"roi", distribution_to_json(r.roi)},
          {"net_gain", distribution_to_json(r.net_gain)}};
}

NamedSeries plan_series(const PlanReport& r) {
  NamedSeries out = {{"customers_without_plan", &r.without_plan.active_customers},
                     {"customers_with_plan", &r.with_plan.active_customers},
                     {"cumulative_gain", &r.cumulative_gain}};
  if (r.budget_split) {
    out.emplace_back("split_share", &r.budget_split->acquisition_share);
    out.emplace_back("split_profit", &r.budget_split->profit);
  }
  return out;
}

NamedSeries monte_carlo_series(const MonteCarloResult& r) {
  return {{"customers_with_plan_p10", &r.customers_with_plan.p10},
          {"customers_with_plan_p50", &r.customers_with_plan.p50},
          {"customers_with_plan_p90", &r.customers_with_plan.p90},
          {"customers_without_plan_p10", &r.customers_without_plan.p10},
          {"customers_without_plan_p50", &r.customers_without_plan.p50},
          {"customers_without_plan_p90", &r.customers_without_plan.p90},
          {"cumulative_gain_p10", &r.cumulative_gain.p10},
          {"cumulative_gain_p50", &r.cumulative_gain.p50},
          {"cumulative_gain_p90", &r.cumulative_gain.p90}};
}

std::string plan_csv(const PlanReport& report, const MonteCarloResult& simulation) {
  NamedSeries columns = plan_series(report);
  columns.resize(3);  // the budget split's curve is not per period
  for (const auto& column : monte_carlo_series(simulation)) columns.push_back(column);
  std::string csv = "period";
  for (const auto& [name, values] : columns) csv += std::string(",") + name;
  csv += "\r\n";
  for (std::size_t k = 0; k < columns.front().second->size(); ++k) {
    csv += std::to_string(k + 1);
    for (const auto& [name, values] : columns) csv += "," + csv_number((*values)[k]);
    csv += "\r\n";
  }
  return csv;
}

}  // namespace retention
