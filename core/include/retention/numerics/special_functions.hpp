#pragma once
// The special functions the models' likelihoods and gradients need, in log space where a value
// could overflow. Kept by hand (a few lines each, ln Γ from the C library) rather than from
// Boost.Math, whose digamma and lgamma were measured larger in every module (up to 7 KB of gzip)
// and no more accurate where it matters (README, "Special functions"); the tests check each
// against Boost.Math in long double.
namespace retention {

// ln(e^x + e^y) without overflow; -inf when both are -inf.
double log_sum_exp(double x, double y);

// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. It loses what the ln Γ's lose (1e-3
// absolute at a = 1e12); Boost.Math has no ln B, and its B underflows once ln B < -745.
double log_beta(double a, double b);

// ψ(x), the derivative of ln Γ(x), for x > 0: the recurrence up to 6, then the asymptotic series to
// x^-10, within 1e-11 absolute plus rounding (plenty for gradients; Boost.Math's is within a few
// units in the last place, but larger and no faster).
double digamma(double x);

}  // namespace retention
