#pragma once
// Acquisition versus retention for the user's own numbers, instead of the folklore
// "acquiring costs five times more than keeping".
#include <optional>

#include "retention/calculator/assumptions.hpp"

namespace retention {

struct AcquisitionVsRetention {
  double cost_to_acquire = 0;                 // CAC
  std::optional<double> cost_to_keep;         // retention spend / churn reduction it buys
  std::optional<double> acquire_to_keep_ratio;  // cost_to_acquire / cost_to_keep
  // Acquisition spend per period that one point less churn saves: the customers it keeps
  // (1% of those active in the first period) would otherwise be replaced at CAC.
  double acquisition_spend_saved_per_churn_point = 0;
  // The churn cut (points) at which the retention spend pays for itself on CLV; nullopt when
  // no cut is enough.
  std::optional<double> break_even_churn_reduction_points;
  // Reichheld's question for these inputs: retention 5 points higher (churn 5 points lower).
  std::optional<double> clv_after_5_point_retention_increase;  // nullopt: infinite
  std::optional<double> clv_change_percent_after_5_points;
  double profit_after_5_point_retention_increase = 0;  // cumulative discounted, over the horizon
  std::optional<double> profit_change_percent_after_5_points;
};

AcquisitionVsRetention acquisition_vs_retention(const Assumptions& a, double clv, double cumulative_profit);

}  // namespace retention
