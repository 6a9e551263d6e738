#pragma once
// Quantiles of simulated values, shared by the planner's Monte Carlo and the models' parameter
// draws.
#include <array>
#include <span>
#include <vector>

namespace retention {

// The q-quantile (0..1) by linear interpolation between order statistics (R's type 7);
// reorders `values`.
double quantile(std::vector<double>& values, double q);
// P10, P50 and P90 the same way, sharing the work (the bands need them for every period);
// reorders `values`.
std::array<double, 3> deciles_10_50_90(std::span<double> values);
// The same values, found by counting into bins when there are 1,000 or more: about three times
// faster for the Monte Carlo's bands (10,000 draws in every period), and more code, so only the
// planner uses it.
std::array<double, 3> deciles_10_50_90_counted(std::span<double> values);

// P10, P50 and P90 of one answer over parameter draws: a band.
struct Interval {
  double p10 = 0, p50 = 0, p90 = 0;
};
// The band of `values` (reordered).
Interval interval_of(std::vector<double>& values);

}  // namespace retention
