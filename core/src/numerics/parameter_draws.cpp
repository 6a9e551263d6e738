#include "retention/numerics/parameter_draws.hpp"

#include <cmath>
#include <numbers>

#include "retention/numerics/observed_information.hpp"
#include "retention/numerics/random.hpp"

namespace retention {

std::optional<std::vector<std::vector<double>>> draw_parameters(const std::vector<double>& estimate,
                                                                const std::vector<double>& log_covariance, int draws,
                                                                std::uint64_t seed) {
  const std::size_t k = estimate.size();
  if (k == 0 || log_covariance.size() != k * k) return std::nullopt;
  const std::optional<std::vector<double>> factor = cholesky_factor(log_covariance, k);
  if (!factor) return std::nullopt;
  return draw_parameters_from_factor(estimate, *factor, draws, seed);
}

std::vector<std::vector<double>> draw_parameters_from_factor(const std::vector<double>& estimate,
                                                             const std::vector<double>& factor, int draws,
                                                             std::uint64_t seed) {
  const std::size_t k = estimate.size();
  RandomStream random(seed);
  // Standard normals by Box-Muller, two from each pair of uniforms.
  std::vector<double> spare;
  const auto normal = [&] {
    if (!spare.empty()) {
      const double z = spare.back();
      spare.pop_back();
      return z;
    }
    const double u = 1 - random.uniform(), v = random.uniform();  // u in (0, 1]: its log is finite
    const double radius = std::sqrt(-2 * std::log(u)), angle = 2 * std::numbers::pi * v;
    spare.push_back(radius * std::sin(angle));
    return radius * std::cos(angle);
  };
  std::vector<std::vector<double>> out(static_cast<std::size_t>(std::max(draws, 0)), std::vector<double>(k));
  std::vector<double> z(k);
  for (std::vector<double>& draw : out) {
    for (double& value : z) value = normal();
    for (std::size_t i = 0; i < k; ++i) {
      double shift = 0;
      for (std::size_t j = 0; j <= i; ++j) shift += factor[i * k + j] * z[j];
      draw[i] = estimate[i] * std::exp(shift);
    }
  }
  return out;
}

}  // namespace retention
