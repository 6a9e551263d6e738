// Embind bindings of the strategy planner's module (loaded by the planner's worker): one plain
// function per entry point, each taking {scenario} (the document with its plan, as an object or
// its JSON text) and answering {ok: true, ...} or {ok: false, errors}. Per-period series cross
// as Float64Arrays.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_evaluation.hpp"
#include "retention/planner/plan_report_json.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "js_values.hpp"

namespace {

using emscripten::val;
using retention::wasm::error_result;
using retention::wasm::float64_array;
using retention::wasm::json_text;
using retention::wasm::ok_result;
using retention::wasm::option;
using retention::wasm::parse_json;

retention::Result<retention::ScenarioDocument> scenario_of(const val& options) {
  return retention::parse_scenario_document(json_text(option(options, "scenario")));
}

val series_to_js(const retention::NamedSeries& series) {
  val out = val::object();
  for (const auto& [name, column] : series) out.set(name, float64_array(*column));
  return out;
}

// {ok: true, summary: {programs, combined, funnel?, budget_split?}, series: {name: Float64Array}}
val plan_strategy(const val& options) {
  auto document = scenario_of(options);
  if (!document.ok()) return error_result(document.errors());
  auto report = retention::evaluate_plan(document.value());
  if (!report.ok()) return error_result(report.errors());
  val out = ok_result();
  out.set("summary", parse_json(retention::plan_report_to_json(report.value())));
  out.set("series", series_to_js(retention::plan_series(report.value())));
  return out;
}

// {ok: true, summary: {draws, seed, payback_probability, clv, roi, net_gain}, bands: {name: Float64Array}}
val simulate_plan(const val& options) {
  auto document = scenario_of(options);
  if (!document.ok()) return error_result(document.errors());
  auto result = retention::simulate_plan(document.value());
  if (!result.ok()) return error_result(result.errors());
  val out = ok_result();
  out.set("summary", parse_json(retention::monte_carlo_to_json(result.value())));
  out.set("bands", series_to_js(retention::monte_carlo_series(result.value())));
  return out;
}

// {ok: true, csv} with the plan's series and bands per period, for download.
val plan_csv(const val& options) {
  auto document = scenario_of(options);
  if (!document.ok()) return error_result(document.errors());
  auto report = retention::evaluate_plan(document.value());
  auto simulation = retention::simulate_plan(document.value());
  if (!report.ok()) return error_result(report.errors());
  if (!simulation.ok()) return error_result(simulation.errors());
  val out = ok_result();
  out.set("csv", retention::plan_csv(report.value(), simulation.value()));
  return out;
}

// Runs small simulations so the browser compiles the hot loops with its optimising tier before
// the first real one: in Chromium the first 10,000-draw run takes about twice as long otherwise.
// One with constant churn, one with a fitted curve (its cohort walk and lifetime sum are other
// code); 1,000 draws, so the bands take the same path as the real run's.
double warm_up() {
  retention::ScenarioDocument document;
  retention::StrategyPlan plan;
  retention::Program program;
  program.name = "warm-up";
  program.fixed_cost_per_period = retention::Uncertain::exactly(1000);
  program.churn_reduction_percent = {10, 5, 20};
  program.win_back_percent = {5, 0, 10};
  program.ramp_up_periods = 3;
  plan.programs = {program, program};
  plan.ranges = {{"churn_percent", 4, 7}};
  plan.draws = 1000;
  document.horizon_periods = 60;
  document.plan = plan;
  double sink = 0;
  for (const bool fitted : {false, true}) {
    if (fitted) document.retention_curve = retention::SbgParameters{0.7, 1.2};
    auto result = retention::simulate_plan(document);
    sink += result.ok() ? result.value().net_gain.mean : 0;
  }
  return sink;
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_planner) {
  emscripten::function("planCsv", &plan_csv);
  emscripten::function("warmUp", &warm_up);
  emscripten::function("planStrategy", &plan_strategy);
  emscripten::function("simulatePlan", &simulate_plan);
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
}
