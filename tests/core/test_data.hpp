#pragma once
// Shared fixtures of the core tests: the published reference data in tests/data, and the
// yearly one-customer valuation the closed forms are worked out for (m = 100 a year, d = 10%).
#include <fstream>
#include <sstream>
#include <string>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/scenario/scenario.hpp"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must point at tests/data"
#endif

namespace retention::test {

inline std::string read_test_file(const std::string& name) {
  std::ifstream file(std::string(TEST_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Fader & Hardie's "regular" customers: survivors of 1,000 over years 0-12.
inline CohortTable regular_cohort() {
  return parse_cohort_table(read_test_file("sbg_regular_cohort.csv"), CohortLayout::cohorts_in_columns).value();
}

inline ScenarioDocument yearly_margin_of_100() {
  ScenarioDocument d;
  d.period = Period::year;
  d.revenue_per_customer = 100;
  d.gross_margin_percent = 100;
  d.retention_spend_per_customer = 0;
  d.annual_discount_rate_percent = 10;
  return d;
}

}  // namespace retention::test
