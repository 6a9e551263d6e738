#pragma once
// The MBG/NBD model (Batislam, Denizel & Filiztekin 2007): the BG/NBD, except that a customer may
// also drop out right after the first purchase, so a one-time buyer is not certainly alive.
// Purchases while alive: Poisson with rate lambda ~ Gamma(r, alpha); after each purchase,
// including the first, dropout with probability p ~ Beta(a, b).
#include <span>

#include "retention/repeat_buying/customer_summary.hpp"

namespace retention {

struct MbgNbdParameters {
  double r = 1, alpha = 1, a = 1, b = 1;
};

double mbg_nbd_log_likelihood(const CustomerSummary& rows, const MbgNbdParameters& p);
double mbg_nbd_probability_alive(const MbgNbdParameters& p, double x, double t_x, double T);
double mbg_nbd_expected_purchases(const MbgNbdParameters& p, double t, double x, double t_x, double T);
// The same for a customer known to be alive: the part that depends on x and T only.
double mbg_nbd_expected_purchases_if_alive(const MbgNbdParameters& p, double t, double x, double T);
// The same for one x at many (T[j], t[j]) (out[j] for each), with one series evaluation for
// all (the same digits).
void mbg_nbd_expected_purchases_if_alive_at(const MbgNbdParameters& p, double x, std::span<const double> T, std::span<const double> t,
                                            std::span<double> out);
double mbg_nbd_expected_purchases_new_customer(const MbgNbdParameters& p, double t);

}  // namespace retention
