// Prints the native core's report for a scenario file as JSON (summary and projection
// columns), so the Node tests can hold the wasm build to the native numbers.
#include <fstream>
#include <iostream>
#include <sstream>

#include "retention/calculator/evaluate.hpp"
#include "retention/common/message.hpp"
#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_report_json.hpp"
#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario_json.hpp"

// `--messages`: every message code with its English template ({code: template}, or {one, other}
// for a message that counts), the panels' too: the page's module carries only the calculator's.
int message_report() {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& t : retention::message_templates()) {
    if (t.english_one.empty()) out[std::string(t.code)] = std::string(t.english);
    else out[std::string(t.code)] = {{"one", std::string(t.english_one)}, {"other", std::string(t.english)}};
  }
  std::cout << retention::to_json_text(out) << "\n";
  return 0;
}

// `--plan`: the strategy planner's answers and its Monte Carlo summary and bands instead.
int plan_report(const std::string& text) {
  auto document = retention::parse_scenario_document(text);
  if (!document.ok()) return 1;
  auto plan = retention::evaluate_plan(document.value());
  auto simulation = retention::simulate_plan(document.value());
  if (!plan.ok() || !simulation.ok()) return 1;
  nlohmann::json series, bands;
  for (const auto& [name, column] : retention::plan_series(plan.value())) series[name] = *column;
  for (const auto& [name, column] : retention::monte_carlo_series(simulation.value())) bands[name] = *column;
  std::cout << retention::to_json_text({{"summary", retention::plan_report_to_json(plan.value())},
                                        {"series", series},
                                        {"simulation", retention::monte_carlo_to_json(simulation.value())},
                                        {"bands", bands}})
            << "\n";
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--messages") return message_report();
  const bool plan = argc == 3 && std::string(argv[1]) == "--plan";
  if (argc != 2 && !plan) {
    std::cerr << "usage: core_report [--plan] scenario.json | core_report --messages\n";
    return 2;
  }
  std::ifstream file(argv[plan ? 2 : 1]);
  std::stringstream text;
  text << file.rdbuf();
  if (plan) return plan_report(text.str());
  auto report = retention::evaluate_json(text.str());
  if (!report.ok()) {
    std::cout << retention::to_json_text({{"ok", false}, {"errors", retention::errors_to_json(report.errors())}}) << "\n";
    return 0;
  }
  nlohmann::json projections = nlohmann::json::array();
  auto add = [&](const retention::ScenarioResult& s) {
    nlohmann::json columns;
    const auto data = retention::projection_columns(s.projection);
    for (std::size_t i = 0; i < data.size(); ++i) columns[retention::projection_column_names()[i]] = *data[i];
    projections.push_back(columns);
  };
  add(report.value().baseline);
  for (const auto& s : report.value().scenarios) add(s);
  std::cout << retention::to_json_text({{"ok", true},
                                        {"summary", retention::report_summary_to_json(report.value())},
                                        {"projections", projections}})
            << "\n";
  return 0;
}
