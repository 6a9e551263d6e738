#pragma once
// Parameters drawn from the asymptotic normal of their logarithms at a maximum-likelihood
// estimate, ln theta ~ N(ln theta_hat, Sigma) with Sigma the inverse observed information in
// log-parameters: positive by construction, and seeded, so the same seed gives the same band.
#include <cstdint>
#include <optional>
#include <vector>

namespace retention {

// `log_covariance`: row-major k x k. nullopt when it is not positive definite (no band then).
std::optional<std::vector<std::vector<double>>> draw_parameters(const std::vector<double>& estimate,
                                                                const std::vector<double>& log_covariance, int draws,
                                                                std::uint64_t seed);
// The same draws from a lower-triangular factor L of the covariance (row-major k x k, Sigma =
// L L^T), for a covariance that is only semi-definite (a zero one: every draw is the estimate),
// which has a factor but no Cholesky factor.
std::vector<std::vector<double>> draw_parameters_from_factor(const std::vector<double>& estimate,
                                                             const std::vector<double>& factor, int draws,
                                                             std::uint64_t seed);

}  // namespace retention
