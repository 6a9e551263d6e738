#include "retention/repeat_buying/pareto_nbd.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>

#include "retention/numerics/dual.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "repeat_buying/purchase_model_rows.hpp"

namespace retention {
namespace {

// ln of the series sum_k prod_{j<k} (e + j) / (c + j) z^k, 0 <= z < 1, e < c: its terms fall at
// least as fast as z^k, so the tail after a term is below term z / (1 - z).
template <class Number>
Number log_falling_series(const Number& e, const Number& c, const Number& z) {
  Number term(1.0), sum(1.0);
  const double bound = value_of(z) / (1 - value_of(z));
  for (int k = 0; k < 1'000'000; ++k) {
    term *= (e + k) / (c + k) * z;
    sum += term;
    if (value_of(term) * bound <= 1e-16 * value_of(sum)) return log(sum);
  }
  return Number(std::numeric_limits<double>::quiet_NaN());  // too close to 1 to sum: not a value
}

// ln F(tau), where A_0 = F(t_x) - F(T) in Fader & Hardie's note. F(tau) is
// 2F1(a, b; a + 1; z) / (alpha+tau)^a with a = r+s+x, b = s+1, z = (alpha-beta)/(alpha+tau) when
// alpha >= beta, and the same with the roles of alpha and beta swapped and b = r+x otherwise.
// Euler's transformation 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) turns the series into
// one whose terms only fall (no (b)_k growth for customers with many purchases), and
// ln(1 - z) is a difference of logarithms, without cancellation.
template <class Number>
Number log_f(const Number& r, const Number& alpha, const Number& s, const Number& beta, double x, double tau) {
  const Number a = r + s + x, log_alpha = log(alpha + tau), log_beta = log(beta + tau);
  if (value_of(alpha) >= value_of(beta)) {
    const Number z = (alpha - beta) / (alpha + tau);
    return -(r + x) * log_alpha - s * log_beta + log_falling_series(r + x, a + 1.0, z);
  }
  const Number z = (beta - alpha) / (beta + tau);
  return (1.0 - r - x) * log_alpha - (s + 1.0) * log_beta + log_falling_series(s + 1.0, a + 1.0, z);
}

// The two parts of one history's likelihood, without the factor Gamma(r+x) alpha^r beta^s / Gamma(r):
// alive at T, and died between t_x and T. `dead` is -inf when t_x = T.
template <class Number>
struct Parts {
  Number alive, dead;
  bool died_possible;
};

// `log_f_at(tau)` gives ln F(tau) for this history's x: computed, or looked up where many rows
// share it.
template <class Number, class LogF>
Parts<Number> parts(const Number& r, const Number& alpha, const Number& s, const Number& beta, double x, double t_x,
                    double T, const LogF& log_f_at) {
  Parts<Number> out{-(r + x) * log(alpha + T) - s * log(beta + T), Number(0.0), false};
  if (!(t_x < T)) return out;
  const Number at_last = log_f_at(t_x), at_end = log_f_at(T);
  const double gap = value_of(at_end) - value_of(at_last);
  if (!(gap < 0)) return out;  // t_x and T too close to tell apart: no time to die in
  out.dead = log(s) - log(r + s + x) + at_last + log(-expm1(at_end - at_last));
  out.died_possible = true;
  return out;
}

// Pareto/NBD's rows as its likelihood reads them, worked out once for a fit's many evaluations:
// ln F(tau) depends on x and tau alone (tau a row's t_x or T), and the rows share far fewer such
// pairs than they have rows (10,000,000 customers: 473,725 rows, some 70,000 pairs), so each
// hypergeometric series is summed once per pair and evaluation; ln(alpha+T) and ln(beta+T) once
// per distinct T. The sum over rows is unchanged, term for term.
struct ParetoRows {
  struct Row {
    double x, weight;
    std::uint32_t age;               // index into ages
    std::uint32_t at_last, at_end;   // indexes into pairs of (x, t_x) and (x, T); unused when t_x = T
    bool died_possible;              // t_x < T
  };
  std::vector<Row> rows;
  std::vector<std::pair<double, double>> pairs;  // (x, tau)
  std::vector<double> ages;
  int max_x = 0;

