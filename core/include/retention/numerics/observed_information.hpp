#pragma once
// How sure a maximum-likelihood fit is: the inverse of the observed information (minus the
// Hessian of ln L at the estimate), taken in log-parameters, where the models are fitted and the
// asymptotic normal is a better description of positive parameters.
#include <functional>
#include <optional>
#include <vector>

namespace retention {

// Fills the gradient of ln L with respect to the log-parameters at `log_parameters`.
using LogLikelihoodGradient = std::function<void(const std::vector<double>& log_parameters, std::vector<double>& gradient)>;

// Row-major k x k covariance of the log-parameters: the Hessian by forward differences of the
// exact gradient, inverted. nullopt when the information is not positive definite (a fit at a
// limit of its parameter space, or a flat direction): then there are no standard errors.
std::optional<std::vector<double>> log_parameter_covariance(const LogLikelihoodGradient& gradient,
                                                            const std::vector<double>& log_parameters);

// The lower-triangular L with L L' = m (row-major, k x k); nullopt when m is not positive definite.
std::optional<std::vector<double>> cholesky_factor(const std::vector<double>& m, std::size_t k);

// Standard errors of the parameters themselves by the delta method: theta_i * sd(ln theta_i).
std::vector<double> standard_errors_from_log_covariance(const std::vector<double>& parameters,
                                                        const std::vector<double>& covariance);

}  // namespace retention
