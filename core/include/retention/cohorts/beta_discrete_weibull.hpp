#pragma once
// The beta-discrete-Weibull (BdW) model of Fader, Hardie, Liu, Davin & Steenburgh (2018): each
// customer's churn may change with tenure, S(t | theta) = (1 - theta)^(t^c) with
// theta ~ Beta(alpha, beta), so S(t) = B(alpha, beta + t^c) / B(alpha, beta). c = 1 is the sBG;
// c > 1 means each customer's churn rises with tenure, c < 1 that it falls. Survival is computed
// in logs, and each period's loss as S(t-1) (1 - S(t)/S(t-1)) by expm1, so nothing cancels.
#include <optional>
#include <vector>

#include "retention/calculator/survival.hpp"
#include "retention/cohorts/cohort_table.hpp"
#include "retention/common/result.hpp"

namespace retention {

struct BdwParameters {
  double alpha = 1, beta = 1, c = 1;
};

class BdwSurvival final : public SurvivalCurve {
 public:
  explicit BdwSurvival(BdwParameters parameters) : p_(parameters) {}
  double survival(int t) const override;
  const BdwParameters& parameters() const { return p_; }

 private:
  BdwParameters p_;
};

// ln L of survivor counts over each cohort's first `periods` periods (0: all), as for the sBG.
double bdw_log_likelihood(const CohortTable& table, const BdwParameters& p, int periods = 0);

struct BdwFit {
  BdwParameters parameters;
  std::vector<double> standard_errors;  // alpha, beta, c; empty when the information is singular
  std::vector<double> log_parameter_covariance;  // of their logarithms, 3 x 3; empty likewise
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
  Message note;
};

// Maximum likelihood on log-parameters (BFGS on the exact gradient) from several starts, the sBG
// optimum at c = 1 among them, so the BdW never fits worse than the sBG it contains.
Result<BdwFit> fit_bdw(const CohortTable& table, int calibration_periods = 0);

// The likelihood-ratio test of c = 1 (the sBG) against the BdW: twice the gain in ln L, and its
// p-value on one degree of freedom.
struct LikelihoodRatioTest {
  double statistic = 0, p_value = 1;
};
LikelihoodRatioTest likelihood_ratio_test(double restricted_log_likelihood, double full_log_likelihood);

// Discounted expected residual lifetime, by summation for any curve: for a customer who has made
// n-1 renewals (alive at t = n-1), sum over k >= 0 of S(n+k)/S(n-1) / (1+d)^k, the upcoming
// renewal undiscounted (Fader & Hardie 2010). n = 1 is a new customer's DERL, which for the
// first payment on acquisition plus 1 is the discounted expected lifetime (DEL). nullopt when the
// sum does not settle within a million periods (d = 0 with a heavy tail).
std::optional<double> discounted_expected_residual_lifetime(const SurvivalCurve& curve, double d, int n);

}  // namespace retention
