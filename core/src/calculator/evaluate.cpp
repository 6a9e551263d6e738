#include "retention/calculator/evaluate.hpp"

#include "retention/calculator/churn_solver.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {
namespace {

ScenarioResult evaluate_scenario(const Assumptions& a) {
  ScenarioResult r;
  r.assumptions = a;
  r.value = customer_value(a);
  r.projection = project(projection_inputs(a), *a.survival());
  r.cumulative_discounted_profit = r.projection.cumulative_discounted_profit.back();
  r.customers_at_horizon = r.projection.customers_at_end.back();
  r.acquisition_vs_retention = acquisition_vs_retention(a, r.value.clv, r.cumulative_discounted_profit);
  return r;
}

ChurnTarget churn_target(const Assumptions& a, double target_clv) {
  ChurnTarget t;
  t.target_clv = target_clv;
  if (auto churn = churn_for_clv(a, target_clv)) t.churn_percent = *churn * 100;
  return t;
}

}  // namespace

Result<Report> evaluate(const ScenarioDocument& document) {
  FieldErrors errors = validate(document);
  if (!errors.empty()) return errors;

  Report report;
  report.document = document;
  const Assumptions base = baseline_assumptions(document);
  report.baseline = evaluate_scenario(base);
  for (const ScenarioChange& change : document.scenarios)
    report.scenarios.push_back(evaluate_scenario(scenario_assumptions(document, change)));
  report.sensitivity = sensitivity(base);
  if (base.cac > 0) report.churn_for_target_ltv_to_cac = churn_target(base, document.target_ltv_to_cac * base.cac);
  if (document.target_clv) report.churn_for_target_clv = churn_target(base, *document.target_clv);
  return report;
}

Result<Report> evaluate_json(std::string_view scenario_json) {
  Result<ScenarioDocument> document = parse_scenario_document(scenario_json);
  if (!document.ok()) return document.errors();
  return evaluate(document.value());
}

}  // namespace retention
