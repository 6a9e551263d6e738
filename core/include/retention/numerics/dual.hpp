#pragma once
// Forward-mode automatic differentiation: a value with its N partial derivatives, so a
// log-likelihood written once gives its exact gradient too (no finite differences, no
// hand-derived formula to keep in step). Only the operations the models use are defined.
#include <array>
#include <cmath>

#include "retention/numerics/special_functions.hpp"

namespace retention {

template <int N>
struct Dual {
  double value = 0;
  std::array<double, N> d{};

  Dual() = default;
  Dual(double v) : value(v) {}  // a constant: every derivative 0
  // The i-th of the N variables, at v.
  static Dual variable(double v, int i) {
    Dual x(v);
    x.d[i] = 1;
    return x;
  }

  Dual& operator+=(const Dual& o) {
    value += o.value;
    for (int i = 0; i < N; ++i) d[i] += o.d[i];
    return *this;
  }
  Dual& operator-=(const Dual& o) {
    value -= o.value;
    for (int i = 0; i < N; ++i) d[i] -= o.d[i];
    return *this;
  }
  Dual& operator*=(const Dual& o) {
    for (int i = 0; i < N; ++i) d[i] = d[i] * o.value + value * o.d[i];
    value *= o.value;
    return *this;
  }
  Dual& operator/=(const Dual& o) {
    const double inverse = 1 / o.value, q = value * inverse;
    for (int i = 0; i < N; ++i) d[i] = (d[i] - q * o.d[i]) * inverse;
    value = q;
    return *this;
  }
};

// f(x) from f(x.value) and f'(x.value) by the chain rule.
template <int N>
Dual<N> chain(const Dual<N>& x, double f, double derivative) {
  Dual<N> out(f);
  for (int i = 0; i < N; ++i) out.d[i] = derivative * x.d[i];
  return out;
}

template <int N> Dual<N> operator+(Dual<N> a, const Dual<N>& b) { return a += b; }
template <int N> Dual<N> operator-(Dual<N> a, const Dual<N>& b) { return a -= b; }
template <int N> Dual<N> operator*(Dual<N> a, const Dual<N>& b) { return a *= b; }
template <int N> Dual<N> operator/(Dual<N> a, const Dual<N>& b) { return a /= b; }
template <int N> Dual<N> operator+(Dual<N> a, double b) { return a += Dual<N>(b); }
template <int N> Dual<N> operator-(Dual<N> a, double b) { return a -= Dual<N>(b); }
template <int N> Dual<N> operator*(Dual<N> a, double b) {
  a.value *= b;
  for (double& di : a.d) di *= b;
  return a;
}
template <int N> Dual<N> operator/(Dual<N> a, double b) { return a * (1 / b); }
template <int N> Dual<N> operator+(double a, const Dual<N>& b) { return b + a; }
template <int N> Dual<N> operator-(double a, const Dual<N>& b) { return Dual<N>(a) - b; }
template <int N> Dual<N> operator*(double a, const Dual<N>& b) { return b * a; }
template <int N> Dual<N> operator/(double a, const Dual<N>& b) { return Dual<N>(a) / b; }
template <int N> Dual<N> operator-(const Dual<N>& a) { return a * -1.0; }

// The value of a plain number or of a dual one, for branches and stopping rules.
inline double value_of(double x) { return x; }
template <int N> double value_of(const Dual<N>& x) { return x.value; }

template <int N> Dual<N> log(const Dual<N>& x) { return chain(x, std::log(x.value), 1 / x.value); }
template <int N> Dual<N> log1p(const Dual<N>& x) { return chain(x, std::log1p(x.value), 1 / (1 + x.value)); }
template <int N> Dual<N> exp(const Dual<N>& x) {
  const double e = std::exp(x.value);
  return chain(x, e, e);
}
template <int N> Dual<N> expm1(const Dual<N>& x) { return chain(x, std::expm1(x.value), std::exp(x.value)); }
template <int N> Dual<N> lgamma(const Dual<N>& x) { return chain(x, std::lgamma(x.value), digamma(x.value)); }
// ln(e^x + e^y) of finite values, as special_functions.hpp's log_sum_exp does for plain numbers.
template <int N> Dual<N> log_sum_exp(const Dual<N>& x, const Dual<N>& y) {
  const bool x_high = x.value >= y.value;
  const Dual<N>& high = x_high ? x : y;
  return high + log1p(exp((x_high ? y : x) - high));
}

// The same names for plain numbers, so templates can call them unqualified.
using std::exp;
using std::expm1;
using std::lgamma;
using std::log;
using std::log1p;

}  // namespace retention
