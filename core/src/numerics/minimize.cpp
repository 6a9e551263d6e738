#include "retention/numerics/minimize.hpp"

#include <limits>

#include <algorithm>
#include <cmath>

namespace retention {

Minimum minimize_bfgs(const Objective& f, std::vector<double> x, int max_iterations, double gradient_tolerance,
                      std::vector<double> inverse_hessian) {
  const std::size_t n = x.size();
  std::vector<double> g(n), g_next(n), x_next(n), direction(n), s(n), y(n);
  std::vector<double> h = std::move(inverse_hessian);  // inverse Hessian estimate
  if (h.size() != n * n) {
    h.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) h[i * n + i] = 1;
  }
  double value = f(x, g);
  Minimum out;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    out.iterations = iteration;
    double gradient_norm = 0;
    for (double gi : g) gradient_norm = std::max(gradient_norm, std::fabs(gi));
    if (gradient_norm < gradient_tolerance * std::max(1.0, std::fabs(value))) {
      out.converged = true;
      break;
    }
    for (std::size_t i = 0; i < n; ++i) {
      direction[i] = 0;
      for (std::size_t j = 0; j < n; ++j) direction[i] -= h[i * n + j] * g[j];
    }
    double slope = 0;
    for (std::size_t i = 0; i < n; ++i) slope += direction[i] * g[i];
    if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
      std::fill(h.begin(), h.end(), 0.0);
      for (std::size_t i = 0; i < n; ++i) h[i * n + i] = 1, direction[i] = -g[i];
      slope = 0;
      for (std::size_t i = 0; i < n; ++i) slope += direction[i] * g[i];
    }
    // At most a factor e^2 change in any parameter per step (the parameters are logarithms).
    double longest = 0;
    for (double d : direction) longest = std::max(longest, std::fabs(d));
    double step = longest > 2 ? 2 / longest : 1;
    double value_next = 0;
    bool accepted = false;
    for (int tries = 0; tries < 60; ++tries, step *= 0.5) {
      for (std::size_t i = 0; i < n; ++i) x_next[i] = x[i] + step * direction[i];
      value_next = f(x_next, g_next);
      if (std::isfinite(value_next) && value_next <= value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      out.converged = gradient_norm < 1e-4 * std::max(1.0, std::fabs(value));  // stuck at the optimum's precision
      break;
    }
    double sy = 0;
    for (std::size_t i = 0; i < n; ++i) {
      s[i] = x_next[i] - x[i];
      y[i] = g_next[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-12) {  // BFGS update of the inverse Hessian
      std::vector<double> hy(n, 0.0);
      double yhy = 0;
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) hy[i] += h[i * n + j] * y[j];
      for (std::size_t i = 0; i < n; ++i) yhy += y[i] * hy[i];
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
          h[i * n + j] += ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
    }
    const double change = std::fabs(value - value_next);
    x = x_next, g = g_next, value = value_next;
    if (change < 1e-14 * std::max(1.0, std::fabs(value)) && step < 1e-6) {
      out.converged = true;
      break;
    }
  }
  out.x = x;
  out.value = value;
  out.inverse_hessian = std::move(h);
  return out;
}

Minimum minimize_bfgs_from(const Objective& f, const std::vector<std::vector<double>>& starts, int max_iterations) {
  Minimum best;
  best.value = std::numeric_limits<double>::infinity();
  for (const auto& start : starts) {
    Minimum m = minimize_bfgs(f, start, max_iterations);
    if (m.value < best.value) best = m;
  }
  return best;
}

}  // namespace retention
