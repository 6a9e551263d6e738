#include "retention/cohorts/sbg_lifetime_sum.hpp"

#include <algorithm>
#include <cmath>

namespace retention {

// With v = 1/(1+d), S(t) = (beta)_t / (alpha+beta)_t, so the sum is 2F1(1, beta; alpha+beta; v),
// a series that converges like v^t near v = 1. Gauss's connection formula around 1 turns it into
// series in w = 1 - v = d/(1+d), which converge like w^n (a dozen terms); the second of them is
// 2F1(alpha+beta-1, alpha; alpha; w) = v^(1-alpha-beta) exactly:
//   (alpha+beta-1)/(alpha-1) 2F1(1, beta; 2-alpha; w)
//     + Gamma(alpha+beta) Gamma(1-alpha) / Gamma(beta) w^(alpha-1) v^(1-alpha-beta).
// At alpha = 1, 2, ... the two terms have poles that cancel; near them precision is lost.
std::optional<double> sbg_discounted_lifetime(SbgParameters p, double d) {
  const double a = p.alpha, b = p.beta, c = a + b;
  // Below this discount the series may not settle within its limit of terms, and then says the
  // sum is unbounded: that answer stays the series' own.
  if (!(d >= 1e-4) || !(a > 0) || !(b > 0) || a >= 2 || std::abs(a - 1) < 0.02 || !std::isfinite(c)) return std::nullopt;
  const double w = d / (1 + d), log_v = -std::log1p(d);
  // 2F1(1, b; 2-a; w) = sum over n of prod_{k<n} (b+k)/(2-a+k) w: every term positive. Once the
  // ratio is below 1 and no larger than the ones after it (or w, which they tend to), the tail
  // is at most term * q / (1-q).
  double term = 1, series = 1;
  int n_terms = 0;
  for (int n = 0;; ++n) {
    if (n == 1000) return std::nullopt;
    const double ratio = (b + n) / (2 - a + n) * w;
    term *= ratio;
    series += term;
    const double q = std::max(ratio, w);
    if (q < 1 && term * q / (1 - q) <= series * 1e-17) {
      n_terms = n + 1;
      break;
    }
  }
  const double first = (c - 1) / (a - 1) * series;
  // Gamma(1-a) is negative for 1 < a < 2; lgamma gives the log of its magnitude.
  const double log_parts[] = {std::lgamma(c), std::lgamma(1 - a), -std::lgamma(b), (a - 1) * std::log(w), (1 - c) * log_v};
  double exponent = 0, exponent_scale = 1;
  for (double part : log_parts) exponent += part, exponent_scale += std::abs(part);
  const double magnitude = std::exp(exponent);
  const double second = a > 1 ? -magnitude : magnitude;
  const double total = first + second;
  // Rounding: a few ulps of each logarithm (large ones when alpha+beta is large) become relative
  // error in the second term, and the terms may cancel. The series, which stops at 1e-13 of the
  // sum, is as good; where this would not be, the series is used.
  constexpr double ulp = 0x1p-52;
  const double error = std::abs(second) * 4 * ulp * exponent_scale + std::abs(first) * ulp * (n_terms + 8);
  if (!std::isfinite(total) || !(total > 0) || error > 1e-13 * total) return std::nullopt;
  return total;
}

}  // namespace retention