  explicit ParetoRows(const CustomerSummary& s) {
    struct PairHash {
      std::size_t operator()(const std::pair<double, double>& k) const {
        const std::hash<double> h;
        const std::size_t seed = h(k.first);
        return seed ^ (h(k.second) + 0x9e3779b9u + (seed << 6) + (seed >> 2));
      }
    };
    std::unordered_map<std::pair<double, double>, std::uint32_t, PairHash> pair_index;
    std::unordered_map<double, std::uint32_t> age_index;
    const auto index_of = [](auto& index, auto& values, const auto& key) {
      auto [it, added] = index.try_emplace(key, static_cast<std::uint32_t>(values.size()));
      if (added) values.push_back(key);
      return it->second;
    };
    rows.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double x = s.frequency[i], t_x = s.recency[i], T = s.age[i];
      Row row{x, s.weight_of(i), index_of(age_index, ages, T), 0, 0, t_x < T};
      if (row.died_possible) row.at_last = index_of(pair_index, pairs, std::pair{x, t_x}), row.at_end = index_of(pair_index, pairs, std::pair{x, T});
      rows.push_back(row);
      max_x = std::max(max_x, static_cast<int>(x));
    }
  }
};

// What each evaluation on prepared rows shares: ln F per (x, tau) pair, ln(alpha+T) and ln(beta+T)
// per distinct T, ln s - ln(r+s+x) per x.
template <class Number>
struct ParetoTerms {
  std::vector<Number> log_f_of, log_alpha_age, log_beta_age, log_s_over;
  ParetoTerms(const ParetoRows& rows, const Number& r, const Number& alpha, const Number& s, const Number& beta)
      : log_f_of(rows.pairs.size()), log_alpha_age(rows.ages.size()), log_beta_age(rows.ages.size()),
        log_s_over(static_cast<std::size_t>(rows.max_x) + 1) {
    for (std::size_t k = 0; k < rows.pairs.size(); ++k)
      log_f_of[k] = log_f(r, alpha, s, beta, rows.pairs[k].first, rows.pairs[k].second);
    for (std::size_t j = 0; j < rows.ages.size(); ++j)
      log_alpha_age[j] = log(alpha + rows.ages[j]), log_beta_age[j] = log(beta + rows.ages[j]);
    const Number log_s = log(s);
    for (int x = 0; x <= rows.max_x; ++x) log_s_over[x] = log_s - log(r + s + static_cast<double>(x));
  }
  // As parts() above: alive at T, and died between t_x and T (died_possible false: no time to).
  Parts<Number> row_parts(const ParetoRows::Row& row, const Number& r, const Number& s) const {
    Parts<Number> out{-(r + row.x) * log_alpha_age[row.age] - s * log_beta_age[row.age], Number(0.0), false};
    if (!row.died_possible) return out;
    const Number& at_last = log_f_of[row.at_last];
    const Number& at_end = log_f_of[row.at_end];
    if (!(value_of(at_end) - value_of(at_last) < 0)) return out;  // t_x and T too close to tell apart
    out.dead = log_s_over[static_cast<std::size_t>(row.x)] + at_last + log(-expm1(at_end - at_last));
    out.died_possible = true;
    return out;
  }
};

template <class Number>
Number log_likelihood_sum(const ParetoRows& rows, const Number& r, const Number& alpha, const Number& s,
                          const Number& beta) {
  const PrefixLogs<Number> gamma_ratio(r, rows.max_x);  // ln Γ(r+x)/Γ(r)
  const Number constant = r * log(alpha) + s * log(beta);
  const ParetoTerms<Number> terms(rows, r, alpha, s, beta);
  Number total(0.0);
  for (const ParetoRows::Row& row : rows.rows) {
    const Parts<Number> p = terms.row_parts(row, r, s);
    total += (gamma_ratio.at(row.x) + constant + (p.died_possible ? log_sum_exp(p.alive, p.dead) : p.alive)) * row.weight;
  }
  return total;
}

// [1 - (b / (b + t))^q] / q, and its limit ln((b + t) / b) at q = 0.
double relative_growth(double b, double t, double q) {
  const double log_ratio = std::log1p(t / b);
  return std::fabs(q) < 1e-10 ? log_ratio : -std::expm1(-q * log_ratio) / q;
}

class ParetoNbdModel final : public PurchaseModel {
 public:
  std::string_view name() const override { return "pareto_nbd"; }
  std::string_view label() const override { return "Pareto/NBD"; }
  std::vector<std::string_view> parameter_names() const override { return {"r", "alpha", "s", "beta"}; }
  double log_likelihood(const CustomerSummary& rows, const std::vector<double>& p,
                        std::vector<double>* gradient) const override {
    return on_rows(rows)(p, gradient);
  }
  RowsLogLikelihood on_rows(const CustomerSummary& rows) const override {
    return [prepared = std::make_shared<const ParetoRows>(rows)](const std::vector<double>& p, std::vector<double>* gradient) {
      return with_exact_gradient(p, gradient, [&](const auto&... q) { return log_likelihood_sum(*prepared, q...); });
    };
  }
  std::vector<std::vector<double>> starts(const CustomerSummary& rows) const override {
    const double age = std::max(1.0, mean_age(rows));
    return {{0, std::log(age / 4), 0, std::log(age / 4)},
            {std::log(0.5), std::log(age), std::log(0.5), std::log(age)}};
  }
  double probability_alive(const std::vector<double>& p, double x, double t_x, double T) const override {
    return pareto_nbd_probability_alive({p[0], p[1], p[2], p[3]}, x, t_x, T);
  }
  RowsProbabilityAlive probability_alive_on_rows(const CustomerSummary& rows) const override {
    // The series once per (x, tau) pair of the rows, as in the likelihood, for each parameter vector.
    return [prepared = std::make_shared<const ParetoRows>(rows)](const std::vector<double>& p, std::vector<double>& out) {
      const ParetoTerms<double> terms(*prepared, p[0], p[1], p[2], p[3]);
      out.resize(prepared->rows.size());
      for (std::size_t i = 0; i < out.size(); ++i) {
        const Parts<double> part = terms.row_parts(prepared->rows[i], p[0], p[2]);
        out[i] = part.died_possible ? std::exp(part.alive - log_sum_exp(part.alive, part.dead)) : 1.0;
      }
    };
  }
  double expected_purchases_if_alive(const std::vector<double>& p, double t, double x, double T) const override {
    return pareto_nbd_expected_purchases_if_alive({p[0], p[1], p[2], p[3]}, t, x, T);
  }
  double dropout_within(const std::vector<double>& p, double t, double x, double T) const override {
    return pareto_nbd_dropout_within({p[0], p[1], p[2], p[3]}, t, x, T);
  }
  double expected_purchases_new_customer(const std::vector<double>& p, double t) const override {
    return pareto_nbd_expected_purchases_new_customer({p[0], p[1], p[2], p[3]}, t);
  }
};

}  // namespace

