#pragma once
// How sure a fitted sBG curve is, as its fit said: the covariance of (ln alpha, ln beta). The
// scenario document carries it with the curve (retention_curve.log_covariance, row-major as the
// fit's own log_parameter_covariance: [var ln alpha, cov, cov, var ln beta]), so the CLV band
// drawn from it (cohorts/clv_band.hpp) is the same wherever the document goes.
namespace retention {

struct CurveUncertainty {
  double variance_log_alpha = 0;
  double covariance = 0;
  double variance_log_beta = 0;

  // Positive semi-definite (zero: the curve taken as exact), each variance at most
  // max_variance: a curve that unsure (a factor of e^10 either way) is no curve to plan with.
  // False for infinities and NaN too.
  static constexpr double max_variance = 100;
  bool usable() const {
    const double a = variance_log_alpha, d = variance_log_beta, b = covariance;
    return a >= 0 && d >= 0 && a <= max_variance && d <= max_variance && a * d >= b * b;
  }
};

}  // namespace retention
