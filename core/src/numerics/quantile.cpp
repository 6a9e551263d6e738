#include "retention/numerics/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace retention {

double quantile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(below);
  std::nth_element(values.begin(), at, values.end());
  if (below + 1 >= values.size()) return *at;
  return *at + (*std::min_element(at + 1, values.end()) - *at) * (position - static_cast<double>(below));
}

std::array<double, 3> deciles_10_50_90(std::span<double> v) {
  const std::size_t n = v.size();
  if (n == 0) return {0, 0, 0};
  const auto it = [&v](std::size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
  const auto position = [n](double q) { return q * static_cast<double>(n - 1); };
  const auto interpolate = [](double low, double high, double at, std::size_t below) {
    return low + (high - low) * (at - static_cast<double>(below));
  };
  // The median first; P10 then searches only the lower half and P90 the upper one.
  const double at50 = position(0.5);
  const auto b50 = static_cast<std::size_t>(std::floor(at50));
  std::nth_element(v.begin(), it(b50), v.end());
  const double low50 = v[b50], high50 = b50 + 1 < n ? *std::min_element(it(b50 + 1), v.end()) : low50;
  std::array<double, 3> out{0, interpolate(low50, high50, at50, b50), 0};

  const double at10 = position(0.1);
  const auto b10 = static_cast<std::size_t>(std::floor(at10));
  if (b10 < b50) {
    std::nth_element(v.begin(), it(b10), it(b50));
    out[0] = interpolate(v[b10], *std::min_element(it(b10 + 1), it(b50 + 1)), at10, b10);
  } else {
    out[0] = interpolate(low50, high50, at10, b10);
  }
  const double at90 = position(0.9);
  const auto b90 = static_cast<std::size_t>(std::floor(at90));
  if (b90 > b50) {
    std::nth_element(it(b50 + 1), it(b90), v.end());
    out[2] = interpolate(v[b90], b90 + 1 < n ? *std::min_element(it(b90 + 1), v.end()) : v[b90], at90, b90);
  } else {
    out[2] = interpolate(low50, high50, at90, b90);
  }
  return out;
}

Interval interval_of(std::vector<double>& values) {
  const std::array<double, 3> d = deciles_10_50_90(std::span<double>(values));
  return {d[0], d[1], d[2]};
}

}  // namespace retention
