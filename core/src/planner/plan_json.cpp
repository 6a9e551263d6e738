#include "plan_json.hpp"

#include <string>

#include "retention/calculator/report_json.hpp"
#include "scenario/field_reader.hpp"

namespace retention {
namespace {

using nlohmann::json;
using namespace json_reading;

Program read_program(const json& object, const std::string& at, FieldErrors& errors) {
  Program p;
  FieldReader read(object, at, errors);
  read.reject_unknown({"kind", "name", "fixed_cost_per_period", "cost_per_customer_per_period",
                       "churn_reduction_percent", "revenue_uplift_percent", "win_back_percent", "ramp_up_periods"});
  if (auto kind = read.choice("kind", true,
                              {"personalised_communication", "loyalty_programme", "customer_service", "feedback_loops",
                               "retargeting", "cross_selling", "custom"}))
    p.kind = static_cast<ProgramKind>(*kind);
  assign(p.name, read.text("name", true));
  assign(p.fixed_cost_per_period, read.uncertain("fixed_cost_per_period", false));
  assign(p.cost_per_customer_per_period, read.uncertain("cost_per_customer_per_period", false));
  assign(p.churn_reduction_percent, read.uncertain("churn_reduction_percent", false));
  assign(p.revenue_uplift_percent, read.uncertain("revenue_uplift_percent", false));
  assign(p.win_back_percent, read.uncertain("win_back_percent", false));
  assign(p.ramp_up_periods, read.integer("ramp_up_periods", false, 0, max_ramp_up_periods));
  return p;
}

json uncertain_to_json(const Uncertain& u) {
  if (!u.is_range()) return u.likely;
  return json_object({{"low", u.low}, {"likely", u.likely}, {"high", u.high}});
}

}  // namespace

StrategyPlan read_plan(const json& object, FieldErrors& errors) {
  StrategyPlan plan;
  FieldReader read(object, "plan.", errors);
  read.reject_unknown({"programs", "funnel", "budget_split", "ranges", "draws", "seed"});
  if (const json* programs = read.list("programs")) {
    for (std::size_t i = 0; i < programs->size() && i <= max_programs; ++i) {
      const std::string at = "plan.programs[" + std::to_string(i) + "]";
      if ((*programs)[i].is_object())
        plan.programs.push_back(read_program((*programs)[i], at + ".", errors));
      else
        errors.push_back(field_error(at, "program_not_object"));
    }
    if (programs->size() > max_programs)
      read.add("programs", "too_many_programs",
               {number_argument("max", max_programs), number_argument("count", static_cast<double>(programs->size()))});
  }
  if (const json* funnel = read.object("funnel")) {
    Funnel f;
    FieldReader in(*funnel, "plan.funnel.", errors);
    in.reject_unknown({"spend_per_period", "people_reached", "awareness_percent", "consideration_percent",
                       "decision_percent", "use_for_cac"});
    assign(f.spend_per_period, in.number("spend_per_period", true));
    assign(f.people_reached, in.number("people_reached", true));
    assign(f.awareness_percent, in.number("awareness_percent", true));
    assign(f.consideration_percent, in.number("consideration_percent", true));
    assign(f.decision_percent, in.number("decision_percent", true));
    assign(f.use_for_cac, in.boolean("use_for_cac", false));
    plan.funnel = f;
  }
  if (const json* budget = read.object("budget_split")) {
    BudgetSplit b;
    FieldReader in(*budget, "plan.budget_split.", errors);
    in.reject_unknown({"budget_per_period", "max_new_customers_per_period", "max_churn_reduction_percent",
                       "half_effect_spend_per_period"});
    assign(b.budget_per_period, in.number("budget_per_period", true));
    assign(b.max_new_customers_per_period, in.number("max_new_customers_per_period", true));
    assign(b.max_churn_reduction_percent, in.number("max_churn_reduction_percent", true));
    assign(b.half_effect_spend_per_period, in.number("half_effect_spend_per_period", true));
    plan.budget_split = b;
  }
  if (const json* ranges = read.object("ranges")) {
    for (const auto& item : ranges->items()) {
      FieldReader in(*ranges, "plan.ranges.", errors);
      InputRange range;
      range.field = shorten(item.key(), 40);
      const char* key = range.field.c_str();
      bool known = false;
      for (auto field : rangeable_fields) known = known || field == item.key();
      if (!known) {
        in.add(range.field, "range_field_unknown", {text_argument("key", range.field)});
        continue;
      }
      const json& value = item.value();
      if (!value.is_object() || value.size() != 2 || !value.contains("low") || !value.contains("high") ||
          !value["low"].is_number() || !value["high"].is_number()) {
        in.add(range.field, "range_not_low_high", {label_argument(key)});
        continue;
      }
      range.low = value["low"].get<double>();
      range.high = value["high"].get<double>();
      plan.ranges.push_back(std::move(range));
    }
  }
  assign(plan.draws, read.integer("draws", false, min_draws, max_draws));
  if (auto seed = read.number("seed", false)) {
    if (*seed >= 0 && *seed <= static_cast<double>(max_seed) && *seed == std::floor(*seed))
      plan.seed = static_cast<std::uint64_t>(*seed);
    else {
      MessageArguments arguments = got_arguments(*seed);
      arguments.insert(arguments.end(), {label_argument("seed"), number_argument("low", 0),
                                         number_argument("high", static_cast<double>(max_seed))});
      read.add("seed", "out_of_range", std::move(arguments));
    }
  }
  return plan;
}

json plan_to_json(const StrategyPlan& plan) {
  json programs = json::array();
  for (const Program& p : plan.programs)
    programs.push_back(json_object({{"kind", program_kind_names[static_cast<int>(p.kind)]},
                        {"name", p.name},
                        {"fixed_cost_per_period", uncertain_to_json(p.fixed_cost_per_period)},
                        {"cost_per_customer_per_period", uncertain_to_json(p.cost_per_customer_per_period)},
                        {"churn_reduction_percent", uncertain_to_json(p.churn_reduction_percent)},
                        {"revenue_uplift_percent", uncertain_to_json(p.revenue_uplift_percent)},
                        {"win_back_percent", uncertain_to_json(p.win_back_percent)},
                        {"ramp_up_periods", p.ramp_up_periods}}));
  json out = json_object({{"programs", std::move(programs)}, {"draws", plan.draws}, {"seed", plan.seed}});
  if (plan.funnel) {
    const Funnel& f = *plan.funnel;
    out["funnel"] = json_object({{"spend_per_period", f.spend_per_period},     {"people_reached", f.people_reached},
                     {"awareness_percent", f.awareness_percent},   {"consideration_percent", f.consideration_percent},
                     {"decision_percent", f.decision_percent},     {"use_for_cac", f.use_for_cac}});
  }
  if (plan.budget_split) {
    const BudgetSplit& b = *plan.budget_split;
    out["budget_split"] = json_object({{"budget_per_period", b.budget_per_period},
                           {"max_new_customers_per_period", b.max_new_customers_per_period},
                           {"max_churn_reduction_percent", b.max_churn_reduction_percent},
                           {"half_effect_spend_per_period", b.half_effect_spend_per_period}});
  }
  json ranges = json::object();
  for (const InputRange& r : plan.ranges) ranges[r.field] = json_object({{"low", r.low}, {"high", r.high}});
  out["ranges"] = std::move(ranges);
  return out;
}

}  // namespace retention
