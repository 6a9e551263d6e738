#pragma once
// One-at-a-time sensitivity (the tornado chart): each input moved down and up by 10%.
#include <string>
#include <vector>

#include "retention/calculator/assumptions.hpp"

namespace retention {

struct SensitivityRow {
  std::string input;  // the scenario JSON key of the input moved
  double low_value = 0, high_value = 0;  // the moved input, in the document's units
  double clv_low = 0, clv_high = 0;
  double profit_low = 0, profit_high = 0;  // cumulative discounted profit over the horizon
};

inline constexpr double sensitivity_step = 0.10;

// Rows in a fixed input order; percentages are capped at 100 (a 95% margin moves to 100%).
std::vector<SensitivityRow> sensitivity(const Assumptions& a);

}  // namespace retention
