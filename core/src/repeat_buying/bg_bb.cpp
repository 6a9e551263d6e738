#include "retention/repeat_buying/bg_bb.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "retention/numerics/minimize.hpp"
#include "retention/numerics/special_functions.hpp"

namespace retention {
namespace {

// One term of a history's likelihood: B(alpha + x, beta + b) / B(alpha, beta) ·
// B(gamma + g, delta + d) / B(gamma, delta), in logs, with its gradient.
struct Term {
  double x, b, g, d;
};

double log_term(const BgBbParameters& p, const Term& t) {
  return log_beta(p.alpha + t.x, p.beta + t.b) - log_beta(p.alpha, p.beta) + log_beta(p.gamma + t.g, p.delta + t.d) -
         log_beta(p.gamma, p.delta);
}

// The terms of a history: alive through all n opportunities, or died after opportunity t_x + i.
template <class Visit>
void for_each_term(const OpportunityHistory& h, Visit&& visit) {
  visit(Term{h.x, h.n - h.x, 0, h.n});
  for (double i = 0; i < h.n - h.t_x; ++i) visit(Term{h.x, h.t_x - h.x + i, 1, h.t_x + i});
}

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

}  // namespace

FieldErrors check_histories(const std::vector<OpportunityHistory>& rows) {
  FieldErrors errors;
  if (rows.empty()) errors.push_back(field_error("histories", "histories_empty"));
  for (std::size_t r = 0; r < rows.size() && errors.size() < 5; ++r) {
    const OpportunityHistory& h = rows[r];
    const bool ok = whole(h.x) && whole(h.t_x) && whole(h.n) && h.n >= 1 && h.n <= 10000 && h.x >= 0 && h.x <= h.t_x &&
                    h.t_x <= h.n && (h.x > 0 || h.t_x == 0) && std::isfinite(h.count) && h.count > 0;
    if (!ok)
      errors.push_back(field_error("histories", "history_row_invalid",
                                   {number_argument("row", static_cast<double>(r + 1)), number_argument("x", h.x),
                                    number_argument("t_x", h.t_x), number_argument("n", h.n),
                                    number_argument("count", h.count)}));
  }
  return errors;
}

double bgbb_log_likelihood_and_gradient(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p,
                                        double gradient[4]) {
  const double psi_ab = digamma(p.alpha + p.beta), psi_gd = digamma(p.gamma + p.delta);
  const double base[4] = {digamma(p.alpha) - psi_ab, digamma(p.beta) - psi_ab, digamma(p.gamma) - psi_gd,
                          digamma(p.delta) - psi_gd};
  double total = 0;
  std::fill(gradient, gradient + 4, 0.0);
  std::vector<double> logs;
  std::vector<Term> terms;
  for (const OpportunityHistory& h : rows) {
    logs.clear(), terms.clear();
    for_each_term(h, [&](const Term& t) { terms.push_back(t), logs.push_back(log_term(p, t)); });
    const double high = *std::max_element(logs.begin(), logs.end());
    double sum = 0, g[4] = {0, 0, 0, 0};
    for (std::size_t k = 0; k < terms.size(); ++k) {
      // Each term's weight in the sum, and its gradient: d ln B(a + u, b + v) / da = ψ(a+u) − ψ(a+b+u+v).
      const double w = std::exp(logs[k] - high);
      const Term& t = terms[k];
      const double psi_both = digamma(p.alpha + p.beta + t.x + t.b), psi_gd_both = digamma(p.gamma + p.delta + t.g + t.d);
      sum += w;
      g[0] += w * (digamma(p.alpha + t.x) - psi_both - base[0]);
      g[1] += w * (digamma(p.beta + t.b) - psi_both - base[1]);
      g[2] += w * (digamma(p.gamma + t.g) - psi_gd_both - base[2]);
      g[3] += w * (digamma(p.delta + t.d) - psi_gd_both - base[3]);
    }
    total += h.count * (high + std::log(sum));
    for (int i = 0; i < 4; ++i) gradient[i] += h.count * g[i] / sum;
  }
  return total;
}

double bgbb_log_likelihood(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p) {
  double gradient[4];
  return bgbb_log_likelihood_and_gradient(rows, p, gradient);
}

Result<ModelFit<BgBbParameters>> fit_bgbb(const std::vector<OpportunityHistory>& rows) {
  FieldErrors errors = check_histories(rows);
  if (!errors.empty()) return errors;
  double customers = 0;
  for (const OpportunityHistory& h : rows) customers += h.count;
  // Minimise -LL per customer on log parameters, from a few starts (death rates near 0 put
  // gamma and delta in the hundreds or thousands, far from a start at 1).
  Objective objective = [&](const std::vector<double>& theta, std::vector<double>& gradient) {
    const BgBbParameters q{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])};
    double g[4];
    const double value = bgbb_log_likelihood_and_gradient(rows, q, g);
    const double scale[4] = {q.alpha, q.beta, q.gamma, q.delta};
    for (int i = 0; i < 4; ++i) gradient[i] = -g[i] * scale[i] / customers;
    return std::isfinite(value) ? -value / customers : std::numeric_limits<double>::infinity();
  };
  const Minimum best = minimize_bfgs_from(objective,
                                          {{0, 0, 0, 0}, {0, 0, std::log(10.0), std::log(100.0)},
                                           {0, std::log(5.0), std::log(100.0), std::log(1000.0)}},
                                          1000);
  return model_fit(BgBbParameters{std::exp(best.x[0]), std::exp(best.x[1]), std::exp(best.x[2]), std::exp(best.x[3])},
                   best, customers);
}

