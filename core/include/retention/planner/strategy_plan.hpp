#pragma once
// The strategy planner's part of the scenario document: retention programs, the acquisition
// funnel, a budget to split, and ranges for uncertain inputs. Every effect is the user's
// assumption; the calculator never supplies one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

// A number the user may give as a range: low, most likely, high. A plain number has all three
// equal. Monte Carlo draws from a triangular distribution over the range.
struct Uncertain {
  double likely = 0;
  double low = 0;
  double high = 0;

  static Uncertain exactly(double value) { return {value, value, value}; }
  bool is_range() const { return low != likely || high != likely; }
};

enum class ProgramKind {
  personalised_communication,
  loyalty_programme,
  customer_service,
  feedback_loops,
  retargeting,
  cross_selling,
  custom,
};
inline constexpr std::string_view program_kind_names[] = {
    "personalised_communication", "loyalty_programme", "customer_service", "feedback_loops",
    "retargeting",                "cross_selling",     "custom"};

struct Program {
  ProgramKind kind = ProgramKind::custom;
  std::string name;
  Uncertain fixed_cost_per_period;
  Uncertain cost_per_customer_per_period;  // per paying customer
  // Share of the customers who would otherwise leave in a period that the program keeps.
  // Programs combine multiplicatively: churn x (1 - e1) x (1 - e2), never by adding points.
  Uncertain churn_reduction_percent;
  Uncertain revenue_uplift_percent;  // cross-sell: revenue per customer x (1 + u)
  Uncertain win_back_percent;        // share of last period's leavers who come back
  int ramp_up_periods = 0;           // effects grow linearly to full over this many periods
};

// CAC derived from a funnel: spend reaches people, who become aware, consider, then decide.
struct Funnel {
  double spend_per_period = 10000;
  double people_reached = 100000;
  double awareness_percent = 20;
  double consideration_percent = 10;
  double decision_percent = 15;
  bool use_for_cac = false;  // when set, the funnel's CAC replaces the typed one everywhere
};

// A budget per period on top of today's spending, split between acquisition and retention,
// each with diminishing returns the user shapes.
struct BudgetSplit {
  double budget_per_period = 5000;
  // Acquisition: the first customers cost the current CAC; at most this many more per period.
  double max_new_customers_per_period = 50;
  // Retention: the spend keeps at most this share of would-be leavers; half of it at the
  // half-effect spend.
  double max_churn_reduction_percent = 30;
  double half_effect_spend_per_period = 2000;
};

// A range for one baseline input; its most likely value is the input itself.
struct InputRange {
  std::string field;  // a key of the scenario document, e.g. "churn_percent"
  double low = 0;
  double high = 0;
};

struct StrategyPlan {
  std::vector<Program> programs;
  std::optional<Funnel> funnel;
  std::optional<BudgetSplit> budget_split;
  std::vector<InputRange> ranges;
  int draws = 10000;
  std::uint64_t seed = 1;
};

inline constexpr std::size_t max_programs = 8;
inline constexpr int max_ramp_up_periods = 120;
inline constexpr int min_draws = 100;
inline constexpr int max_draws = 100000;
inline constexpr std::uint64_t max_seed = 9007199254740991;  // 2^53 - 1: exact in JSON and JS
// Baseline inputs that may be given as a range.
inline constexpr std::string_view rangeable_fields[] = {
    "revenue_per_customer", "gross_margin_percent",         "churn_percent",        "annual_discount_rate_percent",
    "cac",                  "retention_spend_per_customer", "starting_customers", "new_customers_per_period"};

}  // namespace retention
