#include "retention/numerics/observed_information.hpp"

#include <cmath>

namespace retention {

std::optional<std::vector<double>> cholesky_factor(const std::vector<double>& m, std::size_t k) {
  std::vector<double> l(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = m[i * k + j];
      for (std::size_t p = 0; p < j; ++p) sum -= l[i * k + p] * l[j * k + p];
      if (i == j) {
        if (!(sum > 0) || !std::isfinite(sum)) return std::nullopt;
        l[i * k + i] = std::sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j];
      }
    }
  return l;
}

std::optional<std::vector<double>> log_parameter_covariance(const LogLikelihoodGradient& gradient,
                                                            const std::vector<double>& at) {
  const std::size_t k = at.size();
  std::vector<double> information(k * k), up(k), here(k);
  // Forward differences of the gradient, k + 1 gradients rather than central differences' 2k (on
  // a large log each costs a pass over all its rows). A step of 1e-5 in a logarithm: truncation
  // error ~1e-5 of the information (a standard error's fifth significant digit), rounding ~1e-11.
  constexpr double h = 1e-5;
  gradient(at, here);
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<double> x = at;
    x[j] = at[j] + h;
    gradient(x, up);
    for (std::size_t i = 0; i < k; ++i) information[i * k + j] = -(up[i] - here[i]) / h;
  }
  for (std::size_t i = 0; i < k; ++i)  // symmetric by construction, up to rounding
    for (std::size_t j = 0; j < i; ++j)
      information[i * k + j] = information[j * k + i] = (information[i * k + j] + information[j * k + i]) / 2;
  const auto l = cholesky_factor(information, k);
  if (!l) return std::nullopt;
  // The inverse from L: solve L L' c_j = e_j for each column j.
  std::vector<double> covariance(k * k);
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<double> y(k);
    for (std::size_t i = 0; i < k; ++i) {
      double sum = i == j ? 1 : 0;
      for (std::size_t p = 0; p < i; ++p) sum -= (*l)[i * k + p] * y[p];
      y[i] = sum / (*l)[i * k + i];
    }
    for (std::size_t i = k; i-- > 0;) {
      double sum = y[i];
      for (std::size_t p = i + 1; p < k; ++p) sum -= (*l)[p * k + i] * covariance[p * k + j];
      covariance[i * k + j] = sum / (*l)[i * k + i];
    }
  }
  for (double c : covariance)
    if (!std::isfinite(c)) return std::nullopt;
  return covariance;
}

std::vector<double> standard_errors_from_log_covariance(const std::vector<double>& parameters,
                                                        const std::vector<double>& covariance) {
  const std::size_t k = parameters.size();
  std::vector<double> errors(k);
  for (std::size_t i = 0; i < k; ++i) errors[i] = parameters[i] * std::sqrt(covariance[i * k + i]);
  return errors;
}

}  // namespace retention
