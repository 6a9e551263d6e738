#include "retention/repeat_buying/repeat_buying.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <unordered_map>

#include "retention/numerics/minimize.hpp"
#include "retention/numerics/observed_information.hpp"
#include "retention/numerics/special_functions.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "repeat_buying/purchase_model_rows.hpp"

namespace retention {
namespace {


// Prefix sums over k < n of ln(v + k) and 1/(v + k), for n = 0..max: Γ(v+n)/Γ(v) and its
// derivative for integer n without gamma functions.
struct PrefixSums {
  std::vector<double> log, inverse;
  PrefixSums(double v, int max) : log(static_cast<std::size_t>(max) + 1, 0.0), inverse(static_cast<std::size_t>(max) + 1, 0.0) {
    for (int k = 0; k < max; ++k) {
      log[k + 1] = log[k] + std::log(v + k);
      inverse[k + 1] = inverse[k] + 1 / (v + k);
    }
  }
};

// BG/NBD's rows as its likelihood reads them: x and the weight, and T and t_x as indexes into
// their distinct values, whose logarithms an evaluation then takes once each (times on a grid of
// days have a few hundred, however many the customers).
struct BgNbdRows {
  std::vector<int> x;
  std::vector<double> weight;
  DistinctTimes ages, recencies;
  int max_x = 0;

  explicit BgNbdRows(const CustomerSummary& s) : x(s.size()), weight(s.size()), ages(s.age), recencies(s.recency) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      x[i] = static_cast<int>(s.frequency[i]), weight[i] = s.weight_of(i);
      max_x = std::max(max_x, x[i]);
    }
  }
};

// For each distinct time tau: ln(1 + tau/alpha), tau/alpha and 1/(alpha + tau).
struct TimeTerms {
  std::vector<double> growth, ratio, inverse;
  TimeTerms(const std::vector<double>& times, double alpha) : growth(times.size()), ratio(times.size()), inverse(times.size()) {
    for (std::size_t j = 0; j < times.size(); ++j) {
      ratio[j] = times[j] / alpha, growth[j] = std::log1p(ratio[j]), inverse[j] = 1 / (alpha + times[j]);
    }
  }
};

// The weighted sum of ln f over many factors f in [1, 2], with a logarithm per thousand factors
// rather than per factor: factors of rows with the same small whole weight are multiplied (a
// thousand of them stay below 2^1000, within a double's range) and the product's logarithm taken
// when it is full. The products' rounding (a thousand ulps of a product, 1e-13 of a logarithm of
// up to 700) is far below that of summing the rows' terms one by one.
class WeightedLogSum {
 public:
  void add(double weight, double factor) {
    const int w = static_cast<int>(weight);
    if (w < 1 || w > largest_grouped || w != weight) {
      logs_ += weight * std::log(factor);
      return;
    }
    Group& g = groups_[w];
    g.product *= factor;
    if (++g.factors == factors_per_logarithm) logs_ += w * std::log(g.product), g.product = 1, g.factors = 0;
  }
  double sum() const {
    double total = logs_;
    for (int w = 1; w <= largest_grouped; ++w) total += w * std::log(groups_[w].product);
    return total;
  }

 private:
  static constexpr int largest_grouped = 16, factors_per_logarithm = 1000;
  struct Group {
    double product = 1;
    int factors = 0;
  };
  Group groups_[largest_grouped + 1];
  double logs_ = 0;
};

