#include "retention/numerics/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

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

namespace {

std::array<double, 3> deciles_by_selection(std::span<double> v) {
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

// The same order statistics by counting: one pass for the range, one to count the values in 2048
// equal bins (x -> bin is monotone), one to gather the few bins that hold the six ranks wanted;
// only within those are values selected. Exactly the values selection finds, in about a third
// of the time for the planner's 10,000 draws. nullopt for values it cannot bin (not finite, all
// equal).
std::optional<std::array<double, 3>> deciles_by_counting(std::span<const double> v) {
  const std::size_t n = v.size();
  double low = v[0], high = v[0];
  bool finite = true;
  for (double x : v) {
    low = std::min(low, x);
    high = std::max(high, x);
    finite = finite && std::isfinite(x);
  }
  constexpr std::size_t bins = 2048;
  const double scale = static_cast<double>(bins) / (high - low);
  if (!finite || !(high > low) || !std::isfinite(scale)) return std::nullopt;
  const auto bin_of = [&](double x) { return std::min(bins - 1, static_cast<std::size_t>((x - low) * scale)); };
  std::array<std::uint32_t, bins> counts{};
  for (double x : v) ++counts[bin_of(x)];

  const auto below = [n](double q) { return static_cast<std::size_t>(std::floor(q * static_cast<double>(n - 1))); };
  const std::array<std::size_t, 3> at{below(0.1), below(0.5), below(0.9)};
  std::array<std::size_t, 6> ranks{};
  for (std::size_t i = 0; i < 3; ++i) ranks[2 * i] = at[i], ranks[2 * i + 1] = std::min(at[i] + 1, n - 1);
  // The bin of each rank and how many values lie in earlier bins (ranks are ascending).
  std::array<std::size_t, 6> rank_bin{}, before_bin{};
  std::size_t bin = 0, before = 0;
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    while (before + counts[bin] <= ranks[r]) before += counts[bin++];
    rank_bin[r] = bin, before_bin[r] = before;
  }
  // Gather the wanted bins, each into its own stretch of `gathered`.
  std::array<std::int16_t, bins> slot;
  slot.fill(-1);
  std::array<std::size_t, 7> start{};
  std::size_t slots = 0;
  for (std::size_t r = 0; r < ranks.size(); ++r)
    if (slot[rank_bin[r]] < 0) {
      slot[rank_bin[r]] = static_cast<std::int16_t>(slots);
      start[slots + 1] = start[slots] + counts[rank_bin[r]];
      ++slots;
    }
  std::vector<double> gathered(start[slots]);
  std::array<std::size_t, 6> fill{};
  for (std::size_t i = 0; i < slots; ++i) fill[i] = start[i];
  for (double x : v)
    if (const int s = slot[bin_of(x)]; s >= 0) gathered[fill[static_cast<std::size_t>(s)]++] = x;
  // The r-th value overall is the (r - before)-th of its bin: selected within the bin's stretch
  // (selecting again in a reordered stretch finds the same values).
  const auto value = [&](std::size_t r) {
    const std::span<double> stretch = std::span(gathered).subspan(start[static_cast<std::size_t>(slot[rank_bin[r]])],
                                                                  counts[rank_bin[r]]);
    const auto wanted = stretch.begin() + static_cast<std::ptrdiff_t>(ranks[r] - before_bin[r]);
    std::nth_element(stretch.begin(), wanted, stretch.end());
    return *wanted;
  };
  std::array<double, 3> out{};
  for (std::size_t i = 0; i < 3; ++i) {
    const double position = std::array{0.1, 0.5, 0.9}[i] * static_cast<double>(n - 1);
    const double lower = value(2 * i), upper = value(2 * i + 1);
    out[i] = lower + (upper - lower) * (position - static_cast<double>(at[i]));
  }
  return out;
}

}  // namespace

std::array<double, 3> deciles_10_50_90(std::span<double> v) { return deciles_by_selection(v); }

std::array<double, 3> deciles_10_50_90_counted(std::span<double> v) {
  if (v.size() >= 1000)
    if (const auto counted = deciles_by_counting(v)) return *counted;
  return deciles_by_selection(v);
}

Interval interval_of(std::vector<double>& values) {
  const std::array<double, 3> d = deciles_10_50_90(std::span<double>(values));
  return {d[0], d[1], d[2]};
}

}  // namespace retention
