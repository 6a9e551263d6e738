#pragma once
// Tanh-sinh quadrature for the tests' independent checks: integrals over (0, 1) whose integrand
// may blow up like a power at either end (Beta densities with a parameter below 1), and over
// (0, infinity) by u / (1 - u). Accurate to about 1e-12 on such integrands.
#include <cmath>

namespace retention::test {

// f(u, 1 - u): both given, so 1 - u keeps its precision near u = 1.
template <class F>
double integrate_unit(F&& f) {
  constexpr double h = 1.0 / 64, half_pi = 1.5707963267948966;
  double total = 0;
  for (int k = -64 * 5; k <= 64 * 5; ++k) {
    const double t = k * h, s = half_pi * std::sinh(t);
    const double u = 1 / (1 + std::exp(-2 * s)), v = 1 / (1 + std::exp(2 * s));
    const double weight = 2 * half_pi * std::cosh(t) * u * v;
    if (weight == 0 || u == 0 || v == 0) continue;
    total += weight * f(u, v);
  }
  return total * h;
}

template <class F>
double integrate_positive(F&& f) {
  return integrate_unit([&](double u, double v) { return f(u / v) / (v * v); });
}

// The densities the models mix over.
inline double gamma_density(double x, double shape, double rate) {
  return std::exp(shape * std::log(rate) + (shape - 1) * std::log(x) - rate * x - std::lgamma(shape));
}
inline double beta_density(double u, double v, double a, double b) {  // v = 1 - u
  return std::exp((a - 1) * std::log(u) + (b - 1) * std::log(v) - std::lgamma(a) - std::lgamma(b) + std::lgamma(a + b));
}

}  // namespace retention::test