// BG/NBD log-likelihood and its gradient in (r, alpha, a, b). Per row, with g(tau) = ln(1 + tau/alpha):
//   ln L = ln Γ(r+x)/Γ(r) + ln[e^A + e^B],  A = ln B(a, b+x)/B(a, b) - x ln alpha - (r+x) g(T),
//   B (x > 0) = ln a + ln B(a, b+x-1)/B(a, b) (as prefix sums) - x ln alpha - (r+x) g(t_x),
// which is Fader, Hardie & Lee's r ln alpha - (r+x) ln(alpha+tau) without its cancellation: r and
// alpha can run to a limit together (customers who all buy at one rate), and at 1e13 the two
// logarithms' difference would have lost its last digits.
double bgnbd_value_and_gradient(const BgNbdRows& s, const BgNbdParameters& p, double gradient[4]) {
  const int max_x = s.max_x + 1;
  const PrefixSums sum_r(p.r, max_x), sum_b(p.b, max_x), sum_ab(p.a + p.b, max_x);
  const double log_alpha = std::log(p.alpha), log_a = std::log(p.a), inverse_a = 1 / p.a;
  const TimeTerms age(s.ages.values, p.alpha), recency(s.recencies.values, p.alpha);
  double total = 0;
  WeightedLogSum shares;  // the rows' ln(1 + ratio) below
  for (int i = 0; i < 4; ++i) gradient[i] = 0;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    const int x = s.x[i];
    const std::uint32_t T = s.ages.at[i], t_x = s.recencies.at[i];
    const double rx = p.r + x;
    const double alive = sum_b.log[x] - sum_ab.log[x] - x * log_alpha - rx * age.growth[T];
    double value = sum_r.log[x], w2 = 1, w3 = 0, grow_t = 0;
    if (x > 0) {
      grow_t = recency.growth[t_x];
      const double dropped = log_a + sum_b.log[x - 1] - sum_ab.log[x] - x * log_alpha - rx * grow_t;
      // ln(e^alive + e^dropped) = the larger + ln(1 + ratio), ratio = the smaller's exponential
      // over the larger's, and each term's share of it: the exponential and that logarithm are
      // most of a fit's time on many rows. ln(1 + ratio), not log1p: it is added to the larger
      // term, so log1p's extra digits for a tiny ratio would be lost in that sum anyway; and
      // WeightedLogSum takes one logarithm per thousand rows.
      const double high = std::max(alive, dropped), ratio = std::exp(std::min(alive, dropped) - high);
      const double share = 1 / (1 + ratio);
      (alive >= dropped ? w2 : w3) = share, (alive >= dropped ? w3 : w2) = ratio * share;
      value += high;
      shares.add(s.weight[i], 1 + ratio);
    } else {
      value += alive;
    }
    const double n = s.weight[i];  // the customers this row stands for
    total += n * value;
    gradient[0] += n * (sum_r.inverse[x] - w2 * age.growth[T] - w3 * grow_t);
    // d/d alpha of r ln alpha - (r+x) ln(alpha+tau) is (r tau/alpha - x)/(alpha+tau).
    gradient[1] += n * (w2 * (p.r * age.ratio[T] - x) * age.inverse[T] +
                        (x > 0 ? w3 * (p.r * recency.ratio[t_x] - x) * recency.inverse[t_x] : 0));
    gradient[2] += n * (-sum_ab.inverse[x] + w3 * inverse_a);
    gradient[3] += n * (w2 * sum_b.inverse[x] + (x > 0 ? w3 * sum_b.inverse[x - 1] : 0) - sum_ab.inverse[x]);
  }
  return total + shares.sum();
}


// What the Gamma-Gamma likelihood needs of the customers with x > 0 and a positive mean spend m:
// the terms in p, q and x alone are shared by everyone with the same x, so they are summed once
// per distinct x (their log-gammas and digammas are most of the cost); only ln(gamma + m x)
// remains per customer.
struct GammaGammaData {
  struct SameFrequency {
    double x = 0, weight = 0, weighted_log_spend = 0;  // sum of w ln m over these customers
  };
  std::vector<SameFrequency> by_frequency;
  std::vector<double> frequency, total_spend, weight;  // per customer: x, m x, w
};

GammaGammaData gamma_gamma_data(const CustomerSummary& s) {
  GammaGammaData d;
  std::unordered_map<std::int64_t, std::size_t> index_of_x;  // by the bits of x
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double x = s.frequency[i], m = s.monetary[i], w = s.weight_of(i);
    if (x <= 0 || m <= 0) continue;
    std::int64_t bits;
    std::memcpy(&bits, &x, sizeof bits);  // std::bit_cast, which this toolchain's library lacks
    auto [it, added] = index_of_x.try_emplace(bits, d.by_frequency.size());
    if (added) d.by_frequency.push_back({x, 0, 0});
    d.by_frequency[it->second].weight += w;
    d.by_frequency[it->second].weighted_log_spend += w * std::log(m);
    d.frequency.push_back(x), d.total_spend.push_back(m * x), d.weight.push_back(w);
  }
  return d;
}

