#pragma once
// The analyst panels' settings that decide their answers, never the user's data: the seeded
// draws of every uncertainty band, and each panel's own choices. Part of the scenario document
// (version 3), so a share link, an export or an embed configuration gives the same figures once
// the same data is given again. Dates are left out on purpose: the transaction panel's
// calibration and holdout ends would tell a link's reader when the user's business traded, and
// the same file gives the same default dates.
#include <cstdint>
#include <optional>

namespace retention {

// One pair for every band (cohort CLV and DERL, the purchase models, BG/BB): they are the same
// kind of band with the same limits, and one seed reproduces them all.
inline constexpr int default_band_draws = 200;
inline constexpr int max_band_draws = 5000;
inline constexpr std::uint64_t max_band_seed = 4294967295;  // the panels' readers' limit

struct CohortPanelSettings {
  std::optional<int> calibration_periods;  // unset: fit every period
};

// In JSON by their names (time_unit_names, purchase_model_choices); plain values keep the
// document cheap to copy.
enum class TimeUnit { week, day, month };
enum class PurchaseModelChoice { best, bg_nbd, mbg_nbd, pareto_nbd };
inline constexpr const char* time_unit_names[] = {"week", "day", "month"};
// The purchase models a transaction panel may name (purchase_model.hpp's, and "best"); the core
// tests check the list against the models.
inline constexpr const char* purchase_model_choices[] = {"best", "bg_nbd", "mbg_nbd", "pareto_nbd"};

struct TransactionPanelSettings {
  TimeUnit time_unit = TimeUnit::week;
  int prediction_units = 52;               // the window for expected purchases and CLV
  std::optional<double> annual_discount_rate_percent;  // unset: the calculator's
  std::optional<double> margin_percent;                // unset: the calculator's gross margin
  PurchaseModelChoice purchase_model = PurchaseModelChoice::best;  // best: the core's choice
  std::optional<double> inactive_units;    // unset: half a year in the time unit
};

struct OpportunityPanelSettings {  // BG/BB
  int future_opportunities = 5;
  double discount_rate_percent = 10;  // per opportunity
};

struct AnalysisSettings {
  int band_draws = default_band_draws;  // 0: no band
  std::uint64_t band_seed = 1;
  CohortPanelSettings cohorts;
  TransactionPanelSettings transactions;
  OpportunityPanelSettings opportunities;
};

inline constexpr int max_cohort_calibration_periods = 1000;  // a cohort table's most periods
inline constexpr int max_prediction_units = 1000;
inline constexpr double max_inactive_units = 10000;
inline constexpr int max_future_opportunities = 1000;
inline constexpr double min_opportunity_discount_rate_percent = 0.01;

}  // namespace retention
