#pragma once
// The headline value metrics of one scenario.
#include <optional>

#include "retention/calculator/assumptions.hpp"

namespace retention {

struct CustomerValue {
  double margin_per_period = 0;
  double discount_rate_per_period = 0;
  double clv = 0;  // on the scenario's basis (lifetime or horizon); infinite when unbounded
  double clv_horizon = 0;
  std::optional<double> clv_lifetime;  // nullopt: the sum does not converge
  double net_clv = 0;                  // clv - CAC
  std::optional<double> ltv_to_cac;    // nullopt: CAC is 0, or CLV is unbounded
  std::optional<int> payback_period;   // nullopt: CAC is never paid back
  int payback_search_periods = 0;      // how far the payback search looked
  std::optional<double> expected_lifetime_periods;  // on the basis; nullopt: unbounded
};

CustomerValue customer_value(const Assumptions& a);

}  // namespace retention
