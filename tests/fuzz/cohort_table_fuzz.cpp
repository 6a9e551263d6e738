// libFuzzer target: any bytes as a pasted cohort table, in both layouts. Parsing must never
// crash; a table that parses must fit (or say why not) with finite numbers.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention/cohorts/cohort_analysis.hpp"
#include "retention/calculator/report_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;  // fits of huge tables are timed by the benchmark, not fuzzed
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const retention::ScenarioDocument valuation;
  for (auto layout : {retention::CohortLayout::cohorts_in_columns, retention::CohortLayout::cohorts_in_rows}) {
    retention::Result<retention::CohortTable> table = retention::parse_cohort_table(text, layout);
    if (!table.ok()) {
      for (const auto& error : table.errors())
        if (error.message.empty()) std::abort();
      retention::to_json_text(retention::errors_to_json(table.errors()));
      continue;
    }
    retention::Result<retention::CohortAnalysis> analysis = retention::analyse_cohorts(table.value(), valuation, 0);
    if (!analysis.ok()) continue;
    const auto& fit = analysis.value().fit;
    if (!std::isfinite(fit.parameters.alpha) || !std::isfinite(fit.parameters.beta) || !std::isfinite(fit.log_likelihood))
      std::abort();
    retention::to_json_text(retention::cohort_analysis_to_json(analysis.value()));
  }
  return 0;
}
