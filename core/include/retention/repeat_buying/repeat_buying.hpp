#pragma once
// Repeat buying without observed churn (Fader, Hardie & Lee 2005): the BG/NBD model of how many
// purchases customers make and when they silently stop, and the Gamma-Gamma model of what they
// spend. Log-likelihoods are evaluated in log space with sums of logarithms for the integer
// purchase counts, so large counts cannot overflow.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/common/result.hpp"
#include "retention/numerics/minimize.hpp"

namespace retention {

struct BgNbdParameters {
  double r = 1, alpha = 1, a = 1, b = 1;
};

struct GammaGammaParameters {
  double p = 1, q = 1, gamma = 1;
};

template <class Parameters>
struct ModelFit {
  Parameters parameters;
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
  Message note;  // set when the fit did not converge
  // From the observed information, where a model computes it (Gamma-Gamma does): the covariance
  // of the log-parameters (k x k row-major, for parameter draws) and the parameters' standard
  // errors; both empty when the information is not positive definite.
  std::vector<double> log_parameter_covariance, standard_errors;
};

// A model's fit from the minimum of its -LL per customer (every model minimises that).
template <class Parameters>
ModelFit<Parameters> model_fit(const Parameters& parameters, const Minimum& minimum, double customers) {
  ModelFit<Parameters> fit;
  fit.parameters = parameters, fit.log_likelihood = -minimum.value * customers;
  fit.iterations = minimum.iterations, fit.converged = minimum.converged;
  if (!minimum.converged) fit.note = make_message("fit_not_converged");
  return fit;
}

// Where a fit ran off to a limit of its parameter space: the parameters there are no estimates
// (going further fits the data as well), but the limit itself says something about the data.
// A direction counts when the parameters are far along it (beyond 1,000, or a/(a+b) below
// 1/1,000) and a likelihood-ratio test at 5% cannot tell the fit from 1,000 times further.
struct BgNbdLimits {
  bool no_dropout = false;          // a/(a+b) -> 0: nobody was seen to stop; P(alive) is unknowable
  bool same_dropout = false;        // a, b -> infinity, a/(a+b) finite: one dropout chance for all
  bool same_purchase_rate = false;  // r, alpha -> infinity, r/alpha finite: one purchase rate for all
  bool any() const { return no_dropout || same_dropout || same_purchase_rate; }
};
struct GammaGammaLimits {
  // The model sees each customer's mean spend only; both say those means hardly differ.
  bool same_mean_spend = false;  // q, gamma -> infinity, gamma/(q-1) finite
  bool steady_spend = false;     // p -> infinity, p*gamma finite
  bool any() const { return same_mean_spend || steady_spend; }
};
// at_fit: ln L at the fitted parameters.
BgNbdLimits bgnbd_limits(const CustomerSummary& summary, const BgNbdParameters& fit, double at_fit);
GammaGammaLimits gamma_gamma_limits(const CustomerSummary& summary, const ModelFit<GammaGammaParameters>& fit);

// What stays meaningful at those limits: the purchase rate r/alpha of an active customer per
// time unit, the dropout chance per purchase a/(a+b), the mean spend per purchase p*gamma/(q-1).
inline double bgnbd_purchase_rate(const BgNbdParameters& p) { return p.r / p.alpha; }
inline double bgnbd_dropout_per_purchase(const BgNbdParameters& p) { return p.a / (p.a + p.b); }
inline double gamma_gamma_mean_spend(const GammaGammaParameters& g) { return g.p * g.gamma / (g.q - 1); }

double bgnbd_log_likelihood(const CustomerSummary& summary, const BgNbdParameters& p);
// The fit: fit_purchase_model(bg_nbd_model(), rows) (purchase_model.hpp).

// Probability that a customer with this history is still active at the end of calibration.
double bgnbd_probability_alive(const BgNbdParameters& p, double x, double t_x, double T);

// Expected purchases in the next t time units for a customer with this history.
double bgnbd_expected_purchases(const BgNbdParameters& p, double t, double x, double t_x, double T);
// The same for a customer known to be alive: the part that depends on x and T only.
double bgnbd_expected_purchases_if_alive(const BgNbdParameters& p, double t, double x, double T);
// The same for one x at many (T[j], t[j]) (out[j] for each), with one series evaluation for
// all (the same digits).
void bgnbd_expected_purchases_if_alive_at(const BgNbdParameters& p, double x, std::span<const double> T, std::span<const double> t,
                                          std::span<double> out);
// The chance that a customer alive at T after x repeat purchases stops within the next t units.
double bgnbd_dropout_within(const BgNbdParameters& p, double t, double x, double T);

// Expected purchases in (0, t] for a new customer: the population's tracking curve.
double bgnbd_expected_purchases_new_customer(const BgNbdParameters& p, double t);

// Fitted on customers with at least one repeat purchase and a positive mean spend, with the
// covariance of ln p, ln q, ln gamma from the observed information (as the purchase models').
double gamma_gamma_log_likelihood(const CustomerSummary& summary, const GammaGammaParameters& p);
Result<ModelFit<GammaGammaParameters>> fit_gamma_gamma(const CustomerSummary& summary);

// Expected mean spend per purchase for a customer with x repeat purchases of mean value m.
double gamma_gamma_expected_spend(const GammaGammaParameters& p, double x, double mean_spend);

// Gauss's hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its series (term ratios, no
// factorials); +infinity if the sum overflows.
double hypergeometric_2f1(double a, double b, double c, double z);
// The same at several z (out[j] for z[j], as many as z), to the same digits: the series' term
// ratios (a+k)(b+k)/((c+k)(k+1)) are computed once for all of them, and each z's terms are the
// same products in the same order, each sum stopping where its own would.
void hypergeometric_2f1_at(double a, double b, double c, std::span<const double> z, std::span<double> out);

}  // namespace retention
