// Prints the native core's report for a scenario file as JSON (summary and projection
// columns), so the Node tests can hold the wasm build to the native numbers.
#include <fstream>
#include <iostream>
#include <sstream>

#include "retention/evaluate.hpp"
#include "retention/report_json.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: core_report scenario.json\n";
    return 2;
  }
  std::ifstream file(argv[1]);
  std::stringstream text;
  text << file.rdbuf();
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
