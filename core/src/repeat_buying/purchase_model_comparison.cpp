#include "retention/repeat_buying/purchase_model_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace retention {
namespace {

// A parameter is no estimate when one standard error of its logarithm spans more than a factor
// of e^5 (about 150) either way: the likelihood is flat along it, as it is towards a limit.
constexpr double loosest_log_standard_error = 5;

std::vector<bool> estimated_parameters(const PurchaseModelFit& fit) {
  const std::size_t k = fit.parameter_count();
  std::vector<bool> estimated(k, false);
  if (!fit.converged || fit.log_parameter_covariance.size() != k * k) return estimated;
  for (std::size_t i = 0; i < k; ++i) {
    const double variance = fit.log_parameter_covariance[i * k + i];
    estimated[i] = std::isfinite(variance) && variance >= 0 && std::sqrt(variance) < loosest_log_standard_error;
  }
  return estimated;
}

PurchaseModelResult fit_one(const PurchaseModel& model, const CustomerSummary& rows) {
  PurchaseModelResult result;
  result.model = &model;
  Result<PurchaseModelFit> fit = fit_purchase_model_on_distinct_rows(model, rows);
  if (!fit.ok()) {
    result.error = make_message(fit.errors().front().code, fit.errors().front().arguments);
    return result;
  }
  result.fit = std::move(fit.value());
  result.estimated = estimated_parameters(*result.fit);
  if (model.name() == bg_nbd_model().name()) {
    const std::vector<double>& p = result.fit->parameters;
    const BgNbdLimits limits = bgnbd_limits(rows, {p[0], p[1], p[2], p[3]}, result.fit->log_likelihood);
    result.bg_nbd_limits = limits;
    result.no_dropout = limits.no_dropout;
    const bool rates = !limits.same_purchase_rate, dropout = !limits.no_dropout && !limits.same_dropout;
    for (std::size_t i = 0; i < 4; ++i) result.estimated[i] = result.estimated[i] && (i < 2 ? rates : dropout);
  }
  return result;
}

double rounded(double value, double step) { return std::round(value / step) * step; }

// The holdout columns: each model's expected repeat purchases per customer against the actual.
// A customer's expectation is their row's: P(alive) and the expectation if alive are computed
// once per row and once per (x, T), not once per customer.
void assess_holdout(PurchaseModelComparison& c, const CustomerSummary& s, const CustomerSummary& rows,
                    const std::vector<std::uint32_t>& row_of_customer) {
  c.holdout_units = s.holdout_end_day > s.calibration_end_day
                        ? (s.holdout_end_day - s.calibration_end_day) / s.days_per_unit : 0;
  if (c.holdout_units <= 0 || s.size() == 0) return;
  const double h = c.holdout_units, n = static_cast<double>(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    c.holdout_actual += s.holdout_frequency[i];
    const double naive = s.age[i] > 0 ? s.frequency[i] / s.age[i] * h : 0;
    c.naive_holdout_expected += naive;
    c.naive_holdout_mean_absolute_error += std::fabs(naive - s.holdout_frequency[i]) / n;
  }
  std::vector<double> expected_by_row(rows.size());
  for (PurchaseModelResult& m : c.models) {
    if (!m.fitted()) continue;
    std::unordered_map<std::int64_t, double> if_alive;  // by (x, T): one evaluation per key
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const double x = rows.frequency[r], T = rows.age[r];
      auto [it, inserted] = if_alive.try_emplace(purchase_history_key(x, T, s.days_per_unit), 0.0);
      if (inserted) it->second = m.expected_purchases_if_alive(h, x, T);
      expected_by_row[r] = m.probability_alive_by_row[r] * it->second;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double expected = expected_by_row[row_of_customer[i]];
      m.holdout_expected += expected;
      m.holdout_mean_absolute_error += std::fabs(expected - s.holdout_frequency[i]) / n;
    }
  }
}

