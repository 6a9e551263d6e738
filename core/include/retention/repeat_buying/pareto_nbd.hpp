#pragma once
// The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive, a customer buys as a
// Poisson process with rate lambda ~ Gamma(r, alpha) and dies after an exponential lifetime with
// rate mu ~ Gamma(s, beta), at any moment rather than only after a purchase (BG/NBD). The
// likelihood follows Fader & Hardie's note "A Note on Deriving the Pareto/NBD Model and Related
// Expressions" (2005), with Gauss's 2F1 on the branch alpha >= beta or alpha < beta, where its
// argument lies in [0, 1), and every product in logs, so hundreds of purchases cannot overflow.
#include "retention/repeat_buying/customer_summary.hpp"

namespace retention {

struct ParetoNbdParameters {
  double r = 1, alpha = 1, s = 1, beta = 1;
};

double pareto_nbd_log_likelihood(const CustomerSummary& rows, const ParetoNbdParameters& p);
double pareto_nbd_probability_alive(const ParetoNbdParameters& p, double x, double t_x, double T);
double pareto_nbd_expected_purchases(const ParetoNbdParameters& p, double t, double x, double t_x, double T);
// The same for a customer known to be alive: the part that depends on x and T only.
double pareto_nbd_expected_purchases_if_alive(const ParetoNbdParameters& p, double t, double x, double T);
// The chance that a customer alive at T stops within the next t units.
double pareto_nbd_dropout_within(const ParetoNbdParameters& p, double t, double x, double T);
double pareto_nbd_expected_purchases_new_customer(const ParetoNbdParameters& p, double t);

}  // namespace retention
