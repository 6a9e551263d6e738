#pragma once
// From a transaction log to decisions: summarise, fit every purchase model (BG/NBD, MBG/NBD,
// Pareto/NBD) and Gamma-Gamma, compare them, and predict per customer from the chosen one the
// probability of being alive, the purchases and spend to expect, and a discounted CLV; check the
// predictions on a holdout period.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_band.hpp"
#include "retention/repeat_buying/purchase_model_comparison.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"
#include "retention/common/result.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {

struct TransactionAnalysisOptions {
  std::int32_t calibration_end_day = 0;  // days since 1970-01-01, inclusive
  std::int32_t holdout_end_day = 0;      // <= calibration end: no holdout
  double days_per_unit = 7;
  int prediction_units = 52;             // the window for expected purchases and CLV
  double annual_discount_rate = 0.10;
  double margin_fraction = 1.0;          // share of spend that is margin
  std::string model = "best";            // "best" or a purchase model's name: the one predictions use
  double calculator_period_days = 365.25 / 12;  // the calculator's period, for its inputs
  // "No purchase in the last N units": N, in the time unit (0: half a year in it).
  double inactive_units = 0;
  // The uncertainty band: parameter draws (0: none) and their seed.
  int band_draws = 200;
  std::uint64_t band_seed = 1;
  double inactive_units_or_half_year() const { return inactive_units > 0 ? inactive_units : std::round(182.625 / days_per_unit); }
};

Result<TransactionAnalysisOptions> transaction_options_from_json(const nlohmann::json& options);

struct TransactionAnalysis {
  CustomerSummary summary;
  CustomerSummary purchase_rows;  // the summary with equal (x, t_x, T) as one weighted row: what the models fit
  PurchaseModelComparison comparison;
  std::size_t chosen = 0;  // the model the predictions come from, in comparison.models
  const PurchaseModelResult& purchases() const { return comparison.models[chosen]; }
  std::optional<ModelFit<GammaGammaParameters>> spend;
  Message spend_note;  // why the Gamma-Gamma model was not fitted, if it was not
  // Parameters that ran to a limit (not estimates), and what that says, in words.
  GammaGammaLimits spend_limits;
  std::vector<Message> notes;
  TransactionAnalysisOptions options;
  // Per summarised customer, in summary order.
  std::vector<double> probability_alive, expected_purchases, expected_spend, clv;
  // The holdout, by time unit: cumulative actual repeat purchases and the model's expectation.
  std::vector<double> holdout_actual_cumulative, holdout_expected_cumulative;
  // By model (comparison order), the expected cumulative repeat purchases over the holdout.
  std::vector<std::vector<double>> holdout_expected_cumulative_by_model;
  std::vector<std::int32_t> top_customers;  // summary indices, highest CLV first (at most 20)
  std::optional<PurchaseBand> band;          // the chosen model's, when its parameters can be drawn
  // The calculator's inputs per its period: revenue per customer (expected purchases times spend
  // over the prediction window, spread evenly) and the share of active customers who stop.
  double revenue_per_customer_per_period = 0, churn_per_period = 0;
};

Result<TransactionAnalysis> analyse_transactions(const TransactionLog& log, const TransactionAnalysisOptions& options);
// The same from a summary: one row per customer, or weighted rows (a compressed table from a
// warehouse, summary_table.hpp); every total counts the customers a row stands for. A summary
// brought as a table has no holdout (so the reason for the model chosen does not advise one).
Result<TransactionAnalysis> analyse_summary(CustomerSummary summary, const TransactionAnalysisOptions& options);

// What was read: rows, bad rows (the first few with line numbers), customers, date range.
nlohmann::json transaction_import_to_json(const TransactionLog& log);

nlohmann::json transaction_analysis_to_json(const TransactionAnalysis& analysis, const TransactionLog& log);
// What a summary's analysis says without a log (no import line, no customer ids).
nlohmann::json summary_analysis_to_json(const TransactionAnalysis& analysis);
std::string transaction_predictions_csv(const TransactionAnalysis& analysis, const TransactionLog& log);

}  // namespace retention
