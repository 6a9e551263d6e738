#pragma once
// How to read and count a subscriptions file, from the page's options object: {export
// ("automatic", "stripe", "baremetrics", "generic"), customer, start, end, amount, interval,
// currency_column, quantity (zero-based columns of a generic table; -1: none), currency (which to
// analyse), as_of ("yyyy-mm-dd": counted up to the end of that day)}. Every key may be left out.
#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/subscriptions/subscription_cohorts.hpp"
#include "retention/subscriptions/subscription_export.hpp"

namespace retention {

struct SubscriptionImportOptions {
  SubscriptionColumns columns;
  SubscriptionCohortOptions cohorts;
};

Result<SubscriptionImportOptions> subscription_options_from_json(const nlohmann::json& options);

}  // namespace retention
