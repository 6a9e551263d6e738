#include "analysis_json.hpp"

#include <array>
#include <cmath>
#include <iterator>
#include <string>

#include "retention/calculator/report_json.hpp"
#include "field_reader.hpp"

namespace retention {

using nlohmann::json;
using namespace json_reading;

namespace {

// The section's numbers as one table (read, checked and written by the same loops: the page's
// module carries this code, and a table costs less than a function per field). `section` indexes
// section_names; -1 is the analysis object itself. Limits are the panels' readers'.
struct NumberRule {
  int section;
  const char* key;
  double low, high;
  bool whole, percent;
};
constexpr const char* section_names[] = {"cohorts", "transactions", "opportunities"};
constexpr NumberRule number_rules[] = {
    {-1, "band_draws", 0, max_band_draws, true, false},
    {-1, "band_seed", 0, static_cast<double>(max_band_seed), true, false},
    {0, "calibration_periods", 0, max_cohort_calibration_periods, true, false},
    {1, "prediction_units", 1, max_prediction_units, true, false},
    {1, "annual_discount_rate_percent", 0, 100, false, true},
    {1, "margin_percent", 0, 100, false, true},
    {1, "inactive_units", 0, max_inactive_units, false, false},
    {2, "future_opportunities", 1, max_future_opportunities, true, false},
    {2, "discount_rate_percent", min_opportunity_discount_rate_percent, 100, false, true},
};
constexpr std::size_t number_count = std::size(number_rules);
using Numbers = std::array<std::optional<double>, number_count>;

std::string prefix_of(int section) {
  return section < 0 ? std::string("analysis.") : std::string("analysis.") + section_names[section] + ".";
}

// The settings' numbers in the table's order (unset: nullopt).
Numbers numbers_of(const AnalysisSettings& a) {
  const TransactionPanelSettings& t = a.transactions;
  const std::optional<int>& periods = a.cohorts.calibration_periods;
  return {double(a.band_draws), double(a.band_seed), periods ? std::optional<double>(*periods) : std::nullopt,
          double(t.prediction_units), t.annual_discount_rate_percent, t.margin_percent, t.inactive_units,
          double(a.opportunities.future_opportunities), a.opportunities.discount_rate_percent};
}

void set_numbers(AnalysisSettings& a, const Numbers& v) {
  TransactionPanelSettings& t = a.transactions;
  if (v[0]) a.band_draws = static_cast<int>(*v[0]);
  if (v[1]) a.band_seed = static_cast<std::uint64_t>(*v[1]);
  if (v[2]) a.cohorts.calibration_periods = static_cast<int>(*v[2]);
  if (v[3]) t.prediction_units = static_cast<int>(*v[3]);
  t.annual_discount_rate_percent = v[4];
  t.margin_percent = v[5];
  t.inactive_units = v[6];
  if (v[7]) a.opportunities.future_opportunities = static_cast<int>(*v[7]);
  if (v[8]) a.opportunities.discount_rate_percent = *v[8];
}

// Whether a number keeps to its rule; else an error naming the field and what is allowed.
bool keeps_to(const NumberRule& r, double value, FieldErrors& errors) {
  const std::string field = prefix_of(r.section) + r.key;
  MessageArguments arguments = got_arguments(value);
  arguments.push_back(label_argument(r.key));
  if (r.whole && value != std::floor(value)) {
    errors.push_back(field_error(field, "not_whole_number", std::move(arguments)));
    return false;
  }
  if (value >= r.low && value <= r.high) return true;
  arguments.insert(arguments.end(), {number_argument("low", r.low), number_argument("high", r.high)});
  errors.push_back(field_error(field, r.percent ? "out_of_range_percent" : "out_of_range", std::move(arguments)));
  return false;
}

}  // namespace

AnalysisSettings read_analysis(const json& object, FieldErrors& errors) {
  AnalysisSettings a;
  FieldReader read(object, "analysis.", errors);
  read.reject_unknown({"band_draws", "band_seed", "cohorts", "transactions", "opportunities"});
  const json* sections[] = {read.object("cohorts"), read.object("transactions"), read.object("opportunities")};
  // A key no rule (nor choice) of its section names is unknown.
  for (int s = 0; s < 3; ++s) {
    if (!sections[s]) continue;
    for (const auto& item : sections[s]->items()) {
      bool known = s == 1 && (item.key() == "time_unit" || item.key() == "purchase_model");
      for (const NumberRule& r : number_rules) known = known || (r.section == s && item.key() == r.key);
      if (!known) errors.push_back(field_error(prefix_of(s) + shorten(item.key(), 40), "unknown_field",
                                               {text_argument("key", shorten(item.key(), 40))}));
    }
  }
  Numbers numbers = numbers_of(a);
  for (std::size_t i = 0; i < number_count; ++i) {
    const NumberRule& r = number_rules[i];
    const json* in = r.section < 0 ? &object : sections[r.section];
    if (!in) continue;
    FieldReader field(*in, prefix_of(r.section), errors);
    const std::optional<double> value = field.number(r.key, false);  // left out: its default (or unset)
    if (value && keeps_to(r, *value, errors)) numbers[i] = value;
  }
  set_numbers(a, numbers);
  if (sections[1]) {
    FieldReader in(*sections[1], prefix_of(1), errors);
    const char* const* units = time_unit_names;
    if (auto unit = in.choice("time_unit", false, {units[0], units[1], units[2]}))
      a.transactions.time_unit = static_cast<TimeUnit>(*unit);
    const char* const* models = purchase_model_choices;
    if (auto model = in.choice("purchase_model", false, {models[0], models[1], models[2], models[3]}))
      a.transactions.purchase_model = static_cast<PurchaseModelChoice>(*model);
  }
  return a;
}

void check_analysis(const AnalysisSettings& analysis, FieldErrors& errors) {
  const Numbers numbers = numbers_of(analysis);
  for (std::size_t i = 0; i < number_count; ++i)
    if (numbers[i]) keeps_to(number_rules[i], *numbers[i], errors);
}

json analysis_to_json(const AnalysisSettings& a) {
  json out = json::object();
  for (const char* name : section_names) out[name] = json::object();
  out["transactions"]["time_unit"] = time_unit_names[static_cast<int>(a.transactions.time_unit)];
  out["transactions"]["purchase_model"] = purchase_model_choices[static_cast<int>(a.transactions.purchase_model)];
  const Numbers numbers = numbers_of(a);
  for (std::size_t i = 0; i < number_count; ++i) {
    if (!numbers[i]) continue;
    const NumberRule& r = number_rules[i];
    json& at = r.section < 0 ? out : out[section_names[r.section]];
    if (r.whole)
      at[r.key] = static_cast<std::int64_t>(*numbers[i]);  // written as a whole number, not 200.0
    else
      at[r.key] = *numbers[i];
  }
  return out;
}

}  // namespace retention
