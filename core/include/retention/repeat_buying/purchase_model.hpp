#pragma once
// The one interface of the non-contractual, continuous-time repeat-buying models (BG/NBD,
// MBG/NBD, Pareto/NBD): each is a log-likelihood on weighted (x, t_x, T) rows with its exact
// gradient, a few starting points, and its predictions. Fitting, standard errors and the
// comparison are written once, here, for all of them.
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "retention/common/message.hpp"
#include "retention/common/result.hpp"
#include "retention/repeat_buying/customer_summary.hpp"

namespace retention {

class PurchaseModel {
 public:
  virtual ~PurchaseModel() = default;
  virtual std::string_view name() const = 0;   // "bg_nbd", "mbg_nbd", "pareto_nbd"
  virtual std::string_view label() const = 0;  // as people write it: "BG/NBD"
  virtual std::vector<std::string_view> parameter_names() const = 0;
  // ln L summed over the rows by weight; fills the gradient in the parameters when given one.
  virtual double log_likelihood(const CustomerSummary& rows, const std::vector<double>& parameters,
                                std::vector<double>* gradient) const = 0;
  // ln L on rows that stay the same for many evaluations (a fit's): a model may work out once
  // what depends on the rows alone. The default calls log_likelihood each time. `rows` must
  // outlive the result.
  using RowsLogLikelihood = std::function<double(const std::vector<double>& parameters, std::vector<double>* gradient)>;
  virtual RowsLogLikelihood on_rows(const CustomerSummary& rows) const {
    return [this, &rows](const std::vector<double>& p, std::vector<double>* gradient) { return log_likelihood(rows, p, gradient); };
  }
  // Log-parameters to start the fit from (the best of the fits from each is kept).
  virtual std::vector<std::vector<double>> starts(const CustomerSummary& rows) const = 0;
  // P(alive at T | x, t_x, T).
  virtual double probability_alive(const std::vector<double>& p, double x, double t_x, double T) const = 0;
  // P(alive) of every row, for many parameter vectors on the same rows (a band's draws): a model
  // may work out once what depends on the rows alone. The default calls probability_alive per row.
  using RowsProbabilityAlive = std::function<void(const std::vector<double>& parameters, std::vector<double>& out)>;
  virtual RowsProbabilityAlive probability_alive_on_rows(const CustomerSummary& rows) const {
    return [this, &rows](const std::vector<double>& p, std::vector<double>& out) {
      out.resize(rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) out[i] = probability_alive(p, rows.frequency[i], rows.recency[i], rows.age[i]);
    };
  }
  // Expected purchases in (T, T + t] of a customer alive at T after x repeat purchases. Times
  // P(alive) it is the conditional expectation; it depends on x and T only, so customers with the
  // same x and T share it (the analysis computes it once for them).
  virtual double expected_purchases_if_alive(const std::vector<double>& p, double t, double x, double T) const = 0;
  // The same for one x at many (T[j], t[j]) (out[j] for each), to the same digits: a model may
  // share work between them (a series' coefficients, which depend on x alone). The default calls
  // the one above for each.
  virtual void expected_purchases_if_alive_at(const std::vector<double>& p, double x, std::span<const double> T,
                                              std::span<const double> t, std::span<double> out) const {
    for (std::size_t j = 0; j < t.size(); ++j) out[j] = expected_purchases_if_alive(p, t[j], x, T[j]);
  }
  // Expected purchases in (T, T + t] for a customer with this history.
  double expected_purchases(const std::vector<double>& p, double t, double x, double t_x, double T) const {
    return probability_alive(p, x, t_x, T) * expected_purchases_if_alive(p, t, x, T);
  }
  // The chance that a customer alive at T after x repeat purchases stops within the next t units,
  // from the posterior of their rates given that history.
  virtual double dropout_within(const std::vector<double>& p, double t, double x, double T) const = 0;
  // Expected purchases in (0, t] for a new customer: the population's tracking curve.
  virtual double expected_purchases_new_customer(const std::vector<double>& p, double t) const = 0;
};

const PurchaseModel& bg_nbd_model();
const PurchaseModel& mbg_nbd_model();
const PurchaseModel& pareto_nbd_model();
// All of them, in the order the page lists them.
std::vector<const PurchaseModel*> purchase_models();

struct PurchaseModelFit {
  const PurchaseModel* model = nullptr;
  std::vector<double> parameters;
  std::vector<double> standard_errors;            // empty when the information is not positive definite
  std::vector<double> log_parameter_covariance;   // k x k row-major, for parameter draws; empty likewise
  double log_likelihood = 0;
  double customers = 0;                           // the sum of the row weights
  int iterations = 0;
  bool converged = false;
  Message note;                                   // set when the fit did not converge

  std::size_t parameter_count() const { return parameters.size(); }
  double aic() const;  // 2k - 2 ln L
  double bic() const;  // k ln n - 2 ln L, n the customers
};

// Maximum likelihood on log-parameters by BFGS from the model's starts, then the observed
// information at the estimate. Errors when there are too few customers or repeaters to fit.
Result<PurchaseModelFit> fit_purchase_model(const PurchaseModel& model, const CustomerSummary& rows);
// The same on rows taken as they are, for rows already one per distinct history
// (compress_for_purchases), as the comparison has them: fit_purchase_model would look for
// repeated histories again, a pass and a hash table per model fitted, for nothing.
Result<PurchaseModelFit> fit_purchase_model_on_distinct_rows(const PurchaseModel& model, const CustomerSummary& rows);

}  // namespace retention
