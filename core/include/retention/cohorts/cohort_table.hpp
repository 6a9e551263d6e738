#pragma once
// Survivor counts of one or more acquisition cohorts: survivors[c][t] customers of cohort c
// still active t periods after acquisition (t = 0 is the cohort's size). Cohorts may have
// different lengths (a triangle: younger cohorts have been observed for fewer periods).
#include <string>
#include <string_view>
#include <vector>

#include "retention/common/result.hpp"

namespace retention {

struct CohortTable {
  std::vector<std::string> names;
  std::vector<std::vector<double>> survivors;

  int longest_periods() const;  // the largest K over cohorts (periods after t = 0)
};

// The periods of a cohort a fit uses: all it was observed for, or at most `calibration_periods` (0: all).
inline int periods_used(const std::vector<double>& cohort, int calibration_periods) {
  const int observed = static_cast<int>(cohort.size()) - 1;
  return calibration_periods > 0 && calibration_periods < observed ? calibration_periods : observed;
}

enum class CohortLayout { cohorts_in_columns, cohorts_in_rows };

inline constexpr int min_cohort_periods = 3;  // n_0..n_2 at the least: two transitions
inline constexpr int max_cohort_periods = 1000;
inline constexpr std::size_t max_cohorts = 500;

// Reads pasted or uploaded text: comma, semicolon, tab or space separated, an optional header
// row (cohort names), an optional leading period column (0, 1, 2, ...), blank cells at the end
// of younger cohorts. Errors name the row and column as a spreadsheet shows them.
Result<CohortTable> parse_cohort_table(std::string_view text, CohortLayout layout);

// The table as text that parse_cohort_table reads back (cohorts in rows, tab separated, each
// row its name and then its counts), so a table built from a file can be shown and edited.
std::string cohort_table_text(const CohortTable& table);

// Rules a table must meet before it is fitted: at least 3 periods, a positive starting count,
// no negative or increasing counts.
FieldErrors validate_cohort_table(const CohortTable& table);

}  // namespace retention
