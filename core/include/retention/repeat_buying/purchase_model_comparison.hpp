#pragma once
// Every purchase model (BG/NBD, MBG/NBD, Pareto/NBD) fitted on the same customers, how well
// each predicted the holdout next to a naive baseline, and which one to trust, with the reason
// in words.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retention/common/message.hpp"
#include "retention/common/result.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {

// A model's expected purchases in (T, T + t] if alive, with parameters p, kept within what a
// customer who never stops would buy ((r + x)/(alpha + T) t, the formulas' limit without dropout,
// which they lose to cancellation near it): the value the analysis and its bands use.
double capped_expected_purchases_if_alive(const PurchaseModel& model, const std::vector<double>& p, double t, double x,
                                          double T);
// The same for one x at many (T[j], t[j]), through the model's expected_purchases_if_alive_at.
void capped_expected_purchases_if_alive_at(const PurchaseModel& model, const std::vector<double>& p, double x,
                                           std::span<const double> T, std::span<const double> t, std::span<double> out);

struct PurchaseModelResult {
  const PurchaseModel* model = nullptr;
  std::optional<PurchaseModelFit> fit;  // none when the model could not be fitted
  Message error;                        // why not
  // Per parameter: false where the likelihood keeps rising towards a limit, so the value is no
  // estimate (BG/NBD's limits are told apart in `bg_nbd_limits`).
  std::vector<bool> estimated;
  BgNbdLimits bg_nbd_limits;  // BG/NBD only
  bool no_dropout = false;    // nobody was seen to stop: predictions are those of no dropout
  // Over the holdout: the expected repeat purchases summed over customers, and the mean over
  // customers of |expected - actual|.
  double holdout_expected = 0, holdout_mean_absolute_error = 0;
  // P(alive) of each of the fitted rows (it depends on x, t_x and T alone).
  std::vector<double> probability_alive_by_row;

  bool fitted() const { return fit.has_value(); }
  bool all_estimated() const;
  // The model's expectations, at its limit where it ran to one (see no_dropout).
  double expected_purchases_if_alive(double t, double x, double T) const;
  void expected_purchases_if_alive_at(double x, std::span<const double> T, std::span<const double> t, std::span<double> out) const;
  double probability_alive(double x, double t_x, double T) const;
  double dropout_within(double t, double x, double T) const;
};

struct PurchaseModelComparison {
  std::vector<PurchaseModelResult> models;  // in purchase_models() order
  double holdout_units = 0;                 // 0: no holdout
  double holdout_actual = 0;                // repeat purchases in the holdout, all customers
  // The naive baseline: each customer's past purchase rate x/T carried over the holdout.
  double naive_holdout_expected = 0, naive_holdout_mean_absolute_error = 0;
  std::size_t best = 0;  // index into models
  std::string best_by;   // "holdout", "bic" or "only"
  Message best_reason;

  const PurchaseModelResult* find(const std::string& name) const;
};

// `summary`: one row per customer (for the holdout); `rows`: the same compressed to weighted
// rows (what the models fit), with row_of_customer from compress_for_purchases. Errors when no
// model can be fitted. `dated`: false for a summary brought as a table, which has no dates and so
// no holdout to set; the reason for the choice then does not advise setting one.
Result<PurchaseModelComparison> compare_purchase_models(const CustomerSummary& summary, const CustomerSummary& rows,
                                                        const std::vector<std::uint32_t>& row_of_customer,
                                                        bool dated = true);

// Customers with the same x and T (to the day) share a key: their expectations if alive agree.
std::int64_t purchase_history_key(double x, double T, double days_per_unit);

}  // namespace retention
