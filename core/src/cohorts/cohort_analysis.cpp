#include "retention/cohorts/cohort_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "retention/calculator/assumptions.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/calculator/lifetime_value.hpp"
#include "retention/scenario/scenario_json.hpp"

namespace retention {
namespace {

// The fitted curve is drawn at least two years (or periods) past the data, so the user sees
// where the two models part.
int drawn_periods(const CohortTable& table, Period period) {
  return std::min(max_horizon_periods, std::max(table.longest_periods(), 0) + 2 * periods_per_year(period));
}

std::optional<double> mean_absolute_percent_error(const std::vector<double>& actual, const std::vector<double>& predicted) {
  double total = 0;
  int count = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] <= 0) continue;
    total += std::fabs(predicted[i] - actual[i]) / actual[i];
    ++count;
  }
  if (count == 0) return std::nullopt;
  return total / count * 100;
}

}  // namespace

Result<CohortAnalysis> analyse_cohorts(const CohortTable& table, const ScenarioDocument& valuation,
                                       int calibration_periods, const BandDraws& band) {
  const int longest = table.longest_periods();
  if (calibration_periods < 0 || calibration_periods > longest)
    return field_error("calibration_periods", "calibration_periods_range", {number_argument("longest", longest)});
  Result<SbgFit> fit = fit_sbg(table, calibration_periods);
  if (!fit.ok()) return fit.errors();

  CohortAnalysis a;
  a.table = table;
  a.fit = fit.value();
  a.first_period_churn = a.fit.parameters.alpha / (a.fit.parameters.alpha + a.fit.parameters.beta);
  a.geometric_churn = geometric_churn_estimate(table, calibration_periods);
  const SbgSurvival sbg(a.fit.parameters);
  const GeometricSurvival geometric(a.geometric_churn);
  Result<BdwFit> bdw_fit = fit_bdw(table, calibration_periods);
  if (bdw_fit.ok()) {
    a.bdw = bdw_fit.value();
    a.tenure_test = likelihood_ratio_test(a.fit.log_likelihood, a.bdw->log_likelihood);
  } else {
    a.bdw_note = make_message(bdw_fit.errors().front().code, bdw_fit.errors().front().arguments);
  }
  // The sBG's curve stands in where the BdW could not be fitted; nothing of it is reported then.
  const BdwSurvival bdw(a.bdw ? a.bdw->parameters : BdwParameters{a.fit.parameters.alpha, a.fit.parameters.beta, 1});

  CohortSeries& s = a.series;
  const int drawn = drawn_periods(table, valuation.period);
  for (int t = 0; t <= drawn; ++t) {
    s.fitted_survival.push_back(sbg.survival(t));
    s.geometric_survival.push_back(geometric.survival(t));
    if (a.bdw) s.bdw_survival.push_back(bdw.survival(t));
    if (t >= 1) s.fitted_retention.push_back(sbg.retention(t));
    if (t >= 1) s.geometric_retention.push_back(1 - a.geometric_churn);
    if (t >= 1 && a.bdw) s.bdw_retention.push_back(bdw.survival(t - 1) > 0 ? bdw.survival(t) / bdw.survival(t - 1) : 0);
  }
  for (int t = 0; t <= longest; ++t) {
    double start = 0, now = 0, before = 0;
    for (const auto& n : table.survivors) {
      if (static_cast<int>(n.size()) <= t) continue;
      start += n[0];
      now += n[t];
      if (t >= 1) before += n[t - 1];
    }
    s.observed_survival.push_back(now / start);
    if (t >= 1) s.observed_retention.push_back(before > 0 ? now / before : 0);
    if (t > a.fit.calibration_periods) {
      s.holdout_period.push_back(t);
      s.holdout_actual.push_back(now);
      s.holdout_sbg.push_back(start * sbg.survival(t));
      s.holdout_geometric.push_back(start * geometric.survival(t));
      if (a.bdw) s.holdout_bdw.push_back(start * bdw.survival(t));
    }
  }
  a.holdout_error_percent_sbg = mean_absolute_percent_error(s.holdout_actual, s.holdout_sbg);
  a.holdout_error_percent_geometric = mean_absolute_percent_error(s.holdout_actual, s.holdout_geometric);
  if (a.bdw) a.holdout_error_percent_bdw = mean_absolute_percent_error(s.holdout_actual, s.holdout_bdw);

  const Assumptions base = baseline_assumptions(valuation);
  const double d = base.discount_rate(), margin = base.margin_per_period();
  CustomerValueComparison& v = a.value;
  v.clv_sbg = customer_lifetime_value(sbg, margin, d, base.timing, base.clv_horizon());
  v.clv_geometric = customer_lifetime_value(geometric, margin, d, base.timing, base.clv_horizon());
  v.derl_sbg = sbg_derl(a.fit.parameters, d, 1);
  const double r = 1 - a.geometric_churn;
  v.derl_geometric = r / (1 - r / (1 + d));  // sum over k >= 0 of r^(k+1) / (1+d)^k
  if (a.fit.parameters.alpha > 1) v.expected_lifetime_sbg = 1 + a.fit.parameters.beta / (a.fit.parameters.alpha - 1);
  v.expected_lifetime_geometric = a.geometric_churn > 0 ? 1 / a.geometric_churn : 0;
  if (v.clv_sbg != 0) v.geometric_understatement_percent = (v.clv_sbg - v.clv_geometric) / std::fabs(v.clv_sbg) * 100;
  if (a.bdw) {
    v.clv_bdw = customer_lifetime_value(bdw, margin, d, base.timing, base.clv_horizon());
    v.derl_bdw = discounted_expected_residual_lifetime(bdw, d, 1);
  }
  const Valuation valuation_of_curves{margin, d, base.timing, base.clv_horizon()};
  a.band_sbg = sbg_value_band(a.fit, valuation_of_curves, band.draws, band.seed);
  if (a.bdw) a.band_bdw = bdw_value_band(*a.bdw, valuation_of_curves, band.draws, band.seed);
  Result<CustomerBaseValue> base_sbg = customer_base_value(table, sbg, margin, d);
  if (base_sbg.ok()) a.base_value_sbg = base_sbg.value();
  else a.base_value_note = make_message(base_sbg.errors().front().code, base_sbg.errors().front().arguments);
  if (a.bdw && base_sbg.ok()) {
    Result<CustomerBaseValue> base_bdw = customer_base_value(table, bdw, margin, d);
    if (base_bdw.ok()) a.base_value_bdw = base_bdw.value();
  }
  return a;
}