// Gamma-Gamma log-likelihood (Fader & Hardie 2013 note) and its gradient in (p, q, gamma).
double gamma_gamma_value_and_gradient(const GammaGammaData& d, const GammaGammaParameters& g, double gradient[3]) {
  double total = 0;
  for (int i = 0; i < 3; ++i) gradient[i] = 0;
  const double lgamma_q = std::lgamma(g.q), log_gamma = std::log(g.gamma), digamma_q = digamma(g.q);
  for (const GammaGammaData::SameFrequency& f : d.by_frequency) {
    const double px = g.p * f.x, log_x = std::log(f.x), digamma_sum = digamma(px + g.q);
    total += f.weight * (std::lgamma(px + g.q) - std::lgamma(px) - lgamma_q + g.q * log_gamma + px * log_x) +
             (px - 1) * f.weighted_log_spend;
    gradient[0] += f.x * (f.weight * (digamma_sum - digamma(px) + log_x) + f.weighted_log_spend);
    gradient[1] += f.weight * (digamma_sum - digamma_q + log_gamma);
  }
  for (std::size_t i = 0; i < d.frequency.size(); ++i) {
    const double px = g.p * d.frequency[i], n = d.weight[i], log_total = std::log(g.gamma + d.total_spend[i]);
    total -= n * (px + g.q) * log_total;
    gradient[0] -= n * d.frequency[i] * log_total;
    gradient[1] -= n * log_total;
    gradient[2] += n * (g.q / g.gamma - (px + g.q) / (g.gamma + d.total_spend[i]));
  }
  return total;
}

// Far along a direction to a limit, and the data cannot tell the fit from 1,000 times further
// (a likelihood-ratio test at 5%: twice the loss below 3.84), so the parameters moving along it
// are not estimates.
constexpr double limit_step = 1000, flat_log_likelihood = 3.84 / 2, far_along = 1000;

template <class Parameters, class LogLikelihood>
bool flat_towards(const LogLikelihood& log_likelihood, double at_fit, const Parameters& further) {
  const double there = log_likelihood(further);
  return std::isfinite(there) && there >= at_fit - flat_log_likelihood;
}

}  // namespace

double bgnbd_log_likelihood(const CustomerSummary& summary, const BgNbdParameters& p) {
  double gradient[4];
  return bgnbd_value_and_gradient(BgNbdRows(summary), p, gradient);
}

BgNbdLimits bgnbd_limits(const CustomerSummary& summary, const BgNbdParameters& p, double at_fit) {
  auto ll = [&](const BgNbdParameters& q) { return bgnbd_log_likelihood(summary, q); };
  BgNbdLimits limits;
  // No dropout: both ways of sending a/(a+b) to 0 (a down, b up) lose nothing.
  limits.no_dropout = bgnbd_dropout_per_purchase(p) < 1 / far_along &&
                      flat_towards(ll, at_fit, BgNbdParameters{p.r, p.alpha, p.a / limit_step, p.b * limit_step});
  limits.same_dropout = !limits.no_dropout && p.a + p.b > far_along &&
                        flat_towards(ll, at_fit, BgNbdParameters{p.r, p.alpha, p.a * limit_step, p.b * limit_step});
  limits.same_purchase_rate =
      p.r > far_along && flat_towards(ll, at_fit, BgNbdParameters{p.r * limit_step, p.alpha * limit_step, p.a, p.b});
  return limits;
}

GammaGammaLimits gamma_gamma_limits(const CustomerSummary& summary, const ModelFit<GammaGammaParameters>& fit) {
  const GammaGammaParameters& g = fit.parameters;
  auto ll = [&](const GammaGammaParameters& h) { return gamma_gamma_log_likelihood(summary, h); };
  GammaGammaLimits limits;
  // Both keep the mean spend per purchase p*gamma/(q-1) while moving along the limit.
  limits.same_mean_spend =
      g.q > far_along && flat_towards(ll, fit.log_likelihood, GammaGammaParameters{g.p, 1 + (g.q - 1) * limit_step, g.gamma * limit_step});
  limits.steady_spend =
      g.p > far_along && flat_towards(ll, fit.log_likelihood, GammaGammaParameters{g.p * limit_step, g.q, g.gamma / limit_step});
  return limits;
}

