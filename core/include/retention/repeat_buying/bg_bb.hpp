#pragma once
// BG/BB (Fader, Hardie & Shang 2010): repeat buying where a purchase can happen at most once per
// discrete opportunity (a yearly donation, a seasonal cruise, an annual event). While alive, a
// customer buys at each opportunity with probability p ~ Beta(alpha, beta); after each one they
// die with probability theta ~ Beta(gamma, delta). A history is x purchases in n opportunities,
// the last at opportunity t_x.
#include <vector>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {

// One row of a compressed table: `count` customers with the same history.
struct OpportunityHistory {
  double x = 0, t_x = 0, n = 0, count = 1;
};

struct BgBbParameters {
  double alpha = 1, beta = 1, gamma = 1, delta = 1;
};

// Errors name the row (1-based) and what a history must be.
FieldErrors check_histories(const std::vector<OpportunityHistory>& rows);

double bgbb_log_likelihood(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p);
// The log-likelihood and its gradient in (alpha, beta, gamma, delta).
double bgbb_log_likelihood_and_gradient(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p,
                                        double gradient[4]);
Result<ModelFit<BgBbParameters>> fit_bgbb(const std::vector<OpportunityHistory>& rows);

// Expected purchases of a new customer over its first n opportunities.
double bgbb_expected_purchases_new_customer(const BgBbParameters& p, double n);
// Probability that a customer with this history is alive at opportunity n + 1.
double bgbb_probability_alive(const BgBbParameters& p, double x, double t_x, double n);
// Expected purchases in the next `future` opportunities after n, given the history.
double bgbb_expected_purchases(const BgBbParameters& p, double future, double x, double t_x, double n);
// Discounted expected residual transactions: the expected purchases at n+1, n+2, … each
// discounted by (1 + d) per opportunity (d > 0), summed until the terms no longer count.
double bgbb_dert(const BgBbParameters& p, double discount_rate, double x, double t_x, double n);

}  // namespace retention
