#include "retention/cohorts/beta_discrete_weibull.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "retention/numerics/dual.hpp"
#include "retention/numerics/minimize.hpp"
#include "retention/numerics/observed_information.hpp"

namespace retention {
namespace {

// ln S(t) = ln Γ(β + t^c) − ln Γ(α + β + t^c) − ln Γ(β) + ln Γ(α + β).
template <class Number>
Number log_survival(const Number& alpha, const Number& beta, const Number& c, int t) {
  if (t == 0) return Number(0.0);
  const Number power = exp(c * std::log(static_cast<double>(t)));
  return lgamma(beta + power) - lgamma(alpha + beta + power) - lgamma(beta) + lgamma(alpha + beta);
}

template <class Number>
Number log_likelihood(const CohortTable& table, const Number& alpha, const Number& beta, const Number& c,
                      int calibration_periods) {
  int longest = 0;
  for (const auto& n : table.survivors) longest = std::max(longest, periods_used(n, calibration_periods));
  std::vector<Number> log_s;
  for (int t = 0; t <= longest; ++t) log_s.push_back(log_survival(alpha, beta, c, t));
  Number total(0.0);
  for (const auto& n : table.survivors) {
    const int periods = periods_used(n, calibration_periods);
    for (int t = 1; t <= periods; ++t) {
      const double lost = n[t - 1] - n[t];
      if (lost != 0) total += lost * (log_s[t - 1] + log(-expm1(log_s[t] - log_s[t - 1])));
    }
    if (n[periods] != 0) total += n[periods] * log_s[periods];
  }
  return total;
}

double customers_of(const CohortTable& table) {
  double total = 0;
  for (const auto& n : table.survivors) total += n[0];
  return total;
}

}  // namespace

double BdwSurvival::survival(int t) const { return t <= 0 ? 1 : std::exp(log_survival(p_.alpha, p_.beta, p_.c, t)); }

double bdw_log_likelihood(const CohortTable& table, const BdwParameters& p, int periods) {
  return log_likelihood(table, p.alpha, p.beta, p.c, periods);
}

Result<BdwFit> fit_bdw(const CohortTable& table, int calibration_periods) {
  Result<SbgFit> sbg = fit_sbg(table, calibration_periods);  // checks the table, and a start
  if (!sbg.ok()) return sbg.errors();
  const double customers = customers_of(table);
  using D = Dual<3>;
  auto value_and_gradient = [&](const std::vector<double>& theta, double gradient[3]) {
    const D value = log_likelihood(table, D::variable(std::exp(theta[0]), 0), D::variable(std::exp(theta[1]), 1),
                                   D::variable(std::exp(theta[2]), 2), calibration_periods);
    for (int i = 0; i < 3; ++i) gradient[i] = value.d[i] * std::exp(theta[i]);  // in log-parameters
    return value.value;
  };
  Objective objective = [&](const std::vector<double>& theta, std::vector<double>& gradient) {
    double g[3];
    const double value = value_and_gradient(theta, g);
    if (!std::isfinite(value)) return std::numeric_limits<double>::infinity();
    for (int i = 0; i < 3; ++i) gradient[i] = -g[i] / customers;
    return -value / customers;
  };
  const SbgParameters& s = sbg.value().parameters;
  const Minimum best = minimize_bfgs_from(
      objective, {{std::log(s.alpha), std::log(s.beta), 0}, {0, 0, 0}, {0, 0, std::log(0.5)}, {0, 0, std::log(2.0)}}, 500);
  BdwFit fit;
  fit.parameters = {std::exp(best.x[0]), std::exp(best.x[1]), std::exp(best.x[2])};
  fit.log_likelihood = -best.value * customers;
  fit.iterations = best.iterations;
  fit.converged = best.converged;
  // As for the sBG: alpha and beta running off together means one churn rate for all.
  if (fit.parameters.alpha + fit.parameters.beta > 1e4) fit.converged = false, fit.note = make_message("fit_at_bound");
  else if (!fit.converged) fit.note = make_message("fit_not_converged");
  LogLikelihoodGradient gradient = [&](const std::vector<double>& theta, std::vector<double>& out) {
    double g[3];
    value_and_gradient(theta, g);
    out.assign(g, g + 3);
  };
  if (fit.converged)
    if (auto covariance = log_parameter_covariance(gradient, best.x)) {
      fit.standard_errors = standard_errors_from_log_covariance(
          {fit.parameters.alpha, fit.parameters.beta, fit.parameters.c}, *covariance);
      fit.log_parameter_covariance = *covariance;
    }
  return fit;
}

LikelihoodRatioTest likelihood_ratio_test(double restricted, double full) {
  const double statistic = std::max(0.0, 2 * (full - restricted));
  // Chi-square with one degree of freedom: P(X > s) = erfc(sqrt(s / 2)).
  return {statistic, std::erfc(std::sqrt(statistic / 2))};
}

std::optional<double> discounted_expected_residual_lifetime(const SurvivalCurve& curve, double d, int n) {
  if (n < 1) n = 1;
  const double alive = curve.survival(n - 1);
  if (!(alive > 0)) return std::nullopt;
  const double v = 1 / (1 + d);
  double total = 0, discount = 1;
  for (int k = 0; k < 1'000'000; ++k) {
    const double term = curve.survival(n + k) / alive * discount;
    if (!std::isfinite(term)) return std::nullopt;  // a curve that cannot be evaluated (a draw far in a tail)
    total += term;
    // Survival only falls, so the rest is at most term * (1 + d) / d; without discounting, stop
    // once the terms are negligible and falling (the curve's own closed form is better there).
    const double rest = d > 0 ? term / (1 - v) : term * 1e6;
    if (rest <= 1e-13 * total) return total;
    discount *= v;
  }
  return std::nullopt;
}

}  // namespace retention
