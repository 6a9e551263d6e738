#include "retention/calculator/projection.hpp"

#include <cmath>

namespace retention {
namespace {

// Walks the periods once and hands each period's figures to `visit`. Active customers in
// period k are N0*S(k) + n*(S(0)+...+S(k)): a running sum of S keeps it O(horizon) for any
// curve. Cash timing matches customer_lifetime_value, so one customer, no CAC, gives its CLV.
template <class Visit>
void walk_periods(const ProjectionInputs& in, const SurvivalCurve& curve, Visit visit) {
  const double log_discount = std::log1p(in.discount_rate);
  const bool paid_at_end = in.timing != Timing::start_of_period;
  double survival_now = curve.survival(0);
  double survival_sum = 0;
  double cumulative = 0;
  for (int k = 0; k < in.horizon_periods; ++k) {
    const double survival_next = curve.survival(k + 1);
    survival_sum += survival_now;
    const double from_base = in.starting_customers * survival_now;
    const double active = from_base + in.new_customers_per_period * survival_sum;
    const double churned = in.starting_customers * (survival_now - survival_next) +
                           in.new_customers_per_period * (1 - survival_next);  // sum of cohort losses
    const double at_end = active - churned;
    const double paying = in.timing == Timing::end_of_period_retained ? at_end : active;
    const double revenue = paying * in.revenue_per_customer;
    const double gross = revenue * in.gross_margin;
    const double retention = paying * in.retention_spend_per_customer;
    const double acquisition = in.new_customers_per_period * in.cac;
    cumulative += (gross - retention) * std::exp(-(paid_at_end ? k + 1 : k) * log_discount) -
                  acquisition * std::exp(-k * log_discount);
    visit(active, from_base, churned, at_end, revenue, gross, acquisition, retention, cumulative);
    survival_now = survival_next;
  }
}

}  // namespace

Projection project(const ProjectionInputs& in, const SurvivalCurve& curve) {
  Projection p;
  auto reserve = [&](std::vector<double>& column) { column.reserve(in.horizon_periods); };
  for (auto* column : {&p.active_customers, &p.from_starting_base, &p.new_customers, &p.churned,
                       &p.customers_at_end, &p.revenue, &p.gross_profit, &p.acquisition_cost, &p.retention_cost,
                       &p.profit, &p.cumulative_discounted_profit})
    reserve(*column);
  walk_periods(in, curve,
               [&](double active, double from_base, double churned, double at_end, double revenue, double gross,
                   double acquisition, double retention, double cumulative) {
                 p.active_customers.push_back(active);
                 p.from_starting_base.push_back(from_base);
                 p.new_customers.push_back(in.new_customers_per_period);
                 p.churned.push_back(churned);
                 p.customers_at_end.push_back(at_end);
                 p.revenue.push_back(revenue);
                 p.gross_profit.push_back(gross);
                 p.acquisition_cost.push_back(acquisition);
                 p.retention_cost.push_back(retention);
                 p.profit.push_back(gross - acquisition - retention);
                 p.cumulative_discounted_profit.push_back(cumulative);
               });
  return p;
}

double cumulative_discounted_profit(const ProjectionInputs& in, const SurvivalCurve& curve) {
  double last = 0;
  walk_periods(in, curve, [&](double, double, double, double, double, double, double, double, double cumulative) {
    last = cumulative;
  });
  return last;
}

}  // namespace retention