// The best model: by the holdout where there is one (predictions on purchases the fit did not
// see are what the user acts on), else by BIC (which penalises parameters in favour of the
// simpler model the data cannot tell apart from the richer one).
void choose_best(PurchaseModelComparison& c, bool dated) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < c.models.size(); ++i)
    if (c.models[i].fitted() && c.models[i].fit->converged) candidates.push_back(i);
  if (candidates.empty())
    for (std::size_t i = 0; i < c.models.size(); ++i)
      if (c.models[i].fitted()) candidates.push_back(i);
  const auto label = [&](std::size_t i) { return std::string(c.models[i].model->label()); };
  if (candidates.size() == 1) {
    c.best = candidates.front(), c.best_by = "only";
    c.best_reason = make_message("best_model_only", {text_argument("model", label(c.best))});
    return;
  }
  const bool by_holdout = c.holdout_units > 0;
  const auto score = [&](std::size_t i) {
    return by_holdout ? c.models[i].holdout_mean_absolute_error : c.models[i].fit->bic();
  };
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t l, std::size_t r) { return score(l) < score(r); });
  c.best = candidates[0];
  const std::size_t runner_up = candidates[1];
  if (by_holdout) {
    c.best_by = "holdout";
    c.best_reason = make_message(
        "best_model_holdout",
        {text_argument("model", label(c.best)), number_argument("error", rounded(score(c.best), 0.001)),
         text_argument("runner_up", label(runner_up)), number_argument("runner_up_error", rounded(score(runner_up), 0.001)),
         number_argument("naive_error", rounded(c.naive_holdout_mean_absolute_error, 0.001))});
    return;
  }
  c.best_by = "bic";
  const double gap = score(runner_up) - score(c.best);
  // A BIC difference below 2 is "not worth more than a bare mention" (Kass & Raftery 1995).
  const std::string code = gap < 2 ? "best_model_bic_close" : "best_model_bic";
  c.best_reason = make_message(dated ? code : code + "_summary",
                               {text_argument("model", label(c.best)), text_argument("runner_up", label(runner_up)),
                                number_argument("gap", rounded(gap, 0.1))});
}

}  // namespace

bool PurchaseModelResult::all_estimated() const {
  return std::all_of(estimated.begin(), estimated.end(), [](bool e) { return e; });
}

double capped_expected_purchases_if_alive(const PurchaseModel& model, const std::vector<double>& p, double t, double x,
                                          double T) {
  const double never_stopping = (p[0] + x) / (p[1] + T) * t;
  const double expected = model.expected_purchases_if_alive(p, t, x, T);
  return std::isfinite(expected) ? std::clamp(expected, 0.0, never_stopping) : never_stopping;
}

void capped_expected_purchases_if_alive_at(const PurchaseModel& model, const std::vector<double>& p, double x,
                                           std::span<const double> T, std::span<const double> t, std::span<double> out) {
  model.expected_purchases_if_alive_at(p, x, T, t, out);
  for (std::size_t j = 0; j < t.size(); ++j) {
    const double never_stopping = (p[0] + x) / (p[1] + T[j]) * t[j];
    out[j] = std::isfinite(out[j]) ? std::clamp(out[j], 0.0, never_stopping) : never_stopping;
  }
}

void PurchaseModelResult::expected_purchases_if_alive_at(double x, std::span<const double> T, std::span<const double> t,
                                                         std::span<double> out) const {
  const std::vector<double>& p = fit->parameters;
  if (!no_dropout) return capped_expected_purchases_if_alive_at(*model, p, x, T, t, out);
  for (std::size_t j = 0; j < t.size(); ++j) out[j] = (p[0] + x) / (p[1] + T[j]) * t[j];
}

double PurchaseModelResult::expected_purchases_if_alive(double t, double x, double T) const {
  const std::vector<double>& p = fit->parameters;
  // Without dropout every model is the NBD, the formulas' limit: never stopping.
  if (no_dropout) return (p[0] + x) / (p[1] + T) * t;
  return capped_expected_purchases_if_alive(*model, p, t, x, T);
}

double PurchaseModelResult::probability_alive(double x, double t_x, double T) const {
  return no_dropout ? 1.0 : model->probability_alive(fit->parameters, x, t_x, T);
}

double PurchaseModelResult::dropout_within(double t, double x, double T) const {
  return no_dropout ? 0.0 : model->dropout_within(fit->parameters, t, x, T);
}

const PurchaseModelResult* PurchaseModelComparison::find(const std::string& name) const {
  for (const PurchaseModelResult& m : models)
    if (m.model->name() == name) return &m;
  return nullptr;
}

std::int64_t purchase_history_key(double x, double T, double days_per_unit) {
  return static_cast<std::int64_t>(x) * 4'000'000 + static_cast<std::int64_t>(std::llround(T * days_per_unit));
}

Result<PurchaseModelComparison> compare_purchase_models(const CustomerSummary& summary, const CustomerSummary& rows,
                                                        const std::vector<std::uint32_t>& row_of_customer,
                                                        bool dated) {
  PurchaseModelComparison c;
  for (const PurchaseModel* model : purchase_models()) c.models.push_back(fit_one(*model, rows));
  if (std::none_of(c.models.begin(), c.models.end(), [](const PurchaseModelResult& m) { return m.fitted(); }))
    return field_error("transactions", c.models.front().error.code, c.models.front().error.arguments);
  for (PurchaseModelResult& m : c.models) {
    if (!m.fitted()) continue;
    m.probability_alive_by_row.resize(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r)
      m.probability_alive_by_row[r] = m.probability_alive(rows.frequency[r], rows.recency[r], rows.age[r]);
  }
  assess_holdout(c, summary, rows, row_of_customer);
  choose_best(c, dated);
  return c;
}

}  // namespace retention
