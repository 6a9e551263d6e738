#include "retention/repeat_buying/purchase_model.hpp"

#include <cmath>
#include <limits>
#include <memory>

#include "retention/numerics/minimize.hpp"
#include "retention/numerics/observed_information.hpp"

namespace retention {
namespace {

// Above this many rows the starts are explored on a sample of about sample_fit_rows rows.
constexpr std::size_t large_fit_rows = 20'000;
constexpr std::size_t sample_fit_rows = 5'000;

// The likelihood that answers a repeat of its last call (the same parameters, a gradient asked for
// both times) from memory: the optimiser's last evaluation is at its minimum, where the observed
// information's differences start, and on a large log each evaluation is a pass over all its rows.
PurchaseModel::RowsLogLikelihood remembering_last(PurchaseModel::RowsLogLikelihood log_likelihood) {
  struct Last {
    std::vector<double> parameters, gradient;
    double value = 0;
  };
  return [log_likelihood = std::move(log_likelihood), last = std::make_shared<Last>()](const std::vector<double>& p,
                                                                                        std::vector<double>* gradient) {
    if (!gradient) return log_likelihood(p, nullptr);
    if (p == last->parameters) {
      *gradient = last->gradient;
      return last->value;
    }
    last->value = log_likelihood(p, gradient);
    last->parameters = p, last->gradient = *gradient;
    return last->value;
  };
}

}  // namespace

double PurchaseModelFit::aic() const { return 2.0 * static_cast<double>(parameter_count()) - 2 * log_likelihood; }

double PurchaseModelFit::bic() const {
  return static_cast<double>(parameter_count()) * std::log(customers) - 2 * log_likelihood;
}

std::vector<const PurchaseModel*> purchase_models() { return {&bg_nbd_model(), &mbg_nbd_model(), &pareto_nbd_model()}; }

Result<PurchaseModelFit> fit_purchase_model(const PurchaseModel& model, const CustomerSummary& given) {
  // Customers share histories (x, t_x and T fall on whole days; every one-time buyer first seen
  // on a day has the same one): the fit runs on one weighted row per distinct history when that
  // saves a fifth of the rows. Every likelihood is a weighted sum over rows, so it is the same
  // sum in another order; the fit costs a pass over the rows per evaluation, and there are tens.
  const CustomerSummary compressed = compress_for_purchases(given);
  return fit_purchase_model_on_distinct_rows(model, compressed.size() * 5 <= given.size() * 4 ? compressed : given);
}

Result<PurchaseModelFit> fit_purchase_model_on_distinct_rows(const PurchaseModel& model, const CustomerSummary& rows) {
  double repeaters = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) repeaters += rows.frequency[i] > 0 ? rows.weight_of(i) : 0;
  const double n = rows.customers();
  if (n < 10 || repeaters < 2)
    return field_error("transactions", "too_few_repeaters_model",
                       {text_argument("model", std::string(model.label())),
                        number_argument("repeaters", repeaters), number_argument("customers", n)});
  const std::size_t k = model.parameter_names().size();
  std::vector<double> natural(k), gradient(k);
  // Minimise -LL per customer of `on` on log-parameters, so every parameter stays positive.
  const auto objective_on = [&](const CustomerSummary& on, const PurchaseModel::RowsLogLikelihood& log_likelihood) -> Objective {
    const double customers = on.customers();
    return [&, customers, log_likelihood](const std::vector<double>& theta, std::vector<double>& out) {
      for (std::size_t i = 0; i < k; ++i) natural[i] = std::exp(theta[i]);
      const double value = log_likelihood(natural, &gradient);
      if (!std::isfinite(value)) return std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < k; ++i) out[i] = -gradient[i] * natural[i] / customers;
      return -value / customers;
    };
  };
  std::vector<std::vector<double>> starts = model.starts(rows);
  std::vector<double> curvature;
  if (rows.size() > large_fit_rows) {
    // Many rows: the starts are tried on a systematic sample of them (every stride-th row, its
    // weight times the stride), and only the best is refined on all: one full fit, not one per
    // start, and that one begins near the optimum.
    const std::size_t stride = rows.size() / sample_fit_rows + 1;
    CustomerSummary sample;
    sample.days_per_unit = rows.days_per_unit;
    for (std::size_t i = 0; i < rows.size(); i += stride) {
      sample.frequency.push_back(rows.frequency[i]), sample.recency.push_back(rows.recency[i]), sample.age.push_back(rows.age[i]);
      sample.weight.push_back(rows.weight_of(i) * static_cast<double>(stride));
    }
    const Minimum explored = minimize_bfgs_from(objective_on(sample, model.on_rows(sample)), starts, 500);
    // The sample's curvature is the full objective's, nearly (both are per customer): BFGS
    // starting from it needs a few iterations on all the rows instead of about twenty.
    if (std::isfinite(explored.value)) starts = {explored.x}, curvature = explored.inverse_hessian;
  }
  const PurchaseModel::RowsLogLikelihood on_all_rows = remembering_last(model.on_rows(rows));
  const Objective objective = objective_on(rows, on_all_rows);
  const Minimum best = curvature.empty() ? minimize_bfgs_from(objective, starts, 500)
                                         : minimize_bfgs(objective, starts.front(), 500, 1e-7, curvature);
  LogLikelihoodGradient gradient_in_logs = [&](const std::vector<double>& theta, std::vector<double>& out) {
    std::vector<double> p(k), g(k);
    for (std::size_t i = 0; i < k; ++i) p[i] = std::exp(theta[i]);
    on_all_rows(p, &g);
    out.resize(k);
    for (std::size_t i = 0; i < k; ++i) out[i] = g[i] * p[i];
  };
  const auto covariance = log_parameter_covariance(gradient_in_logs, best.x);
  PurchaseModelFit fit;
  fit.model = &model;
  fit.customers = n;
  fit.iterations = best.iterations;
  fit.converged = best.converged && std::isfinite(best.value);
  for (double theta : best.x) fit.parameters.push_back(std::exp(theta));
  fit.log_likelihood = -best.value * n;
  if (!fit.converged) fit.note = make_message("fit_not_converged");
  if (covariance) {
    fit.log_parameter_covariance = *covariance;
    fit.standard_errors = standard_errors_from_log_covariance(fit.parameters, *covariance);
  }
  return fit;
}

}  // namespace retention
