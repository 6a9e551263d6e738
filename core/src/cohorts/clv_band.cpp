#include "retention/cohorts/clv_band.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "retention/calculator/report_json.hpp"
#include "retention/numerics/parameter_draws.hpp"

namespace retention {
namespace {

// L with L L^T = [[a, b], [b, d]] for any positive semi-definite 2 x 2 (a Cholesky factor needs
// it definite): a zero variance leaves its column zero, rounding below zero counts as zero.
std::vector<double> square_root(const CurveUncertainty& u) {
  const double a = u.variance_log_alpha, b = u.covariance, d = u.variance_log_beta;
  if (a <= 0) return {0, 0, 0, std::sqrt(d)};
  const double l21 = b / std::sqrt(a);
  return {std::sqrt(a), 0, l21, std::sqrt(std::max(d - l21 * l21, 0.0))};
}

}  // namespace

ClvBand clv_band(const Assumptions& baseline, const CurveUncertainty& uncertainty, int draws, std::uint64_t seed) {
  ClvBand band;
  band.seed = seed;
  if (!baseline.retention_curve || draws <= 0) return band;
  const auto curves = draw_parameters_from_factor({baseline.retention_curve->alpha, baseline.retention_curve->beta},
                                                  square_root(uncertainty), draws, seed);
  std::vector<double> values;
  values.reserve(curves.size());
  Assumptions drawn = baseline;
  for (const std::vector<double>& curve : curves) {
    drawn.retention_curve = SbgParameters{curve[0], curve[1]};
    const double clv = clv_on_basis(drawn);
    if (std::isfinite(clv)) values.push_back(clv);
  }
  band.draws = draws;
  band.unbounded_draws = draws - static_cast<int>(values.size());
  if (band.unbounded_draws * 10 <= draws) band.clv = interval_of(values);
  return band;
}

nlohmann::json clv_band_to_json(const ClvBand& band) {
  return {{"draws", band.draws},
          {"unbounded_draws", band.unbounded_draws},
          {"seed", band.seed},
          {"clv", band.clv ? interval_to_json(*band.clv) : nlohmann::json(nullptr)}};
}

}  // namespace retention
