#include "retention/calculator/sensitivity.hpp"

#include <algorithm>

namespace retention {
namespace {

struct Lever {
  const char* input;
  double Assumptions::*field;
  double to_document_units;  // fractions are shown as percentages
  double cap;                // fractions stay at or below 1
};

// Churn moves through churn_scale, so the same lever works for constant churn and a fitted
// curve; what the row shows is the first period's churn.
constexpr const char* churn_input = "churn_percent";

constexpr Lever levers[] = {
    {"revenue_per_customer", &Assumptions::revenue_per_customer, 1, 0},
    {"gross_margin_percent", &Assumptions::gross_margin, 100, 1},
    {churn_input, &Assumptions::churn_scale, 1, 0},
    {"annual_discount_rate_percent", &Assumptions::annual_discount_rate, 100, 0},
    {"cac", &Assumptions::cac, 1, 0},
    {"retention_spend_per_customer", &Assumptions::retention_spend_per_customer, 1, 0},
    {"starting_customers", &Assumptions::starting_customers, 1, 0},
    {"new_customers_per_period", &Assumptions::new_customers_per_period, 1, 0},
};

}  // namespace

std::vector<SensitivityRow> sensitivity(const Assumptions& base) {
  std::vector<SensitivityRow> rows;
  for (const Lever& lever : levers) {
    SensitivityRow row;
    row.input = lever.input;
    auto evaluate_at = [&](double factor, double& value, double& clv, double& profit) {
      Assumptions moved = base;
      double& field = moved.*lever.field;
      field *= factor;
      if (lever.cap > 0) field = std::min(field, lever.cap);
      value = lever.input == churn_input ? moved.first_period_churn() * 100 : field * lever.to_document_units;
      clv = clv_on_basis(moved);
      profit = cumulative_discounted_profit(projection_inputs(moved), *moved.survival());
    };
    evaluate_at(1 - sensitivity_step, row.low_value, row.clv_low, row.profit_low);
    evaluate_at(1 + sensitivity_step, row.high_value, row.clv_high, row.profit_high);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace retention
