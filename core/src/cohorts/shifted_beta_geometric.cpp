#include "retention/cohorts/shifted_beta_geometric.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace retention {
namespace {

constexpr double min_parameter = 1e-6, max_parameter = 1e6;

// Log-likelihood with its gradient and Hessian with respect to (alpha, beta).
struct Derivatives {
  double value = 0;
  std::array<double, 2> gradient{};
  std::array<double, 3> hessian{};  // aa, ab, bb
};

// Walks t = 1..K keeping ln S(t-1) and its derivatives; ln P(t) = ln a - ln u_t + ln S(t-1) with
// u_t = a+b+t-1, and ln S(t) = ln S(t-1) + ln(b+t-1) - ln u_t.
Derivatives log_likelihood_derivatives(const CohortTable& table, double a, double b, int calibration_periods) {
  Derivatives out;
  for (const auto& n : table.survivors) {
    const int periods = periods_used(n, calibration_periods);
    double log_s = 0, s_a = 0, s_b = 0, s_aa = 0, s_ab = 0, s_bb = 0;  // ln S(t-1) and derivatives
    for (int t = 1; t <= periods; ++t) {
      const double u = a + b + t - 1, v = b + t - 1;
      const double lost = n[t - 1] - n[t];
      if (lost != 0) {
        out.value += lost * (std::log(a) - std::log(u) + log_s);
        out.gradient[0] += lost * (1 / a - 1 / u + s_a);
        out.gradient[1] += lost * (-1 / u + s_b);
        out.hessian[0] += lost * (-1 / (a * a) + 1 / (u * u) + s_aa);
        out.hessian[1] += lost * (1 / (u * u) + s_ab);
        out.hessian[2] += lost * (1 / (u * u) + s_bb);
      }
      log_s += std::log(v) - std::log(u);
      s_a -= 1 / u;
      s_b += 1 / v - 1 / u;
      s_aa += 1 / (u * u);
      s_ab += 1 / (u * u);
      s_bb += -1 / (v * v) + 1 / (u * u);
    }
    const double remaining = n[periods];
    if (remaining != 0) {
      out.value += remaining * log_s;
      out.gradient[0] += remaining * s_a;
      out.gradient[1] += remaining * s_b;
      out.hessian[0] += remaining * s_aa;
      out.hessian[1] += remaining * s_ab;
      out.hessian[2] += remaining * s_bb;
    }
  }
  return out;
}

struct Climb {
  double log_a, log_b, value;
  int iterations;
  bool converged;
};

// Levenberg-damped Newton ascent in (ln alpha, ln beta), where the parameters are unconstrained.
Climb climb(const CohortTable& table, double log_a, double log_b, int calibration_periods) {
  double damping = 1e-3;
  Derivatives at = log_likelihood_derivatives(table, std::exp(log_a), std::exp(log_b), calibration_periods);
  for (int iteration = 1; iteration <= 500; ++iteration) {
    const double a = std::exp(log_a), b = std::exp(log_b);
    // Chain rule to log parameters.
    const double g0 = at.gradient[0] * a, g1 = at.gradient[1] * b;
    const double h00 = at.hessian[0] * a * a + g0, h01 = at.hessian[1] * a * b, h11 = at.hessian[2] * b * b + g1;
    if (std::max(std::fabs(g0), std::fabs(g1)) < 1e-9 * (1 + std::fabs(at.value)))
      return {log_a, log_b, at.value, iteration, true};
    bool improved = false;
    while (damping < 1e12 && !improved) {
      // Solve (-H + damping * scale) step = g.
      const double m00 = -h00 + damping * (1 + std::fabs(h00)), m11 = -h11 + damping * (1 + std::fabs(h11)), m01 = -h01;
      const double det = m00 * m11 - m01 * m01;
      if (!(det > 0) || !(m00 > 0)) {
        damping *= 10;
        continue;
      }
      double step0 = (m11 * g0 - m01 * g1) / det, step1 = (m00 * g1 - m01 * g0) / det;
      const double longest = std::max(std::fabs(step0), std::fabs(step1));
      if (longest > 2) step0 *= 2 / longest, step1 *= 2 / longest;  // at most a factor e^2 per step
      const double next_a = std::clamp(log_a + step0, std::log(min_parameter), std::log(max_parameter));
      const double next_b = std::clamp(log_b + step1, std::log(min_parameter), std::log(max_parameter));
      Derivatives next = log_likelihood_derivatives(table, std::exp(next_a), std::exp(next_b), calibration_periods);
      if (std::isfinite(next.value) && next.value >= at.value) {
        const bool tiny = std::fabs(next_a - log_a) + std::fabs(next_b - log_b) < 1e-14;
        log_a = next_a, log_b = next_b, at = next;
        damping = std::max(1e-9, damping / 10);
        improved = true;
        if (tiny) return {log_a, log_b, at.value, iteration, true};
      } else {
        damping *= 10;
      }
    }
    if (!improved) return {log_a, log_b, at.value, iteration, false};
  }
  return {log_a, log_b, at.value, 500, false};
}

}  // namespace

double SbgSurvival::survival(int t) const {
  if (t <= 0) return 1;
  while (static_cast<int>(log_survival_.size()) <= t) {
    const int k = static_cast<int>(log_survival_.size());  // next t to add
    log_survival_.push_back(log_survival_.back() + std::log(p_.beta + k - 1) - std::log(p_.alpha + p_.beta + k - 1));
  }
  return std::exp(log_survival_[t]);
}

