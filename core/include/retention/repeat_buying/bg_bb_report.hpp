#pragma once
// A BG/BB analysis for the page: the fit, and per history row the chance of being alive, the
// purchases expected in the next opportunities and DERT; the new customer's expected purchases
// opportunity by opportunity; standard errors from the observed information, and a P10-P90 band
// on the expected purchases of all customers and their mean P(alive) from seeded draws of the
// parameters. Options: {future_opportunities (1 to 1,000, default 5), discount_rate_percent (per
// opportunity, above 0 and at most 100, default 10), band_draws (0 to 5,000, default 200),
// band_seed (default 1)}.
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/bg_bb.hpp"

namespace retention {

Result<nlohmann::json> analyse_histories(const std::vector<OpportunityHistory>& rows, const nlohmann::json& options);

}  // namespace retention
