#include "retention/cohorts/customer_base_value.hpp"

#include "retention/cohorts/beta_discrete_weibull.hpp"

namespace retention {

Result<CustomerBaseValue> customer_base_value(const CohortTable& table, const SurvivalCurve& curve, double margin,
                                              double d) {
  CustomerBaseValue base;
  double today = 0, a_period_ago = 0;
  for (std::size_t c = 0; c < table.survivors.size(); ++c) {
    const std::vector<double>& n = table.survivors[c];
    CohortValue cohort;
    cohort.name = c < table.names.size() ? table.names[c] : std::string();
    cohort.renewals = static_cast<int>(n.size()) - 1;
    cohort.active = n.back();
    const std::optional<double> derl = discounted_expected_residual_lifetime(curve, d, cohort.renewals + 1);
    if (!derl) return field_error("discount_rate", "derl_not_finite");
    cohort.derl = *derl;
    cohort.value = cohort.active * margin * cohort.derl;
    base.active += cohort.active, base.value += cohort.value;
    if (cohort.renewals >= 1) today += n.back(), a_period_ago += n[n.size() - 2];
    base.cohorts.push_back(std::move(cohort));
  }
  if (!(a_period_ago > 0)) return field_error("cohorts", "base_value_needs_retention");
  const double r = today / a_period_ago;
  base.aggregate_retention = r;
  base.naive_derl = r * (1 + d) / (1 + d - r);
  base.naive_value = base.active * margin * base.naive_derl;
  base.understatement_percent = base.value > 0 ? (base.value - base.naive_value) / base.value * 100 : 0;
  return base;
}

}  // namespace retention
