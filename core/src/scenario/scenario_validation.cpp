#include "retention/scenario/scenario_validation.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "retention/text/visible_text.hpp"
#include "analysis_json.hpp"

namespace retention {
namespace {

class Checker {
 public:
  explicit Checker(FieldErrors& errors) : errors_(errors) {}

  void range(const std::string& field, double value, double low, double high, bool percent = false) {
    if (value >= low && value <= high) return;  // also false for NaN
    MessageArguments arguments = got_arguments(value);
    arguments.insert(arguments.end(),
                     {label_argument(base_key(field)), number_argument("low", low), number_argument("high", high)});
    add(field, percent ? "out_of_range_percent" : "out_of_range", std::move(arguments));
  }

  void positive(const std::string& field, double value, double high) {
    if (value > 0 && value <= high) return;
    MessageArguments arguments = got_arguments(value);
    arguments.insert(arguments.end(), {label_argument(base_key(field)), number_argument("high", high)});
    add(field, "not_positive", std::move(arguments));
  }

  void add(const std::string& field, std::string_view code, MessageArguments arguments = {}) {
    errors_.push_back(field_error(field, code, std::move(arguments)));
  }

  std::size_t count() const { return errors_.size(); }

  static std::string_view base_key(std::string_view field) {
    auto dot = field.rfind('.');
    return dot == std::string_view::npos ? field : field.substr(dot + 1);
  }
 private:
  FieldErrors& errors_;
};

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

bool lifetime_is_infinite(const ScenarioDocument& d, double churn_percent) {
  return !d.retention_curve && d.clv_basis == ClvBasis::lifetime && churn_percent == 0 &&
         d.annual_discount_rate_percent == 0;
}

// Each of low, most likely and high within [low_limit, high_limit], and in that order.
void check_uncertain(Checker& check, const std::string& field, const Uncertain& u, double low_limit, double high_limit,
                     bool percent) {
  const std::size_t before = check.count();
  for (double value : {u.low, u.likely, u.high}) {
    if (check.count() == before) check.range(field, value, low_limit, high_limit, percent);
  }
  if (check.count() == before && !(u.low <= u.likely && u.likely <= u.high))
    check.add(field, "range_order",
              {label_argument(Checker::base_key(field)), number_argument("low", u.low), number_argument("likely", u.likely),
               number_argument("high", u.high)});
}

bool is_customer_count(std::string_view field) {
  return field == "starting_customers" || field == "new_customers_per_period";
}

// The limits of a baseline input that may be given as a range: percentages from 0 to 100,
// counts of customers from 0 to max_customer_count, amounts from 0 to max_money_amount.
struct FieldLimits {
  double value, low, high;
  bool percent;
};
FieldLimits limits_of(const ScenarioDocument& d, std::string_view field) {
  const bool percent = field.ends_with("_percent");
  return {rangeable_value(d, field), 0, percent ? 100 : is_customer_count(field) ? max_customer_count : max_money_amount,
          percent};
}

void validate_plan(const ScenarioDocument& d, const StrategyPlan& plan, Checker& check) {
  if (plan.programs.size() > max_programs)
    check.add("plan.programs", "too_many_programs",
              {number_argument("max", max_programs), number_argument("count", static_cast<double>(plan.programs.size()))});
  for (std::size_t i = 0; i < plan.programs.size(); ++i) {
    const Program& p = plan.programs[i];
    const std::string at = "plan.programs[" + std::to_string(i) + "].";
    const std::size_t name_length = utf8_length(p.name);
    if (name_length == 0 || name_length > max_scenario_name_length)
      check.add(at + "name", "program_name_length", {number_argument("max", max_scenario_name_length)});
    else if (has_hidden_characters(p.name))
      check.add(at + "name", "name_hidden_characters", {term_argument("label", "field.program_name")});
    check_uncertain(check, at + "fixed_cost_per_period", p.fixed_cost_per_period, 0, max_money_amount, false);
    check_uncertain(check, at + "cost_per_customer_per_period", p.cost_per_customer_per_period, 0, max_money_amount, false);
    check_uncertain(check, at + "churn_reduction_percent", p.churn_reduction_percent, 0, 100, true);
    check_uncertain(check, at + "revenue_uplift_percent", p.revenue_uplift_percent, -100, 1000, true);
    check_uncertain(check, at + "win_back_percent", p.win_back_percent, 0, 100, true);
    check.range(at + "ramp_up_periods", p.ramp_up_periods, 0, max_ramp_up_periods);
  }
  if (plan.funnel) {
    const Funnel& f = *plan.funnel;
    check.range("plan.funnel.spend_per_period", f.spend_per_period, 0, max_money_amount);
    check.positive("plan.funnel.people_reached", f.people_reached, max_customer_count);
    check.positive("plan.funnel.awareness_percent", f.awareness_percent, 100);
    check.positive("plan.funnel.consideration_percent", f.consideration_percent, 100);
    check.positive("plan.funnel.decision_percent", f.decision_percent, 100);
  }
  if (plan.budget_split) {
    const BudgetSplit& b = *plan.budget_split;
    check.range("plan.budget_split.budget_per_period", b.budget_per_period, 0, max_money_amount);
    check.positive("plan.budget_split.max_new_customers_per_period", b.max_new_customers_per_period, max_customer_count);
    check.range("plan.budget_split.max_churn_reduction_percent", b.max_churn_reduction_percent, 0, 100, true);
    check.positive("plan.budget_split.half_effect_spend_per_period", b.half_effect_spend_per_period, max_money_amount);
  }
  for (const InputRange& r : plan.ranges) {
    const std::string field = "plan.ranges." + r.field;
    const FieldLimits limits = limits_of(d, r.field);
    const std::size_t before = check.count();
    check.range(field, r.low, limits.low, limits.high, limits.percent);
    if (check.count() == before) check.range(field, r.high, limits.low, limits.high, limits.percent);
    if (check.count() == before && !(r.low <= limits.value && limits.value <= r.high))
      check.add(field, "range_around_value",
                {label_argument(r.field), number_argument("value", limits.value), number_argument("low", r.low),
                 number_argument("high", r.high)});
  }
  // A draw with no churn and no discount would value customers forever.
  auto low_of = [&](std::string_view field, double value) {
    for (const InputRange& r : plan.ranges)
      if (r.field == field) return r.low;
    return value;
  };
  if (!d.retention_curve && d.clv_basis == ClvBasis::lifetime && low_of("churn_percent", d.churn_percent) == 0 &&
      low_of("annual_discount_rate_percent", d.annual_discount_rate_percent) == 0 && !lifetime_is_infinite(d, d.churn_percent))
    check.add("plan.ranges.churn_percent", "range_infinite_lifetime");
  check.range("plan.draws", plan.draws, min_draws, max_draws);
}

}  // namespace

double rangeable_value(const ScenarioDocument& d, std::string_view field) {
  if (field == "revenue_per_customer") return d.revenue_per_customer;
  if (field == "gross_margin_percent") return d.gross_margin_percent;
  if (field == "churn_percent") return d.churn_percent;
  if (field == "annual_discount_rate_percent") return d.annual_discount_rate_percent;
  if (field == "cac") return d.cac;
  if (field == "retention_spend_per_customer") return d.retention_spend_per_customer;
  if (field == "starting_customers") return d.starting_customers;
  return d.new_customers_per_period;
}

std::string field_label(std::string_view key) {
  // Labels are messages too ("field.<key>"), so the page translates them with the rest.
  const std::string code = "field." + std::string(key);
  const MessageTemplate* t = find_message_template(code);
  return t ? std::string(t->english) : std::string(key);
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "not-a-number" : "infinity";
  char buffer[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(value));
    std::string digits(buffer), grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    return (value < 0 ? "-" : "") + grouped;
  }
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

FieldErrors validate(const ScenarioDocument& d) {
  FieldErrors errors;
  Checker check(errors);

  bool currency_ok = d.currency.size() == 3;
  for (char c : d.currency) currency_ok = currency_ok && c >= 'A' && c <= 'Z';
  if (!currency_ok)
    check.add("currency", "currency_code");

  check.range("revenue_per_customer", d.revenue_per_customer, 0, max_money_amount);
  check.range("gross_margin_percent", d.gross_margin_percent, 0, 100, true);
  check.range("churn_percent", d.churn_percent, 0, 100, true);
  check.range("annual_discount_rate_percent", d.annual_discount_rate_percent, 0, 100, true);
  check.range("cac", d.cac, 0, max_money_amount);
  check.range("retention_spend_per_customer", d.retention_spend_per_customer, 0, max_money_amount);
  check.range("churn_reduction_from_retention_spend_points", d.churn_reduction_from_retention_spend_points, 0,
              100);
  check.range("starting_customers", d.starting_customers, 0, max_customer_count);
  check.range("new_customers_per_period", d.new_customers_per_period, 0, max_customer_count);
  check.range("horizon_periods", d.horizon_periods, 1, max_horizon_periods);
  check.positive("target_ltv_to_cac", d.target_ltv_to_cac, 1000);
  if (d.target_clv) check.positive("target_clv", *d.target_clv, max_money_amount);

  if (d.churn_percent >= 0 && d.churn_percent <= 100 && d.churn_reduction_from_retention_spend_points > 0 &&
      d.churn_percent + d.churn_reduction_from_retention_spend_points > 100)
    check.add("churn_reduction_from_retention_spend_points", "churn_reduction_too_large",
              {number_argument("limit", 100 - d.churn_percent)});

  if (lifetime_is_infinite(d, d.churn_percent))
    check.add("churn_percent", "infinite_lifetime_churn");

  if (d.retention_curve) {
    check.positive("retention_curve.alpha", d.retention_curve->alpha, 1e6);
    check.positive("retention_curve.beta", d.retention_curve->beta, 1e6);
    // Without discounting, the sBG lifetime sum converges only when alpha > 1.
    if (d.retention_curve->alpha > 0 && d.retention_curve->alpha <= 1 && d.clv_basis == ClvBasis::lifetime &&
        d.annual_discount_rate_percent == 0)
      check.add("retention_curve", "infinite_lifetime_curve", {number_argument("alpha", d.retention_curve->alpha)});
  }

  if (d.scenarios.size() > max_scenarios)
    check.add("scenarios", "too_many_scenarios",
              {number_argument("max", max_scenarios), number_argument("count", static_cast<double>(d.scenarios.size()))});

  for (std::size_t i = 0; i < d.scenarios.size(); ++i) {
    const ScenarioChange& s = d.scenarios[i];
    const std::string at = "scenarios[" + std::to_string(i) + "].";
    const std::size_t name_length = utf8_length(s.name);
    if (name_length == 0 || name_length > max_scenario_name_length)
      check.add(at + "name", "scenario_name_length", {number_argument("max", max_scenario_name_length)});
    else if (has_hidden_characters(s.name))
      check.add(at + "name", "name_hidden_characters", {term_argument("label", "field.scenario_name")});
    if (s.churn_change_points && s.churn_change_percent)
      check.add(at + "churn_change_points", "churn_change_both", {text_argument("scenario", s.name)});

    double churn = d.churn_percent;
    std::string churn_field;
    if (s.churn_change_points) {
      check.range(at + "churn_change_points", *s.churn_change_points, -100, 100);
      churn = d.churn_percent + *s.churn_change_points;
      churn_field = at + "churn_change_points";
    } else if (s.churn_change_percent) {
      check.range(at + "churn_change_percent", *s.churn_change_percent, -100, 1000);
      churn = d.churn_percent * (1 + *s.churn_change_percent / 100);
      churn_field = at + "churn_change_percent";
    }
    // A bad baseline churn is reported once, not again through every scenario built on it.
    const bool baseline_churn_ok = d.churn_percent >= 0 && d.churn_percent <= 100 && !d.retention_curve;
    if (!churn_field.empty() && baseline_churn_ok && std::isfinite(churn) && (churn < 0 || churn > 100))
      check.add(churn_field, "scenario_churn_out_of_range",
                {label_argument(churn_field.substr(at.size())), number_argument("churn", churn),
                 text_argument("scenario", s.name)});
    else if (!churn_field.empty() && lifetime_is_infinite(d, churn))
      check.add(churn_field, "scenario_infinite_lifetime", {text_argument("scenario", s.name)});

    if (s.revenue_per_customer) check.range(at + "revenue_per_customer", *s.revenue_per_customer, 0, max_money_amount);
    if (s.cac) check.range(at + "cac", *s.cac, 0, max_money_amount);
    if (s.retention_spend_per_customer)
      check.range(at + "retention_spend_per_customer", *s.retention_spend_per_customer, 0, max_money_amount);
    if (s.new_customers_per_period)
      check.range(at + "new_customers_per_period", *s.new_customers_per_period, 0, max_customer_count);
  }
  if (d.plan) validate_plan(d, *d.plan, check);
  if (d.analysis) check_analysis(*d.analysis, errors);
  return errors;
}

}  // namespace retention
