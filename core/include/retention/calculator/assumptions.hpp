#pragma once
// One scenario's inputs after its changes are applied to the baseline, in model units
// (fractions, per-period rates). Every metric is a function of an Assumptions value.
#include <memory>
#include <optional>
#include <string>

#include "retention/calculator/projection.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/calculator/survival.hpp"

namespace retention {

struct Assumptions {
  std::string name;
  double revenue_per_customer = 0;
  double gross_margin = 0;  // fraction
  double churn = 0;         // constant churn per period (fraction), unless a retention curve is set
  std::optional<SbgParameters> retention_curve;
  // Changes to every period's churn, for any curve: scaled first, then shifted (fractions),
  // clamped to 0..1. Scenarios, sensitivity and the solvers move these, never the curve itself.
  double churn_scale = 1;
  double churn_shift = 0;
  double annual_discount_rate = 0;
  double cac = 0;
  double retention_spend_per_customer = 0;
  double churn_reduction_from_retention_spend = 0;  // fraction
  double starting_customers = 0;
  double new_customers_per_period = 0;
  Period period = Period::month;
  int horizon_periods = 1;
  Timing timing = Timing::start_of_period;
  ClvBasis clv_basis = ClvBasis::lifetime;
  bool payback_discounted = false;

  // m: what one customer leaves per period after the cost of keeping them.
  double margin_per_period() const { return revenue_per_customer * gross_margin - retention_spend_per_customer; }
  double discount_rate() const;  // per period
  std::unique_ptr<SurvivalCurve> survival() const;
  double first_period_churn() const { return 1 - survival()->survival(1); }
  std::optional<int> clv_horizon() const {
    return clv_basis == ClvBasis::horizon ? std::optional<int>(horizon_periods) : std::nullopt;
  }
};

// The baseline (no change) or the baseline with one scenario's changes.
Assumptions baseline_assumptions(const ScenarioDocument& document);
Assumptions scenario_assumptions(const ScenarioDocument& document, const ScenarioChange& change);

// CLV on the document's basis (lifetime or horizon); +infinity if it does not converge.
double clv_on_basis(const Assumptions& a);
ProjectionInputs projection_inputs(const Assumptions& a);

}  // namespace retention
