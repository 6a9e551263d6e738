// Embind bindings only: each entry point is one plain function that turns JS values into
// core calls and back. Each takes one options object ({scenario} or {link}; the scenario as a
// document object or its JSON text) and answers {ok: true, ...} or {ok: false, errors}, never a
// throw; those without input (defaultScenario, planDefaults, limits, messageTemplates,
// heapInUse) take nothing and answer their value.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <string>

#include "retention/calculator/evaluate.hpp"
#include "retention/common/message.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_link.hpp"
#include "js_values.hpp"

namespace {

using emscripten::val;
using retention::wasm::error_result;
using retention::wasm::float64_array;
using retention::wasm::json_text;
using retention::wasm::ok_result;
using retention::wasm::option;
using retention::wasm::parse_json;

val projection_to_js(const retention::Projection& projection) {
  val columns = val::object();
  const auto& names = retention::projection_column_names();
  const auto data = retention::projection_columns(projection);
  for (std::size_t i = 0; i < names.size(); ++i) columns.set(names[i], float64_array(*data[i]));
  return columns;
}

// {scenario} -> {ok: true, summary: {...}, projections: [{name: Float64Array}, ...]}
val evaluate(const val& options) {
  retention::Result<retention::Report> report = retention::evaluate_json(json_text(option(options, "scenario")));
  if (!report.ok()) return error_result(report.errors());
  const retention::Report& r = report.value();
  val projections = val::array();
  projections.call<void>("push", projection_to_js(r.baseline.projection));
  for (const auto& scenario : r.scenarios) projections.call<void>("push", projection_to_js(scenario.projection));
  val out = ok_result();
  out.set("summary", parse_json(retention::report_summary_to_json(r)));
  out.set("projections", projections);
  return out;
}

// {scenario} -> {ok: true, csv: "..."} for download, or the errors.
val projection_csv(const val& options) {
  retention::Result<retention::Report> report = retention::evaluate_json(json_text(option(options, "scenario")));
  if (!report.ok()) return error_result(report.errors());
  val out = ok_result();
  out.set("csv", retention::projection_csv(report.value()));
  return out;
}

// {scenario} -> {ok: true, link} for a valid scenario document (the share link's fragment), or
// the errors.
val scenario_link(const val& options) {
  retention::Result<retention::ScenarioDocument> document =
      retention::parse_scenario_document(json_text(option(options, "scenario")));
  if (!document.ok()) return error_result(document.errors());
  val out = ok_result();
  out.set("link", retention::scenario_to_link(document.value()));
  return out;
}

// {link} -> {ok: true, scenario: {...}} for a share link, or an error that says the link is damaged.
val scenario_from_link(const val& options) {
  retention::Result<retention::ScenarioDocument> document =
      retention::scenario_from_link(retention::wasm::text_option(options, "link"));
  if (!document.ok()) return error_result(document.errors());
  val out = ok_result();
  out.set("scenario", parse_json(retention::scenario_document_to_json(document.value())));
  return out;
}

// The starting scenario: the page's first inputs come from the core, not from JS.
val default_scenario() {
  return parse_json(retention::scenario_document_to_json(retention::example_scenario_document()));
}

// The funnel's and the budget split's starting values (illustrative, labelled so on the page).
val plan_defaults() {
  retention::ScenarioDocument document;
  document.plan = retention::StrategyPlan{};
  document.plan->funnel = retention::Funnel{};
  document.plan->budget_split = retention::BudgetSplit{};
  return parse_json(retention::scenario_document_to_json(document)["plan"]);
}

val limits() {
  val out = val::object();
  out.set("scenarioVersion", retention::ScenarioDocument::current_version);
  out.set("maxHorizonPeriods", retention::max_horizon_periods);
  out.set("maxScenarios", static_cast<int>(retention::max_scenarios));
  out.set("maxScenarioNameLength", static_cast<int>(retention::max_scenario_name_length));
  out.set("maxPrograms", static_cast<int>(retention::max_programs));
  return out;
}

// Every message code this module can produce with its English template ({code: template}, or
// {one, other} for a message that counts): the calculator's and the scenario document's (the
// panels' are not linked here). The page names a baseline field in the visitor's language with it.
val message_templates() {
  val out = val::object();
  for (const auto& t : retention::message_templates()) {
    if (t.english_one.empty()) {
      out.set(std::string(t.code), std::string(t.english));
      continue;
    }
    val forms = val::object();
    forms.set("one", std::string(t.english_one));
    forms.set("other", std::string(t.english));
    out.set(std::string(t.code), forms);
  }
  return out;
}

}  // namespace

// strtod for this module only. Its one caller is nlohmann's lexer, with a JSON number token it
// has already checked; JS's Number() rounds such a decimal to the nearest double exactly as
// musl's strtod does, but musl's strtod does it in 128-bit long double arithmetic (compiler-rt's
// software quad floats): 14 KB of the module, 7 KB gzip. Only decimal numbers are read (no
// leading blanks, hex, inf or nan); without digits nothing is read, as strtod.
EM_JS(double, retention_number_of, (const char* text, int length), { return Number(UTF8ToString(text, length)); });

extern "C" double strtod(const char* text, char** end) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const char* p = text;
  if (*p == '-' || *p == '+') ++p;
  const char* const digits = p;
  while (digit(*p)) ++p;
  if (*p == '.' && (p > digits || digit(p[1])))
    for (++p; digit(*p); ++p) {}
  if (p == digits) {
    if (end) *end = const_cast<char*>(text);
    return 0;
  }
  if ((*p == 'e' || *p == 'E') && (digit(p[1]) || ((p[1] == '-' || p[1] == '+') && digit(p[2]))))
    for (p += 2; digit(*p); ++p) {}
  if (end) *end = const_cast<char*>(p);
  return retention_number_of(text, static_cast<int>(p - text));
}
// libc's strtod.o defines these too (libc++'s std::stof and std::stold name them; nothing here
// calls them), so they come with it.
extern "C" float strtof(const char* text, char** end) { return static_cast<float>(strtod(text, end)); }
extern "C" long double strtold(const char* text, char** end) { return strtod(text, end); }

EMSCRIPTEN_BINDINGS(retention_calculator) {
  emscripten::function("evaluate", &evaluate);
  emscripten::function("projectionCsv", &projection_csv);
  emscripten::function("scenarioLink", &scenario_link);
  emscripten::function("scenarioFromLink", &scenario_from_link);
  emscripten::function("defaultScenario", &default_scenario);
  emscripten::function("limits", &limits);
  emscripten::function("planDefaults", &plan_defaults);
  emscripten::function("messageTemplates", &message_templates);
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
}
