#pragma once
// Fader & Hardie (2010), "Customer-Base Valuation in a Contractual Setting", case 1, for the
// tests of the base value and of the cohort analysis that reports it.
#include <cmath>
#include <string>
#include <vector>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"

namespace retention::test {

// Fader & Hardie (2010), case 1: cohorts of 10,000, 15,000, 17,500, 19,000 and 20,500 acquired
// over five years, sBG(3.80, 15.20), d = 10%; their survivors today by the model.
inline CohortTable published_base(bool rounded) {
  const SbgSurvival curve({3.8, 15.2});
  const double sizes[5] = {10000, 15000, 17500, 19000, 20500};
  CohortTable table;
  for (int c = 0; c < 5; ++c) {
    std::vector<double> n;
    for (int t = 0; t <= 4 - c; ++t) n.push_back(rounded ? std::round(sizes[c] * curve.survival(t)) : sizes[c] * curve.survival(t));
    table.names.push_back("year " + std::to_string(c + 1));
    table.survivors.push_back(n);
  }
  return table;
}

}  // namespace retention::test