double bgbb_expected_purchases_new_customer(const BgBbParameters& p, double n) {
  // (alpha / (alpha + beta)) (delta / (gamma - 1)) [1 - Γ(γ+δ)Γ(1+δ+n) / (Γ(1+δ)Γ(γ+δ+n))], in logs;
  // summed opportunity by opportunity where gamma is near 1 (the closed form divides by gamma - 1).
  const double buy = p.alpha / (p.alpha + p.beta);
  if (std::fabs(p.gamma - 1) < 1e-6) {
    double total = 0;
    for (double t = 1; t <= n; ++t) total += std::exp(log_beta(p.gamma, p.delta + t - 1) - log_beta(p.gamma, p.delta));
    return buy * total;
  }
  const double log_ratio = std::lgamma(p.gamma + p.delta) - std::lgamma(1 + p.delta) + std::lgamma(1 + p.delta + n) -
                           std::lgamma(p.gamma + p.delta + n);
  return buy * p.delta / (p.gamma - 1) * -std::expm1(log_ratio);
}

namespace {

// ln L for one history.
double log_likelihood_of(const BgBbParameters& p, double x, double t_x, double n) {
  double total = -std::numeric_limits<double>::infinity();
  for_each_term(OpportunityHistory{x, t_x, n, 1}, [&](const Term& t) { total = log_sum_exp(total, log_term(p, t)); });
  return total;
}

// ln of the expected purchase at opportunity n + k given the history: alive through it and buying
// there, B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+k)/B(γ,δ) / L.
double log_expected_at(const BgBbParameters& p, double k, double x, double n, double log_l) {
  return log_beta(p.alpha + x + 1, p.beta + n - x) - log_beta(p.alpha, p.beta) + log_beta(p.gamma, p.delta + n + k) -
         log_beta(p.gamma, p.delta) - log_l;
}

}  // namespace

double bgbb_probability_alive(const BgBbParameters& p, double x, double t_x, double n) {
  const double alive = log_beta(p.alpha + x, p.beta + n - x) - log_beta(p.alpha, p.beta) +
                       log_beta(p.gamma, p.delta + n + 1) - log_beta(p.gamma, p.delta);
  return std::exp(alive - log_likelihood_of(p, x, t_x, n));
}

double bgbb_expected_purchases(const BgBbParameters& p, double future, double x, double t_x, double n) {
  const double log_l = log_likelihood_of(p, x, t_x, n);
  double total = 0;
  for (double k = 1; k <= future; ++k) total += std::exp(log_expected_at(p, k, x, n, log_l));
  return total;
}

double bgbb_dert(const BgBbParameters& p, double discount_rate, double x, double t_x, double n) {
  if (!(discount_rate > 0)) return std::numeric_limits<double>::infinity();
  const double log_l = log_likelihood_of(p, x, t_x, n), log_discount = std::log1p(discount_rate);
  double total = 0;
  for (double k = 1; k <= 100000; ++k) {
    const double term = std::exp(log_expected_at(p, k, x, n, log_l) - k * log_discount);
    total += term;
    if (term < 1e-15 * total) break;
  }
  return total;
}

}  // namespace retention
