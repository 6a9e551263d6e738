#include "retention/calculator/acquisition_vs_retention.hpp"

#include <algorithm>
#include <cmath>

#include "retention/calculator/churn_solver.hpp"

namespace retention {
namespace {

std::optional<double> percent_change(double from, double to) {
  if (from == 0 || !std::isfinite(to)) return std::nullopt;
  return (to - from) / std::fabs(from) * 100;
}

}  // namespace

AcquisitionVsRetention acquisition_vs_retention(const Assumptions& a, double clv, double cumulative_profit) {
  AcquisitionVsRetention out;
  out.cost_to_acquire = a.cac;
  if (a.churn_reduction_from_retention_spend > 0) {
    out.cost_to_keep = a.retention_spend_per_customer / a.churn_reduction_from_retention_spend;
    if (*out.cost_to_keep > 0) out.acquire_to_keep_ratio = a.cac / *out.cost_to_keep;
  }
  out.acquisition_spend_saved_per_churn_point =
      0.01 * (a.starting_customers + a.new_customers_per_period) * a.cac;

  // Without the spend the margin is higher; which churn would make that worth the same?
  Assumptions without_spend = a;
  without_spend.retention_spend_per_customer = 0;
  if (a.retention_spend_per_customer == 0) {
    out.break_even_churn_reduction_points = 0;
  } else if (auto shift = churn_shift_for_clv(without_spend, clv); shift && *shift < 1) {
    // Without the spend, churn in every period could be this much higher for the same CLV.
    out.break_even_churn_reduction_points = std::max(0.0, *shift - a.churn_shift) * 100;
  }

  Assumptions more_retained = a;
  more_retained.churn_shift = a.churn_shift - 0.05;
  const double clv_more = clv_on_basis(more_retained);
  if (std::isfinite(clv_more)) out.clv_after_5_point_retention_increase = clv_more;
  out.clv_change_percent_after_5_points = percent_change(clv, clv_more);
  out.profit_after_5_point_retention_increase =
      cumulative_discounted_profit(projection_inputs(more_retained), *more_retained.survival());
  out.profit_change_percent_after_5_points =
      percent_change(cumulative_profit, out.profit_after_5_point_retention_increase);
  return out;
}

}  // namespace retention
