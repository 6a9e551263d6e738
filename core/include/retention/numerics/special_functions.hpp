#pragma once
// The special functions the models' likelihoods and gradients need, in log space where a value
// could overflow. Kept by hand (a few lines each) rather than from Boost.Math, so the wasm modules
// carry no library beyond what they use; each is checked against known values in the tests.
namespace retention {

// ln(e^x + e^y) without overflow; -inf when both are -inf.
double log_sum_exp(double x, double y);

// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
double log_beta(double a, double b);

// ψ(x), the derivative of ln Γ(x), for x > 0 (recurrence up to 6, then the asymptotic series).
double digamma(double x);

}  // namespace retention
