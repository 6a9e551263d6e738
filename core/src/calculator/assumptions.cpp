#include "retention/calculator/assumptions.hpp"

#include <algorithm>

#include "retention/planner/funnel.hpp"
#include "retention/calculator/lifetime_value.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"

namespace retention {

double Assumptions::discount_rate() const { return period_discount_rate(annual_discount_rate, period); }

std::unique_ptr<SurvivalCurve> Assumptions::survival() const {
  if (!retention_curve)  // constant churn stays constant under any change: keep the closed form
    return std::make_unique<GeometricSurvival>(std::clamp(churn * churn_scale + churn_shift, 0.0, 1.0));
  auto fitted = std::make_unique<SbgSurvival>(*retention_curve);
  if (churn_scale == 1 && churn_shift == 0) return fitted;
  return std::make_unique<HazardAdjustedSurvival>(std::move(fitted), churn_scale, churn_shift);
}

Assumptions baseline_assumptions(const ScenarioDocument& d) {
  Assumptions a;
  a.name = "Baseline";
  a.revenue_per_customer = d.revenue_per_customer;
  a.gross_margin = d.gross_margin_percent / 100;
  a.churn = d.churn_percent / 100;
  a.retention_curve = d.retention_curve;
  a.annual_discount_rate = d.annual_discount_rate_percent / 100;
  a.cac = d.cac;
  if (d.plan && d.plan->funnel && d.plan->funnel->use_for_cac) a.cac = funnel_cac(*d.plan->funnel).cac;
  a.retention_spend_per_customer = d.retention_spend_per_customer;
  a.churn_reduction_from_retention_spend = d.churn_reduction_from_retention_spend_points / 100;
  a.starting_customers = d.starting_customers;
  a.new_customers_per_period = d.new_customers_per_period;
  a.period = d.period;
  a.horizon_periods = d.horizon_periods;
  a.timing = d.timing;
  a.clv_basis = d.clv_basis;
  a.payback_discounted = d.payback_discounted;
  return a;
}

Assumptions scenario_assumptions(const ScenarioDocument& d, const ScenarioChange& change) {
  Assumptions a = baseline_assumptions(d);
  a.name = change.name;
  const double baseline_first_churn = a.first_period_churn();
  if (change.churn_change_points) a.churn_shift = *change.churn_change_points / 100;
  if (change.churn_change_percent) a.churn_scale = 1 + *change.churn_change_percent / 100;
  // A scenario's churn cut is credited to its retention spend: the spend now buys the baseline's
  // reduction plus the scenario's (measured on the first period, where churn is highest).
  a.churn_reduction_from_retention_spend += baseline_first_churn - a.first_period_churn();
  if (a.churn_reduction_from_retention_spend < 0) a.churn_reduction_from_retention_spend = 0;
  if (change.revenue_per_customer) a.revenue_per_customer = *change.revenue_per_customer;
  if (change.cac) a.cac = *change.cac;
  if (change.retention_spend_per_customer) a.retention_spend_per_customer = *change.retention_spend_per_customer;
  if (change.new_customers_per_period) a.new_customers_per_period = *change.new_customers_per_period;
  return a;
}

double clv_on_basis(const Assumptions& a) {
  return customer_lifetime_value(*a.survival(), a.margin_per_period(), a.discount_rate(), a.timing, a.clv_horizon());
}

ProjectionInputs projection_inputs(const Assumptions& a) {
  ProjectionInputs in;
  in.starting_customers = a.starting_customers;
  in.new_customers_per_period = a.new_customers_per_period;
  in.revenue_per_customer = a.revenue_per_customer;
  in.gross_margin = a.gross_margin;
  in.cac = a.cac;
  in.retention_spend_per_customer = a.retention_spend_per_customer;
  in.discount_rate = a.discount_rate();
  in.timing = a.timing;
  in.horizon_periods = a.horizon_periods;
  return in;
}

}  // namespace retention
