#include "retention/scenario/scenario_json.hpp"

#include <cmath>
#include <initializer_list>
#include <optional>

#include "retention/calculator/report_json.hpp"
#include "retention/common/json_text.hpp"
#include "retention/scenario/scenario_validation.hpp"
#include "analysis_json.hpp"
#include "field_reader.hpp"
#include "planner/plan_json.hpp"

namespace retention {
namespace {

using nlohmann::json;
using namespace json_reading;

// [var ln alpha, cov, cov, var ln beta] (row-major, as the fit's own log_parameter_covariance):
// finite numbers, symmetric, and usable (CurveUncertainty::usable); else nullopt.
std::optional<CurveUncertainty> curve_uncertainty(const json& m) {
  double v[4];
  for (std::size_t i = 0; i < 4; ++i) {
    if (!m.is_array() || m.size() != 4 || !m[i].is_number()) return std::nullopt;
    v[i] = m[i].get<double>();
  }
  const CurveUncertainty u{v[0], v[1], v[3]};
  if (v[1] != v[2] || !u.usable()) return std::nullopt;  // usable() refuses infinities and NaN too
  return u;
}

ScenarioChange read_scenario(const json& object, std::size_t index, FieldErrors& errors) {
  ScenarioChange change;
  FieldReader read(object, "scenarios[" + std::to_string(index) + "].", errors);
  read.reject_unknown({"name", "churn_change_points", "churn_change_percent", "revenue_per_customer", "cac",
                       "retention_spend_per_customer", "new_customers_per_period"});
  assign(change.name, read.text("name", true));
  change.churn_change_points = read.number("churn_change_points", false);
  change.churn_change_percent = read.number("churn_change_percent", false);
  change.revenue_per_customer = read.number("revenue_per_customer", false);
  change.cac = read.number("cac", false);
  change.retention_spend_per_customer = read.number("retention_spend_per_customer", false);
  change.new_customers_per_period = read.number("new_customers_per_period", false);
  return change;
}

}  // namespace

const char* to_string(Period period) { return period == Period::month ? "month" : "year"; }

const char* to_string(Timing timing) {
  switch (timing) {
    case Timing::start_of_period: return "start_of_period";
    case Timing::end_of_period: return "end_of_period";
    case Timing::end_of_period_retained: return "end_of_period_retained";
  }
  return "";
}

const char* to_string(ClvBasis basis) { return basis == ClvBasis::lifetime ? "lifetime" : "horizon"; }

Result<ScenarioDocument> parse_scenario_document(std::string_view json_text) {
  // nlohmann calls a number beyond a double's range (1e400) a parse error too, but that is not a
  // copying mistake and must not be reported as one.
  json_parsing::Parsed parsed = json_parsing::parse_json_text(json_text);
  if (!parsed.ok) {
    if (parsed.number_overflow)
      return field_error("", "number_out_of_range", {text_argument("value", parsed.token.substr(0, 40))});
    return field_error("", "invalid_json");
  }
  return scenario_document_from_json(parsed.document);
}

Result<ScenarioDocument> scenario_document_from_json(const json& document) {
  if (!document.is_object()) return field_error("", "not_an_object");

  FieldErrors errors;
  FieldReader read(document, "", errors);
  auto version = read.integer("version", true, ScenarioDocument::oldest_version, ScenarioDocument::current_version);
  if (!version) return errors;
  if (*version < ScenarioDocument::oldest_version || *version > ScenarioDocument::current_version)
    return field_error("version", "unsupported_version",
                       {number_argument("version", *version), number_argument("supported", ScenarioDocument::current_version)});
  if (*version < 2 && document.contains("plan"))  // version 1 had no plan
    read.add("plan", "unknown_field", {text_argument("key", "plan")});
  if (*version < 3 && document.contains("analysis"))  // nor versions 1 and 2 the panels' settings
    read.add("analysis", "unknown_field", {text_argument("key", "analysis")});

  read.reject_unknown({"plan", "analysis", "version", "currency", "period", "revenue_per_customer", "gross_margin_percent",
                       "churn_percent", "retention_percent", "annual_discount_rate_percent", "cac",
                       "retention_spend_per_customer", "churn_reduction_from_retention_spend_points",
                       "starting_customers", "new_customers_per_period", "horizon_periods", "timing", "clv_basis",
                       "payback_discounted", "target_ltv_to_cac", "target_clv", "retention_curve", "scenarios"});

  ScenarioDocument d;
  assign(d.currency, read.text("currency", true));
  if (auto period = read.choice("period", true, {"month", "year"})) d.period = static_cast<Period>(*period);
  assign(d.revenue_per_customer, read.number("revenue_per_customer", true));
  assign(d.gross_margin_percent, read.number("gross_margin_percent", true));

  if (read.has("churn_percent") && read.has("retention_percent")) {
    read.add("churn_percent", "churn_and_retention");
  } else if (read.has("retention_percent")) {
    if (auto retention = read.number("retention_percent", true)) {
      if (*retention >= 0 && *retention <= 100)
        d.churn_percent = 100 - *retention;
      else
        read.add("retention_percent", "out_of_range_percent",
                 {label_argument("retention_percent"), number_argument("low", 0), number_argument("high", 100),
                  number_argument("got", *retention)});
    }
  } else {
    assign(d.churn_percent, read.number("churn_percent", true));
  }

  assign(d.annual_discount_rate_percent, read.number("annual_discount_rate_percent", true));
  assign(d.cac, read.number("cac", true));
  assign(d.retention_spend_per_customer, read.number("retention_spend_per_customer", true));
  assign(d.churn_reduction_from_retention_spend_points,
         read.number("churn_reduction_from_retention_spend_points", true));
  assign(d.starting_customers, read.number("starting_customers", true));
  assign(d.new_customers_per_period, read.number("new_customers_per_period", true));
  assign(d.horizon_periods, read.integer("horizon_periods", true, 1, max_horizon_periods));
  if (auto timing = read.choice("timing", true, {"start_of_period", "end_of_period", "end_of_period_retained"}))
    d.timing = static_cast<Timing>(*timing);
  if (auto basis = read.choice("clv_basis", false, {"lifetime", "horizon"})) d.clv_basis = static_cast<ClvBasis>(*basis);
  assign(d.payback_discounted, read.boolean("payback_discounted", false));
  assign(d.target_ltv_to_cac, read.number("target_ltv_to_cac", false));
  d.target_clv = read.number("target_clv", false);

  if (auto it = document.find("retention_curve"); it != document.end() && !it->is_null()) {
    if (!it->is_object()) {
      read.add("retention_curve", "curve_not_object", describe_type(*it));
    } else {
      FieldReader curve(*it, "retention_curve.", errors);
      curve.reject_unknown({"model", "alpha", "beta", "log_covariance"});
      curve.choice("model", true, {"shifted_beta_geometric"});
      auto alpha = curve.number("alpha", true), beta = curve.number("beta", true);
      if (alpha && beta) d.retention_curve = SbgParameters{*alpha, *beta};
      if (auto m = it->find("log_covariance"); m != it->end() && !m->is_null()) {
        d.retention_curve_uncertainty = curve_uncertainty(*m);
        if (!d.retention_curve_uncertainty) curve.add("log_covariance", "curve_covariance_invalid");
      }
    }
  }

  if (auto it = document.find("scenarios"); it != document.end()) {
    if (!it->is_array()) {
      read.add("scenarios", "scenarios_not_list", describe_type(*it));
    } else {
      for (std::size_t i = 0; i < it->size() && i <= max_scenarios; ++i) {
        if ((*it)[i].is_object())
          d.scenarios.push_back(read_scenario((*it)[i], i, errors));
        else
          read.add("scenarios[" + std::to_string(i) + "]", "scenario_not_object");
      }
      if (it->size() > max_scenarios)
        read.add("scenarios", "too_many_scenarios",
                 {number_argument("max", max_scenarios), number_argument("count", static_cast<double>(it->size()))});
    }
  }

  if (auto it = document.find("plan"); *version >= 2 && it != document.end() && !it->is_null()) {
    if (it->is_object())
      d.plan = read_plan(*it, errors);
    else
      read.add("plan", "plan_not_object", describe_type(*it));
  }

  if (*version >= 3) {
    if (const json* analysis = read.object("analysis")) d.analysis = read_analysis(*analysis, errors);
  }

  // Range rules run even after type errors (the bad fields kept their valid defaults), so the
  // page can mark every bad field at once; a field already reported is not reported twice.
  for (FieldError& rule_error : validate(d)) {
    bool reported = false;
    for (const FieldError& e : errors) reported = reported || e.field == rule_error.field;
    if (!reported) errors.push_back(std::move(rule_error));
  }
  if (!errors.empty()) return errors;
  return d;
}

json scenario_document_to_json(const ScenarioDocument& d) {
  json out = json_object({
      {"version", ScenarioDocument::current_version},
      {"currency", d.currency},
      {"period", to_string(d.period)},
      {"revenue_per_customer", d.revenue_per_customer},
      {"gross_margin_percent", d.gross_margin_percent},
      {"churn_percent", d.churn_percent},
      {"annual_discount_rate_percent", d.annual_discount_rate_percent},
      {"cac", d.cac},
      {"retention_spend_per_customer", d.retention_spend_per_customer},
      {"churn_reduction_from_retention_spend_points", d.churn_reduction_from_retention_spend_points},
      {"starting_customers", d.starting_customers},
      {"new_customers_per_period", d.new_customers_per_period},
      {"horizon_periods", d.horizon_periods},
      {"timing", to_string(d.timing)},
      {"clv_basis", to_string(d.clv_basis)},
      {"payback_discounted", d.payback_discounted},
      {"target_ltv_to_cac", d.target_ltv_to_cac},
  });
  if (d.target_clv) out["target_clv"] = *d.target_clv;
  if (d.retention_curve) {
    out["retention_curve"] = json_object(
        {{"model", "shifted_beta_geometric"}, {"alpha", d.retention_curve->alpha}, {"beta", d.retention_curve->beta}});
    if (const auto& u = d.retention_curve_uncertainty)
      out["retention_curve"]["log_covariance"] = {u->variance_log_alpha, u->covariance, u->covariance, u->variance_log_beta};
  }
  json scenarios = json::array();
  for (const ScenarioChange& s : d.scenarios) {
    json change = json_object({{"name", s.name}});
    auto put = [&change](const char* key, const std::optional<double>& value) {
      if (value) change[key] = *value;
    };
    put("churn_change_points", s.churn_change_points);
    put("churn_change_percent", s.churn_change_percent);
    put("revenue_per_customer", s.revenue_per_customer);
    put("cac", s.cac);
    put("retention_spend_per_customer", s.retention_spend_per_customer);
    put("new_customers_per_period", s.new_customers_per_period);
    scenarios.push_back(std::move(change));
  }
  out["scenarios"] = std::move(scenarios);
  if (d.plan) out["plan"] = plan_to_json(*d.plan);
  if (d.analysis) out["analysis"] = analysis_to_json(*d.analysis);
  return out;
}

}  // namespace retention
