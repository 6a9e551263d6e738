#pragma once
// Period-by-period projection of the customer base: the starting base plus one acquisition
// cohort per period, each decaying along the same survival curve.
#include <vector>

#include "retention/scenario/scenario.hpp"
#include "retention/calculator/survival.hpp"

namespace retention {

struct ProjectionInputs {
  double starting_customers = 0;
  double new_customers_per_period = 0;
  double revenue_per_customer = 0;
  double gross_margin = 0;  // fraction
  double cac = 0;
  double retention_spend_per_customer = 0;
  double discount_rate = 0;  // per period, fraction
  Timing timing = Timing::start_of_period;
  int horizon_periods = 1;
};

// Column-oriented, one entry per period (index 0 = period 1), so columns can cross the wasm
// boundary as typed arrays. Money columns are undiscounted except the cumulative one.
struct Projection {
  std::vector<double> active_customers;    // served in the period: survivors + this period's new
  std::vector<double> from_starting_base;  // of which still from the starting base
  std::vector<double> new_customers;       // acquired at the start of the period
  std::vector<double> churned;             // lost during the period
  std::vector<double> customers_at_end;
  std::vector<double> revenue;
  std::vector<double> gross_profit;
  std::vector<double> acquisition_cost;
  std::vector<double> retention_cost;
  std::vector<double> profit;
  std::vector<double> cumulative_discounted_profit;

  int periods() const { return static_cast<int>(active_customers.size()); }
};

Projection project(const ProjectionInputs& inputs, const SurvivalCurve& curve);

// Just the last cumulative discounted profit, without keeping the columns (sensitivity runs
// it many times).
double cumulative_discounted_profit(const ProjectionInputs& inputs, const SurvivalCurve& curve);

}  // namespace retention