double SbgSurvival::discounted_sum(double d, int first, std::optional<int> last) const {
  if (d > 0 && !last) {
    // S(t) by its recursion S(t-1)(1 - h_t): no exp or log per term. Stops when the tail,
    // at most S(t) v^(t+1) / (1 - v), cannot matter.
    const double v = 1 / (1 + d);
    double s = 1, discount = 1, total = 0;
    for (int t = 0; t < first + 1'000'000; ++t) {  // the same bounds as the default sum
      if (t > 0) s *= 1 - hazard(t);
      if (t >= first) {
        total += s * discount;
        if (s * discount / d <= total * 1e-13) return total;
      }
      discount *= v;
    }
    return std::numeric_limits<double>::infinity();
  }
  if (last || d > 0) return SurvivalCurve::discounted_sum(d, first, last);
  if (p_.alpha <= 1) return std::numeric_limits<double>::infinity();
  // sum over t >= 0 of S(t) = E[T] = (alpha + beta - 1) / (alpha - 1); drop the first terms.
  double total = (p_.alpha + p_.beta - 1) / (p_.alpha - 1);
  for (int t = 0; t < first; ++t) total -= survival(t);
  return total;
}

double sbg_log_likelihood(const CohortTable& table, SbgParameters p, int periods) {
  return log_likelihood_derivatives(table, p.alpha, p.beta, periods).value;
}

Result<SbgFit> fit_sbg(const CohortTable& table, int calibration_periods) {
  FieldErrors errors = validate_cohort_table(table);
  if (!errors.empty()) return errors;
  if (calibration_periods != 0 && calibration_periods < min_cohort_periods - 1)
    return field_error("calibration_periods", "calibration_periods_minimum", {number_argument("minimum", min_cohort_periods - 1)});

  // Several starts, so a poor first guess cannot decide the answer.
  Climb best{0, 0, -std::numeric_limits<double>::infinity(), 0, false};
  int iterations = 0;
  for (auto [a, b] : std::array<std::pair<double, double>, 5>{{{1, 1}, {0.1, 0.1}, {10, 10}, {0.5, 5}, {5, 0.5}}}) {
    Climb result = climb(table, std::log(a), std::log(b), calibration_periods);
    iterations += result.iterations;
    if (result.value > best.value + 1e-9 || (result.converged && !best.converged && result.value >= best.value - 1e-9))
      best = result;
  }

  SbgFit fit;
  fit.parameters = {std::exp(best.log_a), std::exp(best.log_b)};
  fit.log_likelihood = best.value;
  fit.iterations = iterations;
  fit.converged = best.converged;
  fit.calibration_periods = calibration_periods > 0 ? std::min(calibration_periods, table.longest_periods())
                                                    : table.longest_periods();
  // When counts fall geometrically the likelihood keeps rising as alpha and beta grow together
  // (the Beta distribution collapses to one churn rate): there is no finite estimate. A
  // polarisation 1/(alpha+beta+1) below 1e-4, or a parameter at its bound, says so.
  const bool at_bound = fit.parameters.alpha + fit.parameters.beta > 1e4 ||
                        std::min(fit.parameters.alpha, fit.parameters.beta) < min_parameter * 1.001;
  if (at_bound) {
    fit.converged = false;
    fit.note = make_message("fit_at_bound");
  } else if (!fit.converged) {
    fit.note = make_message("fit_not_converged");
  }

  // Standard errors from the inverse of the observed information at the estimate.
  const Derivatives d = log_likelihood_derivatives(table, fit.parameters.alpha, fit.parameters.beta, calibration_periods);
  const double i00 = -d.hessian[0], i01 = -d.hessian[1], i11 = -d.hessian[2];
  const double det = i00 * i11 - i01 * i01;
  if (det > 0 && i00 > 0 && !at_bound) {
    fit.alpha_standard_error = std::sqrt(i11 / det);
    fit.beta_standard_error = std::sqrt(i00 / det);
    // The same inverse in the log-parameters (delta method), for the bands' parameter draws.
    const double a = fit.parameters.alpha, b = fit.parameters.beta;
    fit.log_parameter_covariance = {i11 / det / (a * a), -i01 / det / (a * b), -i01 / det / (a * b), i00 / det / (b * b)};
  }
  return fit;
}

double geometric_churn_estimate(const CohortTable& table, int calibration_periods) {
  double lost = 0, at_risk = 0;
  for (const auto& n : table.survivors) {
    const int periods = periods_used(n, calibration_periods);
    for (int t = 1; t <= periods; ++t) {
      lost += n[t - 1] - n[t];
      at_risk += n[t - 1];
    }
  }
  return at_risk > 0 ? lost / at_risk : 0;
}

std::optional<double> sbg_derl(SbgParameters p, double d, int n) {
  if (n < 1) n = 1;
  // Without discounting, Gauss's sum gives the expected residual lifetime (beta+n-1)/(alpha-1).
  if (d <= 0) return p.alpha > 1 ? std::optional<double>((p.beta + n - 1) / (p.alpha - 1)) : std::nullopt;
  // 2F1(1, b; c; z) = sum_k (b)_k / (c)_k z^k, term ratio (b+k)/(c+k) z.
  const double b = p.beta + n, c = p.alpha + p.beta + n, z = 1 / (1 + d);
  double term = 1, sum = 1;
  for (int k = 0; k < 10'000'000; ++k) {
    term *= (b + k) / (c + k) * z;
    sum += term;
    if (term < 1e-16 * sum) return (p.beta + n - 1) / (p.alpha + p.beta + n - 1) * sum;
  }
  return std::nullopt;
}

}  // namespace retention
