#include "retention/repeat_buying/mbg_nbd.hpp"

#include <cmath>
#include <memory>
#include <vector>

#include "repeat_buying/purchase_model_rows.hpp"
#include "retention/numerics/dual.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {
namespace {

// ln L = ln Γ(r+x)/Γ(r) + r ln alpha + ln B(a, b+x+1)/B(a, b)
//        + ln[(alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x)],
// the second term for dropping out right after the last purchase (for x = 0, the first).
// MBG/NBD's rows as its likelihood reads them: x, the weight, and T and t_x as indexes into their
// distinct values, whose logarithms an evaluation takes once each.
struct MbgNbdRows {
  std::vector<double> x, weight;
  DistinctTimes ages, recencies;
  int max_x = 0;

  explicit MbgNbdRows(const CustomerSummary& s) : x(s.frequency), weight(s.size()), ages(s.age), recencies(s.recency) {
    for (std::size_t i = 0; i < s.size(); ++i) weight[i] = s.weight_of(i);
    max_x = largest_frequency(s);
  }
};

template <class Number>
Number log_likelihood_sum(const MbgNbdRows& rows, const Number& r, const Number& alpha, const Number& a,
                          const Number& b) {
  const int max_x = rows.max_x;
  // ln B(a, b+x+1)/B(a, b) = sum over k <= x of ln(b+k) − ln(a+b+k).
  const PrefixLogs<Number> gamma_ratio(r, max_x), sum_b(b, max_x + 1), sum_ab(a + b, max_x + 1);
  const Number log_alpha = log(alpha), log_a = log(a);
  const auto logs_of = [&](const DistinctTimes& times) {  // ln(alpha + tau) per distinct tau
    std::vector<Number> out(times.values.size());
    for (std::size_t j = 0; j < out.size(); ++j) out[j] = log(alpha + times.values[j]);
    return out;
  };
  const std::vector<Number> log_age = logs_of(rows.ages), log_recency = logs_of(rows.recencies);
  std::vector<Number> dropped_factor(static_cast<std::size_t>(max_x) + 1);  // ln a - ln(b+x)
  for (int x = 0; x <= max_x; ++x) dropped_factor[x] = log_a - log(b + static_cast<double>(x));
  Number total(0.0);
  for (std::size_t i = 0; i < rows.x.size(); ++i) {
    const double x = rows.x[i];
    const Number alive = -(r + x) * log_age[rows.ages.at[i]];
    const Number dropped = dropped_factor[static_cast<std::size_t>(x)] - (r + x) * log_recency[rows.recencies.at[i]];
    const Number row =
        gamma_ratio.at(x) + r * log_alpha + sum_b.at(x + 1) - sum_ab.at(x + 1) + log_sum_exp(alive, dropped);
    total += row * rows.weight[i];
  }
  return total;
}

class MbgNbdModel final : public PurchaseModel {
 public:
  std::string_view name() const override { return "mbg_nbd"; }
  std::string_view label() const override { return "MBG/NBD"; }
  std::vector<std::string_view> parameter_names() const override { return {"r", "alpha", "a", "b"}; }
  double log_likelihood(const CustomerSummary& rows, const std::vector<double>& p,
                        std::vector<double>* gradient) const override {
    return on_rows(rows)(p, gradient);
  }
  RowsLogLikelihood on_rows(const CustomerSummary& rows) const override {
    return [prepared = std::make_shared<const MbgNbdRows>(rows)](const std::vector<double>& p, std::vector<double>* gradient) {
      return with_exact_gradient(p, gradient, [&](const auto&... q) { return log_likelihood_sum(*prepared, q...); });
    };
  }
  std::vector<std::vector<double>> starts(const CustomerSummary& rows) const override {
    return dropout_at_purchase_starts(rows);
  }
  double probability_alive(const std::vector<double>& p, double x, double t_x, double T) const override {
    return mbg_nbd_probability_alive({p[0], p[1], p[2], p[3]}, x, t_x, T);
  }
  double expected_purchases_if_alive(const std::vector<double>& p, double t, double x, double T) const override {
    return mbg_nbd_expected_purchases_if_alive({p[0], p[1], p[2], p[3]}, t, x, T);
  }
  void expected_purchases_if_alive_at(const std::vector<double>& p, double x, std::span<const double> T,
                                      std::span<const double> t, std::span<double> out) const override {
    mbg_nbd_expected_purchases_if_alive_at({p[0], p[1], p[2], p[3]}, x, T, t, out);
  }
  double dropout_within(const std::vector<double>& p, double t, double x, double T) const override {
    // A chance to drop after the first purchase and each of the x repeats: p ~ Beta(a, b+x+1).
    return dropout_at_purchases_within(p[0], p[1], p[2], p[3] + x + 1, t, x, T);
  }
  double expected_purchases_new_customer(const std::vector<double>& p, double t) const override {
    return mbg_nbd_expected_purchases_new_customer({p[0], p[1], p[2], p[3]}, t);
  }
};

}  // namespace

double mbg_nbd_log_likelihood(const CustomerSummary& rows, const MbgNbdParameters& p) {
  return log_likelihood_sum(MbgNbdRows(rows), p.r, p.alpha, p.a, p.b);
}

double mbg_nbd_probability_alive(const MbgNbdParameters& p, double x, double t_x, double T) {
  const double log_odds = std::log(p.a / (p.b + x)) + (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  return 1 / (1 + std::exp(log_odds));
}

// (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))]: BG/NBD's
// expectation of a customer alive at T, (a+b'+x-1)/(a-1) [1 - (...)^(r+x) 2F1(r+x, b'+x; a+b'+x-1; z)],
// with b' = b + 1, term for term. So BG/NBD's evaluation serves both (its Euler-transformed series
// and its sums at many times in one call).
namespace {
BgNbdParameters bg_nbd_with_b_plus_one(const MbgNbdParameters& p) { return {p.r, p.alpha, p.a, p.b + 1}; }
}  // namespace

double mbg_nbd_expected_purchases_if_alive(const MbgNbdParameters& p, double t, double x, double T) {
  return bgnbd_expected_purchases_if_alive(bg_nbd_with_b_plus_one(p), t, x, T);
}

void mbg_nbd_expected_purchases_if_alive_at(const MbgNbdParameters& p, double x, std::span<const double> T, std::span<const double> t,
                                            std::span<double> out) {
  bgnbd_expected_purchases_if_alive_at(bg_nbd_with_b_plus_one(p), x, T, t, out);
}

double mbg_nbd_expected_purchases(const MbgNbdParameters& p, double t, double x, double t_x, double T) {
  return mbg_nbd_probability_alive(p, x, t_x, T) * mbg_nbd_expected_purchases_if_alive(p, t, x, T);
}

double mbg_nbd_expected_purchases_new_customer(const MbgNbdParameters& p, double t) {
  // b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))].
  const double power = std::exp(p.r * (std::log(p.alpha) - std::log(p.alpha + t)));
  return p.b / (p.a - 1) * (1 - power * hypergeometric_2f1(p.r, p.b + 1, p.a + p.b, t / (p.alpha + t)));
}

const PurchaseModel& mbg_nbd_model() {
  static const MbgNbdModel model;
  return model;
}

}  // namespace retention