double pareto_nbd_log_likelihood(const CustomerSummary& rows, const ParetoNbdParameters& p) {
  return log_likelihood_sum(ParetoRows(rows), p.r, p.alpha, p.s, p.beta);
}

double pareto_nbd_probability_alive(const ParetoNbdParameters& p, double x, double t_x, double T) {
  const Parts<double> part = parts(p.r, p.alpha, p.s, p.beta, x, t_x, T,
                                   [&](double tau) { return log_f(p.r, p.alpha, p.s, p.beta, x, tau); });
  return part.died_possible ? std::exp(part.alive - log_sum_exp(part.alive, part.dead)) : 1.0;
}

double pareto_nbd_expected_purchases_if_alive(const ParetoNbdParameters& p, double t, double x, double T) {
  // (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)], with its s = 1 limit.
  if (t <= 0) return 0;
  return (p.r + x) / (p.alpha + T) * (p.beta + T) * relative_growth(p.beta + T, t, p.s - 1);
}

double pareto_nbd_expected_purchases(const ParetoNbdParameters& p, double t, double x, double t_x, double T) {
  return pareto_nbd_probability_alive(p, x, t_x, T) * pareto_nbd_expected_purchases_if_alive(p, t, x, T);
}

double pareto_nbd_dropout_within(const ParetoNbdParameters& p, double t, double, double T) {
  // Alive at T, the dropout rate is Gamma(s, beta+T) whatever the purchases, and surviving t more
  // has chance E[exp(-mu t)] = ((beta+T)/(beta+T+t))^s.
  if (t <= 0) return 0;
  return -std::expm1(-p.s * std::log1p(t / (p.beta + T)));
}

double pareto_nbd_expected_purchases_new_customer(const ParetoNbdParameters& p, double t) {
  // r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].
  return p.r / p.alpha * p.beta * relative_growth(p.beta, t, p.s - 1);
}

const PurchaseModel& pareto_nbd_model() {
  static const ParetoNbdModel model;
  return model;
}

}  // namespace retention
