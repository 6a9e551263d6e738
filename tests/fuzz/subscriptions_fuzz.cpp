// libFuzzer target: any bytes as a subscriptions export (Stripe, Baremetrics or a generic table,
// as the header says) and as a per-customer summary table. Reading must never crash; a readable
// export must count into cohorts whose movements add up to the MRR and whose numbers are finite;
// a readable summary must keep its rules (0 <= t_x <= T, positive counts).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention/repeat_buying/summary_table.hpp"
#include "retention/subscriptions/subscription_cohorts.hpp"

namespace {

void check_subscriptions(std::string_view text) {
  retention::Result<retention::SubscriptionLog> log = retention::read_subscriptions(text);
  if (!log.ok()) {
    if (log.errors().front().message.empty()) std::abort();
    return;
  }
  retention::SubscriptionCohortOptions options;
  if (log.value().currencies.size() > 1) options.currency = log.value().currencies.front();
  retention::Result<retention::SubscriptionCohorts> cohorts = retention::analyse_subscriptions(log.value(), options);
  if (!cohorts.ok()) return;
  double mrr = 0;
  for (const retention::MrrMovement& m : cohorts.value().movements) {
    mrr += m.new_mrr + m.reactivation + m.expansion - m.contraction - m.churn;
    if (!std::isfinite(m.mrr) || std::fabs(mrr - m.mrr) > 1e-6 * (1 + std::fabs(m.mrr))) std::abort();
  }
  for (const auto& cohort : cohorts.value().survivors.survivors)
    for (std::size_t t = 1; t < cohort.size(); ++t)
      if (cohort[t] > cohort[t - 1]) std::abort();  // survivors never come back
}

void check_summary(std::string_view text) {
  retention::Result<retention::CustomerSummary> s = retention::read_summary_table(text, 7);
  if (!s.ok()) return;
  for (std::size_t i = 0; i < s.value().size(); ++i)
    if (!(s.value().recency[i] >= 0 && s.value().recency[i] <= s.value().age[i] && s.value().weight_of(i) > 0)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_subscriptions(text);
  check_summary(text);
  return 0;
}
