#include "retention/planner/funnel.hpp"

#include <algorithm>

namespace retention {
namespace {

double cac_of(const Funnel& f) {
  const double customers =
      f.people_reached * f.awareness_percent / 100 * f.consideration_percent / 100 * f.decision_percent / 100;
  return f.spend_per_period / customers;
}

}  // namespace

FunnelResult funnel_cac(const Funnel& f) {
  FunnelResult r;
  r.aware = f.people_reached * f.awareness_percent / 100;
  r.considering = r.aware * f.consideration_percent / 100;
  r.customers_per_period = r.considering * f.decision_percent / 100;
  r.cac = cac_of(f);
  double Funnel::*rates[] = {&Funnel::awareness_percent, &Funnel::consideration_percent, &Funnel::decision_percent};
  const std::string_view names[] = {"awareness_percent", "consideration_percent", "decision_percent"};
  for (std::size_t i = 0; i < 3; ++i) {
    Funnel better = f;
    better.*rates[i] = std::min(100.0, f.*rates[i] + 1);
    FunnelStep& step = r.steps[i];
    step.name = names[i];
    step.rate_percent = f.*rates[i];
    step.cac_one_point_better = cac_of(better);
    step.cac_saving = r.cac - step.cac_one_point_better;
    if (step.cac_saving > r.steps[r.step_that_moves_cac_most].cac_saving) r.step_that_moves_cac_most = i;
  }
  return r;
}

}  // namespace retention
