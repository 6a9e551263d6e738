#pragma once
// How sure the plan's answer is: every range (baseline inputs and program values) is drawn from
// a triangular distribution, the plan is valued for each draw, and the draws are summarised as
// P10/P50/P90 bands per period, distributions of CLV and ROI, and the probability of payback.
// Seeded: the same document gives the same numbers, natively and in wasm.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "retention/common/result.hpp"
#include "retention/numerics/quantile.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

struct Band {
  std::vector<double> p10, p50, p90;
};

struct Distribution {
  int count = 0;  // draws with a finite value (CLV may be infinite, ROI undefined without spend)
  double mean = 0, p10 = 0, p50 = 0, p90 = 0;
  std::vector<double> bin_edges;  // 21 edges from P1 to P99; values beyond go to the end bins
  std::vector<int> bin_counts;
};

struct MonteCarloResult {
  int draws = 0;
  std::uint64_t seed = 0;
  Band customers_with_plan, customers_without_plan, cumulative_gain;
  Distribution clv, roi, net_gain;
  double payback_probability = 0;  // the programs together pay back within the horizon
  std::vector<double> program_payback_probability;  // each program alone
};

Result<MonteCarloResult> simulate_plan(const ScenarioDocument& document);


}  // namespace retention
