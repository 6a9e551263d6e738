#pragma once
// CAC from an acquisition funnel: customers = reached x aware x considering x buying, and
// CAC = spend / customers. A 10% relative gain at any step cuts CAC by the same share, so the
// steps are compared by one point more each: the smallest rate then moves CAC most.
#include <array>
#include <string_view>

#include "retention/planner/strategy_plan.hpp"

namespace retention {

struct FunnelStep {
  std::string_view name;  // "awareness_percent", "consideration_percent", "decision_percent"
  double rate_percent = 0;
  double cac_one_point_better = 0;
  double cac_saving = 0;  // cac - cac_one_point_better
};

struct FunnelResult {
  double aware = 0, considering = 0, customers_per_period = 0;
  double cac = 0;
  std::array<FunnelStep, 3> steps;
  std::size_t step_that_moves_cac_most = 0;
};

// Rates must be above 0 (validation guarantees it for documents).
FunnelResult funnel_cac(const Funnel& funnel);

}  // namespace retention
