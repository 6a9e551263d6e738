#include "retention/calculator/churn_solver.hpp"

#include <algorithm>
#include <cmath>

namespace retention {

std::optional<double> churn_shift_for_clv(Assumptions a, double target_clv) {
  auto clv_at = [&a](double shift) {
    a.churn_shift = shift;
    return clv_on_basis(a);
  };
  // Illinois false position: each CLV of a fitted curve is a long sum, so converging in about
  // ten evaluations instead of bisection's forty matters; the bracket keeps it safe.
  double reaches = -1, falls_short = 1;
  double f_reaches = clv_at(reaches) - target_clv, f_short = clv_at(falls_short) - target_clv;
  if (!(f_reaches >= 0)) return std::nullopt;
  if (f_short >= 0) return 1.0;
  int last_side = 0;
  for (int i = 0; i < 200 && falls_short - reaches > 1e-13; ++i) {  // 1e-11 churn points
    double next = (reaches * f_short - falls_short * f_reaches) / (f_short - f_reaches);
    if (!(next > reaches && next < falls_short)) next = 0.5 * (reaches + falls_short);
    const double f_next = clv_at(next) - target_clv;
    if (f_next >= 0) {
      reaches = next, f_reaches = f_next;
      if (last_side == 1) f_short *= 0.5;  // the Illinois step: keep the far end from sticking
      last_side = 1;
    } else {
      falls_short = next, f_short = f_next;
      if (last_side == -1) f_reaches *= 0.5;
      last_side = -1;
    }
    if (std::fabs(f_next) <= 1e-12 * std::max(1.0, std::fabs(target_clv))) return next;  // on the target
  }
  return reaches;
}

std::optional<double> churn_for_clv(const Assumptions& a, double target_clv) {
  if (a.retention_curve) return std::nullopt;
  auto shift = churn_shift_for_clv(a, target_clv);
  if (!shift) return std::nullopt;
  return std::clamp(a.churn * a.churn_scale + *shift, 0.0, 1.0);
}

}  // namespace retention