double bgnbd_probability_alive(const BgNbdParameters& p, double x, double t_x, double T) {
  if (x <= 0) return 1;
  const double log_odds = std::log(p.a / (p.b + x - 1)) + (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  return 1 / (1 + std::exp(log_odds));
}

double hypergeometric_2f1(double a, double b, double c, double z) {
  // Terms t_k = (a)_k (b)_k / ((c)_k k!) z^k, each from the one before.
  double term = 1, sum = 1;
  for (int k = 0; k < 100000; ++k) {
    term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (std::fabs(term) < 1e-15 * std::fabs(sum)) break;
    if (!std::isfinite(sum)) return std::numeric_limits<double>::infinity();
  }
  return sum;
}

void hypergeometric_2f1_at(double a, double b, double c, std::span<const double> z, std::span<double> out) {
  // In groups of up to `group` z's. The series still summing are kept packed at the front (a
  // finished one swaps places with the last still summing), so that each term is one tight loop
  // over them, and the test for the finished ones a second.
  constexpr std::size_t group = 256;
  for (std::size_t first = 0; first < z.size(); first += group) {
    const std::size_t n = std::min(group, z.size() - first);
    double term[group], sum[group], at[group];
    std::size_t index[group];  // which z each place holds
    for (std::size_t j = 0; j < n; ++j) term[j] = 1, sum[j] = 1, at[j] = z[first + j], index[j] = j;
    std::size_t still = n;
    for (int k = 0; k < 100000 && still > 0; ++k) {
      const double ratio = (a + k) * (b + k) / ((c + k) * (k + 1));
      for (std::size_t o = 0; o < still; ++o) {
        term[o] *= ratio * at[o];
        sum[o] += term[o];
      }
      for (std::size_t o = 0; o < still;) {
        const bool converged = std::fabs(term[o]) < 1e-15 * std::fabs(sum[o]);
        if (!converged && std::isfinite(sum[o])) {
          ++o;
          continue;
        }
        out[first + index[o]] = converged ? sum[o] : std::numeric_limits<double>::infinity();
        --still;
        term[o] = term[still], sum[o] = sum[still], at[o] = at[still], index[o] = index[still];
      }
    }
    for (std::size_t o = 0; o < still; ++o) out[first + index[o]] = sum[o];  // out of terms
  }
}

double bgnbd_expected_purchases_if_alive(const BgNbdParameters& p, double t, double x, double T) {
  // (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
  // (Fader, Hardie & Lee 2005, eq. 10, without its P(alive) factor).
  // Euler's transformation (DLMF 15.8.1) turns the power times 2F1 into
  // (1 - z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), a series whose terms shrink from the first
  // for any x (the original's grow for hundreds of terms when x is large), so it needs far
  // fewer terms and loses no digits.
  if (t <= 0) return 0;
  const double z = t / (p.alpha + T + t);
  const double power = std::exp((p.a - 1) * (std::log(p.alpha + T) - std::log(p.alpha + T + t)));
  return (p.a + p.b + x - 1) / (p.a - 1) * (1 - power * hypergeometric_2f1(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z));
}

void bgnbd_expected_purchases_if_alive_at(const BgNbdParameters& p, double x, std::span<const double> T, std::span<const double> t,
                                          std::span<double> out) {
  // As above, term for term, with the series summed at every z at once.
  std::vector<double> z(t.size());
  for (std::size_t j = 0; j < t.size(); ++j) z[j] = t[j] > 0 ? t[j] / (p.alpha + T[j] + t[j]) : 0;
  hypergeometric_2f1_at(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1, z, out);
  for (std::size_t j = 0; j < t.size(); ++j) {
    if (t[j] <= 0) {
      out[j] = 0;
      continue;
    }
    const double power = std::exp((p.a - 1) * (std::log(p.alpha + T[j]) - std::log(p.alpha + T[j] + t[j])));
    out[j] = (p.a + p.b + x - 1) / (p.a - 1) * (1 - power * out[j]);
  }
}

double bgnbd_expected_purchases(const BgNbdParameters& p, double t, double x, double t_x, double T) {
  return bgnbd_probability_alive(p, x, t_x, T) * bgnbd_expected_purchases_if_alive(p, t, x, T);
}

double bgnbd_dropout_within(const BgNbdParameters& p, double t, double x, double T) {
  // A chance to drop after each of the x repeat purchases: p ~ Beta(a, b+x) given survival.
  return dropout_at_purchases_within(p.r, p.alpha, p.a, p.b + x, t, x, T);
}

double bgnbd_expected_purchases_new_customer(const BgNbdParameters& p, double t) {
  const double hyper = hypergeometric_2f1(p.r, p.b, p.a + p.b - 1, t / (p.alpha + t));
  return (p.a + p.b - 1) / (p.a - 1) * (1 - std::pow(p.alpha / (p.alpha + t), p.r) * hyper);
}

double gamma_gamma_log_likelihood(const CustomerSummary& summary, const GammaGammaParameters& p) {
  double gradient[3];
  return gamma_gamma_value_and_gradient(gamma_gamma_data(summary), p, gradient);
}

Result<ModelFit<GammaGammaParameters>> fit_gamma_gamma(const CustomerSummary& summary) {
  double repeaters = 0, mean_spend = 0;
  for (std::size_t i = 0; i < summary.size(); ++i)
    if (summary.frequency[i] > 0 && summary.monetary[i] > 0)
      repeaters += summary.weight_of(i), mean_spend += summary.weight_of(i) * summary.monetary[i];
  if (repeaters < 10)
    return field_error("transactions", "too_few_repeaters_gamma_gamma", {number_argument("repeaters", repeaters)});
  mean_spend /= repeaters;
  const double n = repeaters;
  const GammaGammaData data = gamma_gamma_data(summary);
  Objective objective = [&](const std::vector<double>& theta, std::vector<double>& gradient) {
    const GammaGammaParameters g{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2])};
    double grad[3];
    const double value = gamma_gamma_value_and_gradient(data, g, grad);
    const double scale[3] = {g.p, g.q, g.gamma};
    for (int i = 0; i < 3; ++i) gradient[i] = -grad[i] * scale[i] / n;
    return -value / n;
  };
  const Minimum best = minimize_bfgs(objective, {0, 0, std::log(mean_spend)});
  ModelFit<GammaGammaParameters> fit =
      model_fit(GammaGammaParameters{std::exp(best.x[0]), std::exp(best.x[1]), std::exp(best.x[2])}, best, n);
  LogLikelihoodGradient gradient_in_logs = [&](const std::vector<double>& theta, std::vector<double>& out) {
    const GammaGammaParameters g{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2])};
    double grad[3];
    gamma_gamma_value_and_gradient(data, g, grad);
    out = {grad[0] * g.p, grad[1] * g.q, grad[2] * g.gamma};
  };
  if (const auto covariance = log_parameter_covariance(gradient_in_logs, best.x)) {
    const GammaGammaParameters& g = fit.parameters;
    fit.log_parameter_covariance = *covariance;
    fit.standard_errors = standard_errors_from_log_covariance({g.p, g.q, g.gamma}, *covariance);
  }
  return fit;
}

