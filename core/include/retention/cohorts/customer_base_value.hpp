#pragma once
// The value of the customers active today (Fader & Hardie 2010, "Customer-Base Valuation in a
// Contractual Setting: The Perils of Ignoring Heterogeneity"): each cohort's survivors today,
// times the margin, times the DERL of a customer with their number of renewals, summed; next to
// the value one aggregate retention rate gives, which ignores that the survivors of older
// cohorts are the more loyal, and so undervalues the base.
#include <string>
#include <vector>

#include "retention/calculator/survival.hpp"
#include "retention/cohorts/cohort_table.hpp"
#include "retention/common/result.hpp"

namespace retention {

struct CohortValue {
  std::string name;
  int renewals = 0;     // periods observed: the last count of the cohort is today's
  double active = 0;    // its customers active today
  double derl = 0;      // per unit of margin, the upcoming renewal undiscounted
  double value = 0;     // active x margin x DERL
};

struct CustomerBaseValue {
  std::vector<CohortValue> cohorts;
  double active = 0, value = 0;
  // The naive valuation: r = survivors today / the same cohorts' customers a period ago, and
  // every active customer worth margin x r (1+d) / (1+d-r).
  double aggregate_retention = 0, naive_derl = 0, naive_value = 0;
  double understatement_percent = 0;  // (value - naive) / value x 100
};

// `curve` is the fitted model's survival (sBG or BdW); `margin` per period; d per period.
// Errors for a table with no cohort observed past its first period (no retention to aggregate).
Result<CustomerBaseValue> customer_base_value(const CohortTable& table, const SurvivalCurve& curve, double margin,
                                              double d);

}  // namespace retention
