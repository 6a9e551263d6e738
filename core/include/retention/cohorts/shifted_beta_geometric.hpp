#pragma once
// The shifted-beta-geometric (sBG) model of Fader & Hardie (2007): each customer churns with a
// constant probability theta ~ Beta(alpha, beta), so the survivors of a cohort are ever more
// loyal and retention rises with tenure. Everything is computed in log space by recursion
// (S(t) = S(t-1) (beta+t-1)/(alpha+beta+t-1)), so long horizons cannot overflow.
#include <optional>
#include <string>
#include <vector>

#include "retention/cohorts/cohort_table.hpp"
#include "retention/common/result.hpp"
#include "retention/cohorts/sbg_parameters.hpp"
#include "retention/calculator/survival.hpp"

namespace retention {

// S(t) of the sBG model. Survival values are cached as they are asked for.
class SbgSurvival final : public SurvivalCurve {
 public:
  explicit SbgSurvival(SbgParameters parameters) : p_(parameters) {}
  double survival(int t) const override;
  // Without discounting the lifetime sum has a closed form (alpha > 1) or diverges
  // (alpha <= 1); summing would take millions of terms. Otherwise the default applies.
  double discounted_sum(double d, int first, std::optional<int> last) const override;
  double hazard(int t) const override { return p_.alpha / (p_.alpha + p_.beta + t - 1); }
  const SbgSurvival* as_sbg() const override { return this; }
  // Retention from period t-1 to t: (beta+t-1)/(alpha+beta+t-1), t >= 1.
  double retention(int t) const { return (p_.beta + t - 1) / (p_.alpha + p_.beta + t - 1); }
  const SbgParameters& parameters() const { return p_; }

 private:
  SbgParameters p_;
  mutable std::vector<double> log_survival_{0.0};
};

// Log-likelihood of survivor counts over the first `periods` periods of each cohort
// (0: all observed periods): sum of (n_{t-1}-n_t) ln P(T=t) + n_K ln S(K).
double sbg_log_likelihood(const CohortTable& table, SbgParameters parameters, int periods = 0);

struct SbgFit {
  SbgParameters parameters;
  double log_likelihood = 0;
  std::optional<double> alpha_standard_error, beta_standard_error;  // from the observed information
  std::vector<double> log_parameter_covariance;  // of (ln alpha, ln beta), 2 x 2; empty without errors
  int iterations = 0;
  bool converged = false;
  Message note;  // what a person should know when it did not converge or sits at a bound
  int calibration_periods = 0;
};

// Maximum likelihood by a damped Newton method on (ln alpha, ln beta) with analytic derivatives,
// from several starting points; returns an error only for a table that cannot be fitted.
Result<SbgFit> fit_sbg(const CohortTable& table, int calibration_periods = 0);

// Constant churn fitted to the same counts (the geometric maximum likelihood estimate):
// customers lost / customer-periods at risk.
double geometric_churn_estimate(const CohortTable& table, int calibration_periods = 0);

// Discounted expected residual lifetime of a customer who has made n-1 renewals (n >= 1),
// Fader & Hardie (2010): (beta+n-1)/(alpha+beta+n-1) * 2F1(1, beta+n; alpha+beta+n; 1/(1+d)).
// nullopt when the series does not converge (d = 0 with alpha <= 1).
std::optional<double> sbg_derl(SbgParameters parameters, double d, int n);

}  // namespace retention