double gamma_gamma_expected_spend(const GammaGammaParameters& g, double x, double mean_spend) {
  // E[Z | x, m] = (p x + q - 1)/(p x + q - 1 + ... ): the posterior mean (Fader & Hardie 2013).
  const double weight = g.p * x / (g.p * x + g.q - 1);
  return (1 - weight) * (g.gamma * g.p / (g.q - 1)) + weight * mean_spend;
}

namespace {

// BG/NBD behind the shared interface, on the analytic gradient above.
class BgNbdModel final : public PurchaseModel {
 public:
  std::string_view name() const override { return "bg_nbd"; }
  std::string_view label() const override { return "BG/NBD"; }
  std::vector<std::string_view> parameter_names() const override { return {"r", "alpha", "a", "b"}; }
  double log_likelihood(const CustomerSummary& rows, const std::vector<double>& p,
                        std::vector<double>* gradient) const override {
    return on_rows(rows)(p, gradient);
  }
  RowsLogLikelihood on_rows(const CustomerSummary& rows) const override {
    return [prepared = std::make_shared<const BgNbdRows>(rows)](const std::vector<double>& p, std::vector<double>* gradient) {
      double g[4];
      const double value = bgnbd_value_and_gradient(*prepared, parameters(p), g);
      if (gradient) gradient->assign(g, g + 4);
      return value;
    };
  }
  std::vector<std::vector<double>> starts(const CustomerSummary& rows) const override {
    return dropout_at_purchase_starts(rows);
  }
  double probability_alive(const std::vector<double>& p, double x, double t_x, double T) const override {
    return bgnbd_probability_alive(parameters(p), x, t_x, T);
  }
  double expected_purchases_if_alive(const std::vector<double>& p, double t, double x, double T) const override {
    return bgnbd_expected_purchases_if_alive(parameters(p), t, x, T);
  }
  void expected_purchases_if_alive_at(const std::vector<double>& p, double x, std::span<const double> T,
                                      std::span<const double> t, std::span<double> out) const override {
    bgnbd_expected_purchases_if_alive_at(parameters(p), x, T, t, out);
  }
  double dropout_within(const std::vector<double>& p, double t, double x, double T) const override {
    return bgnbd_dropout_within(parameters(p), t, x, T);
  }
  double expected_purchases_new_customer(const std::vector<double>& p, double t) const override {
    return bgnbd_expected_purchases_new_customer(parameters(p), t);
  }

 private:
  static BgNbdParameters parameters(const std::vector<double>& p) { return {p[0], p[1], p[2], p[3]}; }
};

}  // namespace

const PurchaseModel& bg_nbd_model() {
  static const BgNbdModel model;
  return model;
}

}  // namespace retention
