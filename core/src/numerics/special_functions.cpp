#include "retention/numerics/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retention {

double log_sum_exp(double x, double y) {
  const double high = std::max(x, y);
  if (high == -std::numeric_limits<double>::infinity()) return high;
  return high + std::log1p(std::exp(std::min(x, y) - high));
}

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

double digamma(double x) {
  double result = 0;
  while (x < 6) result -= 1 / x, x += 1;
  const double f = 1 / (x * x);
  return result + std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

}  // namespace retention