Result<CohortAnalysis> analyse_cohort_text(std::string_view table_text, CohortLayout layout, int calibration_periods,
                                           std::string_view scenario_json) {
  Result<ScenarioDocument> valuation = parse_scenario_document(scenario_json);
  if (!valuation.ok()) return valuation.errors();
  Result<CohortTable> table = parse_cohort_table(table_text, layout);
  if (!table.ok()) return table.errors();
  const std::optional<AnalysisSettings>& settings = valuation.value().analysis;
  const BandDraws band = settings ? BandDraws{settings->band_draws, settings->band_seed} : BandDraws{};
  return analyse_cohorts(table.value(), valuation.value(), calibration_periods, band);
}

namespace {

// The fit's covariance of (ln alpha, ln beta), row-major, as the scenario document carries it
// (retention_curve.log_covariance), so the curve the user applies keeps how sure it is; null
// when the fit has none a scenario would accept.
nlohmann::json curve_uncertainty_json(const std::vector<double>& c) {
  if (c.size() != 4 || !CurveUncertainty{c[0], c[1], c[3]}.usable()) return nullptr;
  return {c[0], c[1], c[1], c[3]};
}

}  // namespace

nlohmann::json cohort_analysis_to_json(const CohortAnalysis& a) {
  auto optional = [](const std::optional<double>& x) { return x ? nlohmann::json(*x) : nlohmann::json(nullptr); };
  auto note = [](const Message& m) { return m.code.empty() ? nlohmann::json(nullptr) : message_to_json(m); };
  auto band = [](const std::optional<ValueBand>& b) {
    return b ? nlohmann::json({{"draws", b->draws}, {"seed", b->seed}, {"clv", interval_to_json(b->clv)}, {"derl", interval_to_json(b->derl)}})
             : nlohmann::json(nullptr);
  };
  auto base_value = [](const std::optional<CustomerBaseValue>& b) {
    if (!b) return nlohmann::json(nullptr);
    nlohmann::json cohorts = nlohmann::json::array();
    for (const CohortValue& c : b->cohorts)
      cohorts.push_back({{"name", c.name}, {"renewals", c.renewals}, {"active", c.active}, {"derl", c.derl}, {"value", c.value}});
    return nlohmann::json({{"cohorts", cohorts},
                           {"active", b->active},
                           {"value", b->value},
                           {"aggregate_retention", b->aggregate_retention},
                           {"naive_derl", b->naive_derl},
                           {"naive_value", b->naive_value},
                           {"understatement_percent", b->understatement_percent}});
  };
  nlohmann::json bdw = nullptr;
  if (a.bdw) {
    const BdwFit& b = *a.bdw;
    const auto error = [&](std::size_t i) { return i < b.standard_errors.size() ? nlohmann::json(b.standard_errors[i]) : nlohmann::json(nullptr); };
    bdw = {{"alpha", b.parameters.alpha}, {"beta", b.parameters.beta}, {"c", b.parameters.c},
           {"alpha_standard_error", error(0)}, {"beta_standard_error", error(1)}, {"c_standard_error", error(2)},
           {"log_likelihood", b.log_likelihood}, {"converged", b.converged}, {"note", note(b.note)}};
  }
  nlohmann::json cohorts = nlohmann::json::array();
  for (std::size_t c = 0; c < a.table.survivors.size(); ++c)
    cohorts.push_back({{"name", a.table.names[c]}, {"survivors", a.table.survivors[c]}});
  return {
      {"cohorts", cohorts},
      {"fit",
       {{"alpha", a.fit.parameters.alpha},
        {"beta", a.fit.parameters.beta},
        {"log_likelihood", a.fit.log_likelihood},
        {"alpha_standard_error", optional(a.fit.alpha_standard_error)},
        {"beta_standard_error", optional(a.fit.beta_standard_error)},
        {"log_covariance", curve_uncertainty_json(a.fit.log_parameter_covariance)},
        {"converged", a.fit.converged},
        {"note", a.fit.note.code.empty() ? nlohmann::json(nullptr) : message_to_json(a.fit.note)},
        {"iterations", a.fit.iterations},
        {"calibration_periods", a.fit.calibration_periods}}},
      {"first_period_churn", a.first_period_churn},
      {"geometric_churn", a.geometric_churn},
      {"bdw", bdw},
      {"bdw_note", note(a.bdw_note)},
      // 2 (ln L of the BdW - ln L of the sBG) and its p-value on one degree of freedom.
      // The verdict at 5%: "same" (the sBG's c = 1 is enough), else whether churn "rises" or "falls".
      {"tenure_test", a.bdw ? nlohmann::json({{"statistic", a.tenure_test.statistic},
                                              {"p_value", a.tenure_test.p_value},
                                              {"verdict", a.tenure_test.p_value >= 0.05 ? "same"
                                                          : a.bdw->parameters.c > 1 ? "rises" : "falls"}})
                            : nlohmann::json(nullptr)},
      {"holdout_error_percent_bdw", optional(a.holdout_error_percent_bdw)},
      {"base_value", {{"sbg", base_value(a.base_value_sbg)}, {"bdw", base_value(a.base_value_bdw)}, {"note", note(a.base_value_note)}}},
      {"holdout_error_percent_sbg", optional(a.holdout_error_percent_sbg)},
      {"holdout_error_percent_geometric", optional(a.holdout_error_percent_geometric)},
      {"value",
       {{"clv_sbg", a.value.clv_sbg},
        {"clv_geometric", a.value.clv_geometric},
        {"derl_sbg", optional(a.value.derl_sbg)},
        {"derl_geometric", a.value.derl_geometric},
        {"expected_lifetime_sbg", optional(a.value.expected_lifetime_sbg)},
        {"expected_lifetime_geometric", a.value.expected_lifetime_geometric},
        {"geometric_understatement_percent", optional(a.value.geometric_understatement_percent)},
        {"clv_bdw", optional(a.value.clv_bdw)},
        {"derl_bdw", optional(a.value.derl_bdw)}}},
      {"bands", {{"sbg", band(a.band_sbg)}, {"bdw", band(a.band_bdw)}}},
  };
}

}  // namespace retention
