#include "retention/churn_solver.hpp"

namespace retention {

std::optional<double> churn_for_clv(Assumptions a, double target_clv) {
  auto clv_at = [&a](double churn) {
    a.churn = churn;
    return clv_on_basis(a);
  };
  if (!(clv_at(0) >= target_clv)) return std::nullopt;
  if (clv_at(1) >= target_clv) return 1.0;
  double reaches = 0, falls_short = 1;
  for (int i = 0; i < 100 && falls_short - reaches > 1e-15; ++i) {
    const double middle = 0.5 * (reaches + falls_short);
    (clv_at(middle) >= target_clv ? reaches : falls_short) = middle;
  }
  return reaches;
}

}  // namespace retention
