#pragma once
// Checks a report's JSON by walking its values, not by searching its text: nlohmann writes a
// NaN or an infinity as null, so a text search for "NaN" can never fail. A number must be
// finite everywhere, and null may appear only where the report means "there is none".
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace retention::testing {

// A path such as "/results/*/value/ltv_to_cac": "*" stands for any array index or key.
using JsonPathPattern = std::string_view;

inline bool path_matches(std::string_view pattern, const std::vector<std::string>& path) {
  std::size_t segment = 0;
  while (!pattern.empty()) {
    if (pattern.front() != '/') return false;
    pattern.remove_prefix(1);
    const std::size_t end = pattern.find('/');
    const std::string_view part = pattern.substr(0, end);
    if (segment >= path.size() || (part != "*" && part != path[segment])) return false;
    ++segment;
    pattern = end == std::string_view::npos ? std::string_view() : pattern.substr(end);
  }
  return segment == path.size();
}

inline std::string path_text(const std::vector<std::string>& path) {
  std::string text;
  for (const std::string& part : path) text += "/" + part;
  return text.empty() ? "/" : text;
}

// Every problem found, as "path: what is wrong"; empty when the document is sound.
inline std::vector<std::string> json_value_problems(const nlohmann::json& document,
                                                    const std::vector<JsonPathPattern>& optional_paths) {
  std::vector<std::string> problems;
  std::vector<std::string> path;
  auto visit = [&](auto&& self, const nlohmann::json& value) -> void {
    if (value.is_number_float() && !std::isfinite(value.get<double>())) {
      problems.push_back(path_text(path) + ": not a finite number");
    } else if (value.is_null()) {
      bool optional = false;
      for (JsonPathPattern pattern : optional_paths) optional = optional || path_matches(pattern, path);
      if (!optional) problems.push_back(path_text(path) + ": null where a value is required");
    } else if (value.is_object()) {
      for (const auto& [key, item] : value.items()) {
        path.push_back(key);
        self(self, item);
        path.pop_back();
      }
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        path.push_back(std::to_string(i));
        self(self, value[i]);
        path.pop_back();
      }
    }
  };
  visit(visit, document);
  return problems;
}

// The fields core/src/calculator/report_json.cpp writes as null when there is no value (an undefined
// ratio, a payback never reached, a target no churn rate meets).
inline const std::vector<JsonPathPattern> report_summary_optional_paths = {
    // An unbounded CLV (a lifetime sum that does not settle), and what is derived from it.
    "/results/*/value/clv",
    "/results/*/value/net_clv",
    "/results/*/difference_from_baseline/clv",
    "/results/*/difference_from_baseline/net_clv",
    "/sensitivity/clv",
    "/sensitivity/rows/*/clv_low",
    "/sensitivity/rows/*/clv_high",
    "/results/*/value/clv_lifetime",
    "/results/*/value/ltv_to_cac",
    "/results/*/value/payback_period",
    "/results/*/value/expected_lifetime_periods",
    "/results/*/acquisition_vs_retention/cost_to_keep",
    "/results/*/acquisition_vs_retention/acquire_to_keep_ratio",
    "/results/*/acquisition_vs_retention/break_even_churn_reduction_points",
    "/results/*/acquisition_vs_retention/clv_after_5_point_retention_increase",
    "/results/*/acquisition_vs_retention/clv_change_percent_after_5_points",
    "/results/*/acquisition_vs_retention/profit_change_percent_after_5_points",
    "/results/*/difference_from_baseline/ltv_to_cac",
    "/targets/churn_for_target_ltv_to_cac",
    "/targets/churn_for_target_ltv_to_cac/churn_percent",
    "/targets/churn_for_target_clv",
    "/targets/churn_for_target_clv/churn_percent",
};

inline std::vector<std::string> report_summary_problems(const nlohmann::json& summary) {
  return json_value_problems(summary, report_summary_optional_paths);
}

}  // namespace retention::testing
