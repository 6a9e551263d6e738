#include "analysis_json.hpp"

#include <cmath>

#include "retention/calculator/report_json.hpp"
#include "field_reader.hpp"

namespace retention {
using nlohmann::json;
using namespace json_reading;

AnalysisSettings read_analysis(const json& object, FieldErrors& errors) {
  AnalysisSettings a;
  FieldReader read(object, "analysis.", errors);
  read.reject_unknown({"band_draws", "band_seed", "cohorts", "transactions", "opportunities"});
  assign(a.band_draws, read.integer("band_draws", false, 0, max_band_draws));
  // Above 10^9 (beyond an int) yet allowed: read as a number, checked here with the limits named.
  if (auto seed = read.number("band_seed", false)) {
    if (*seed >= 0 && *seed <= static_cast<double>(max_band_seed) && *seed == std::floor(*seed)) {
      a.band_seed = static_cast<std::uint64_t>(*seed);
    } else {
      MessageArguments arguments = got_arguments(*seed);
      arguments.insert(arguments.end(), {label_argument("band_seed"), number_argument("low", 0),
                                         number_argument("high", static_cast<double>(max_band_seed))});
      read.add("band_seed", *seed == std::floor(*seed) ? "out_of_range" : "not_whole_number", std::move(arguments));
    }
  }
  if (const json* cohorts = read.object("cohorts")) {
    FieldReader in(*cohorts, "analysis.cohorts.", errors);
    in.reject_unknown({"calibration_periods"});
    a.cohorts.calibration_periods = in.integer("calibration_periods", false, 0, max_cohort_calibration_periods);
  }
  if (const json* transactions = read.object("transactions")) {
    TransactionPanelSettings& t = a.transactions;
    FieldReader in(*transactions, "analysis.transactions.", errors);
    in.reject_unknown({"time_unit", "prediction_units", "annual_discount_rate_percent", "margin_percent",
                       "purchase_model", "inactive_units"});
    const char* units[] = {"week", "day", "month"};
    if (auto unit = in.choice("time_unit", false, {units[0], units[1], units[2]})) t.time_unit = units[*unit];
    assign(t.prediction_units, in.integer("prediction_units", false, 1, max_prediction_units));
    t.annual_discount_rate_percent = in.number("annual_discount_rate_percent", false);
    t.margin_percent = in.number("margin_percent", false);
    if (auto model = in.choice("purchase_model", false, {purchase_model_choices[0], purchase_model_choices[1],
                                                          purchase_model_choices[2], purchase_model_choices[3]}))
      t.purchase_model = purchase_model_choices[*model];
    t.inactive_units = in.number("inactive_units", false);
  }
  if (const json* opportunities = read.object("opportunities")) {
    OpportunityPanelSettings& o = a.opportunities;
    FieldReader in(*opportunities, "analysis.opportunities.", errors);
    in.reject_unknown({"future_opportunities", "discount_rate_percent"});
    assign(o.future_opportunities, in.integer("future_opportunities", false, 1, max_future_opportunities));
    assign(o.discount_rate_percent, in.number("discount_rate_percent", false));
  }
  return a;
}

json analysis_to_json(const AnalysisSettings& a) {
  json cohorts = json::object();
  if (a.cohorts.calibration_periods) cohorts["calibration_periods"] = *a.cohorts.calibration_periods;
  const TransactionPanelSettings& t = a.transactions;
  json transactions = json_object(
      {{"time_unit", t.time_unit}, {"prediction_units", t.prediction_units}, {"purchase_model", t.purchase_model}});
  if (t.annual_discount_rate_percent) transactions["annual_discount_rate_percent"] = *t.annual_discount_rate_percent;
  if (t.margin_percent) transactions["margin_percent"] = *t.margin_percent;
  if (t.inactive_units) transactions["inactive_units"] = *t.inactive_units;
  return json_object({{"band_draws", a.band_draws},
                      {"band_seed", a.band_seed},
                      {"cohorts", std::move(cohorts)},
                      {"transactions", std::move(transactions)},
                      {"opportunities", json_object({{"future_opportunities", a.opportunities.future_opportunities},
                                                     {"discount_rate_percent", a.opportunities.discount_rate_percent}})}});
}

}  // namespace retention
