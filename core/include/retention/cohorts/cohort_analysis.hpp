#pragma once
// Cohort retention analysis: fit the sBG and the beta-discrete-Weibull (BdW) models to a survivor
// table, compare them with constant churn fitted to the same counts and with each other (the
// likelihood-ratio test of c = 1), check them on held-out periods, value a customer under each,
// and value the customers active today (Fader & Hardie 2010).
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/cohorts/beta_discrete_weibull.hpp"
#include "retention/cohorts/cohort_value_band.hpp"
#include "retention/cohorts/cohort_table.hpp"
#include "retention/cohorts/customer_base_value.hpp"
#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"

namespace retention {

struct CohortSeries {
  // Index t = 0..periods: survival pooled over the cohorts observed at t, the sBG curve and the
  // constant-churn curve. Retention columns start at t = 1 (index 0 is t = 1).
  std::vector<double> observed_survival, fitted_survival, geometric_survival, bdw_survival;
  std::vector<double> observed_retention, fitted_retention, geometric_retention, bdw_retention;
  // Held-out periods (after calibration): survivors actual and predicted by each model.
  std::vector<double> holdout_period, holdout_actual, holdout_sbg, holdout_geometric, holdout_bdw;
};

struct CustomerValueComparison {
  double clv_sbg = 0, clv_geometric = 0;  // on the scenario's margin, discount, timing and basis
  std::optional<double> derl_sbg;         // new customer (n = 1), per unit of margin
  double derl_geometric = 0;
  std::optional<double> expected_lifetime_sbg;  // undiscounted; none when the mean is infinite
  double expected_lifetime_geometric = 0;
  // How much constant churn understates (> 0) or overstates the sBG CLV, in % of the sBG CLV.
  std::optional<double> geometric_understatement_percent;
  std::optional<double> clv_bdw, derl_bdw;  // with the BdW fit
};

struct CohortAnalysis {
  CohortTable table;
  SbgFit fit;
  double first_period_churn = 0;  // the sBG's alpha / (alpha + beta)
  double geometric_churn = 0;
  // The BdW, when it can be fitted, and the test of whether churn changes with tenure.
  std::optional<BdwFit> bdw;
  Message bdw_note;  // why it was not fitted
  LikelihoodRatioTest tenure_test;
  std::optional<double> holdout_error_percent_bdw;
  // The customers active today (each cohort's last count) valued under the sBG and the BdW,
  // against one aggregate retention rate; base_value_note says why there is none.
  std::optional<CustomerBaseValue> base_value_sbg, base_value_bdw;
  Message base_value_note;
  CohortSeries series;
  std::optional<double> holdout_error_percent_sbg, holdout_error_percent_geometric;  // mean absolute % error
  CustomerValueComparison value;
  // P10-P90 of CLV and DERL over each fit's parameter uncertainty; none without standard errors.
  std::optional<ValueBand> band_sbg, band_bdw;
};

// `valuation` supplies the margin, discount, timing and CLV basis; `calibration_periods` 0
// fits on every period, K fits on periods 1..K and holds out the rest; `band` the draws and seed
// of the CLV and DERL bands.
Result<CohortAnalysis> analyse_cohorts(const CohortTable& table, const ScenarioDocument& valuation,
                                       int calibration_periods, const BandDraws& band = {});

// The page's entry point: table text as pasted, the calculator's scenario for valuation and for
// the bands' draws and seed (its analysis settings; without them, 200 draws from seed 1).
Result<CohortAnalysis> analyse_cohort_text(std::string_view table_text, CohortLayout layout, int calibration_periods,
                                           std::string_view scenario_json);

nlohmann::json cohort_analysis_to_json(const CohortAnalysis& analysis);

}  // namespace retention
