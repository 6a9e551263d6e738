#include "retention/calculator/report_json.hpp"

#include <cmath>
#include <cstdio>

#include "retention/text/csv_cell.hpp"
#include "retention/scenario/scenario_json.hpp"

namespace retention {
namespace {

using nlohmann::json;

json assumptions_json(const Assumptions& a) {
  return json_object({{"revenue_per_customer", a.revenue_per_customer},
          {"gross_margin_percent", a.gross_margin * 100},
          {"churn_percent", a.first_period_churn() * 100},  // the first period's, for a fitted curve
          {"retention_percent", (1 - a.first_period_churn()) * 100},
          {"cac", a.cac},
          {"retention_spend_per_customer", a.retention_spend_per_customer},
          {"churn_reduction_from_retention_spend_points", a.churn_reduction_from_retention_spend * 100},
          {"new_customers_per_period", a.new_customers_per_period}});
}

json value_json(const CustomerValue& v) {
  return json_object({{"margin_per_period", v.margin_per_period},
          {"discount_rate_per_period", v.discount_rate_per_period},
          {"clv", finite_or_null(v.clv)},
          {"clv_horizon", v.clv_horizon},
          {"clv_lifetime", optional_json(v.clv_lifetime)},
          {"net_clv", finite_or_null(v.net_clv)},
          {"ltv_to_cac", optional_json(v.ltv_to_cac)},
          {"payback_period", optional_json(v.payback_period)},
          {"payback_search_periods", v.payback_search_periods},
          {"expected_lifetime_periods", optional_json(v.expected_lifetime_periods)}});
}

json acquisition_json(const AcquisitionVsRetention& a) {
  return json_object({{"cost_to_acquire", a.cost_to_acquire},
          {"cost_to_keep", optional_json(a.cost_to_keep)},
          {"acquire_to_keep_ratio", optional_json(a.acquire_to_keep_ratio)},
          {"acquisition_spend_saved_per_churn_point", a.acquisition_spend_saved_per_churn_point},
          {"break_even_churn_reduction_points", optional_json(a.break_even_churn_reduction_points)},
          {"clv_after_5_point_retention_increase", optional_json(a.clv_after_5_point_retention_increase)},
          {"clv_change_percent_after_5_points", optional_json(a.clv_change_percent_after_5_points)},
          {"profit_after_5_point_retention_increase", a.profit_after_5_point_retention_increase},
          {"profit_change_percent_after_5_points", optional_json(a.profit_change_percent_after_5_points)}});
}

json difference_json(const ScenarioResult& s, const ScenarioResult& base) {
  json ratio = nullptr;
  if (s.value.ltv_to_cac && base.value.ltv_to_cac) ratio = *s.value.ltv_to_cac - *base.value.ltv_to_cac;
  return json_object({{"clv", finite_or_null(s.value.clv - base.value.clv)},
          {"net_clv", finite_or_null(s.value.net_clv - base.value.net_clv)},
          {"ltv_to_cac", ratio},
          {"cumulative_discounted_profit", s.cumulative_discounted_profit - base.cumulative_discounted_profit},
          {"customers_at_horizon", s.customers_at_horizon - base.customers_at_horizon}});
}

json result_json(const ScenarioResult& s, const ScenarioResult& base) {
  return json_object({{"name", s.assumptions.name},
          {"assumptions", assumptions_json(s.assumptions)},
          {"value", value_json(s.value)},
          {"acquisition_vs_retention", acquisition_json(s.acquisition_vs_retention)},
          {"cumulative_discounted_profit", s.cumulative_discounted_profit},
          {"customers_at_horizon", s.customers_at_horizon},
          {"difference_from_baseline", difference_json(s, base)}});
}

json target_json(const std::optional<ChurnTarget>& target) {
  if (!target) return nullptr;
  return json_object({{"target_clv", target->target_clv}, {"churn_percent", optional_json(target->churn_percent)}});
}

}  // namespace

json json_object(std::initializer_list<std::pair<const char*, json>> members) {
  json out = json::object();
  for (const auto& [key, value] : members) out[key] = value;
  return out;
}

json finite_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json report_summary_to_json(const Report& report) {
  json results = json::array();
  results.push_back(result_json(report.baseline, report.baseline));
  for (const ScenarioResult& s : report.scenarios) results.push_back(result_json(s, report.baseline));

  json rows = json::array();
  for (const SensitivityRow& row : report.sensitivity)
    rows.push_back(json_object({{"input", row.input},
                    {"low_value", row.low_value},
                    {"high_value", row.high_value},
                    {"clv_low", finite_or_null(row.clv_low)},
                    {"clv_high", finite_or_null(row.clv_high)},
                    {"profit_low", row.profit_low},
                    {"profit_high", row.profit_high}}));

  return json_object({{"scenario", scenario_document_to_json(report.document)},
                      {"results", std::move(results)},
                      {"sensitivity", json_object({{"step_percent", sensitivity_step * 100},
                                                   {"clv", finite_or_null(report.baseline.value.clv)},
                                                   {"profit", report.baseline.cumulative_discounted_profit},
                                                   {"rows", std::move(rows)}})},
                      {"targets", json_object({{"ltv_to_cac", report.document.target_ltv_to_cac},
                                               {"churn_for_target_ltv_to_cac", target_json(report.churn_for_target_ltv_to_cac)},
                                               {"churn_for_target_clv", target_json(report.churn_for_target_clv)}})}});
}

json interval_to_json(const Interval& band) { return {{"p10", band.p10}, {"p50", band.p50}, {"p90", band.p90}}; }

json message_arguments_to_json(const MessageArguments& arguments) {
  json out = json::object();
  for (const MessageArgument& a : arguments) {
    switch (a.kind) {
      case MessageArgument::Kind::number: out[std::string(a.name)] = std::isfinite(a.number) ? json(a.number) : json(nullptr); break;
      case MessageArgument::Kind::text: out[std::string(a.name)] = a.text; break;
      case MessageArgument::Kind::term: out[std::string(a.name)] = json_object({{"term", a.text}}); break;
    }
  }
  return out;
}

json message_to_json(const Message& m) {
  return json_object({{"code", m.code}, {"args", message_arguments_to_json(m.arguments)}, {"message", m.text}});
}

json errors_to_json(const FieldErrors& errors) {
  json out = json::array();
  for (const FieldError& e : errors)
    out.push_back(json_object({{"field", e.field}, {"code", e.code}, {"args", message_arguments_to_json(e.arguments)}, {"message", e.message}}));
  return out;
}

const std::vector<const char*>& projection_column_names() {
  static const std::vector<const char*> names = {
      "active_customers", "from_starting_base", "new_customers",  "churned",
      "customers_at_end", "revenue",            "gross_profit",   "acquisition_cost",
      "retention_cost",   "profit",             "cumulative_discounted_profit"};
  return names;
}

std::vector<const std::vector<double>*> projection_columns(const Projection& p) {
  return {&p.active_customers, &p.from_starting_base, &p.new_customers,    &p.churned,
          &p.customers_at_end, &p.revenue,            &p.gross_profit,     &p.acquisition_cost,
          &p.retention_cost,   &p.profit,             &p.cumulative_discounted_profit};
}

std::string projection_csv(const Report& report) {
  std::string csv = "scenario,period";
  for (const char* name : projection_column_names()) csv += std::string(",") + name;
  csv += "\r\n";
  auto add_rows = [&csv](const ScenarioResult& s) {
    const auto columns = projection_columns(s.projection);
    for (int k = 0; k < s.projection.periods(); ++k) {
      csv += csv_text_cell(s.assumptions.name);
      csv += ',';
      csv += std::to_string(k + 1);
      for (const auto* column : columns) {
        csv += ',';
        csv += csv_number((*column)[k]);
      }
      csv += "\r\n";
    }
  };
  add_rows(report.baseline);
  for (const ScenarioResult& s : report.scenarios) add_rows(s);
  return csv;
}

std::string to_json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace retention
