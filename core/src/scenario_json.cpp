#include "retention/scenario_json.hpp"

#include <cmath>
#include <initializer_list>
#include <optional>

#include "retention/scenario_validation.hpp"

namespace retention {
namespace {

using nlohmann::json;

// Shortens text for a message without cutting a UTF-8 character in half (the JSON writer
// rejects broken UTF-8).
std::string shorten(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

std::string describe_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "nothing (null)";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      return "the text \"" + shorten(value.get<std::string>(), 20) + "\"";
    }
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

// Reads the fields of one JSON object, collecting an error per bad field.
class FieldReader {
 public:
  FieldReader(const json& object, std::string prefix, FieldErrors& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  void reject_unknown(std::initializer_list<std::string_view> known) {
    for (const auto& item : object_.items()) {
      bool found = false;
      for (auto key : known) found = found || item.key() == key;
      if (!found) {
        add(shorten(item.key(), 40), "Unknown field \"" + shorten(item.key(), 40) + "\": this calculator does not read it (check the spelling).");
      }
    }
  }

  bool has(const char* key) const { return object_.contains(key); }

  std::optional<double> number(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_number()) return wrong_type(key, "a number", *value);
    double number = value->get<double>();
    if (!std::isfinite(number)) {
      add(key, field_label(key) + " must be a finite number.");
      return std::nullopt;
    }
    return number;
  }

  std::optional<int> integer(const char* key, bool required) {
    auto value = number(key, required);
    if (!value) return std::nullopt;
    if (*value != std::floor(*value) || std::fabs(*value) > 1e9) {
      add(key, field_label(key) + " must be a whole number (got " + format_number(*value) + ").");
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<bool> boolean(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) return wrong_type(key, "true or false", *value);
    return value->get<bool>();
  }

  std::optional<std::string> text(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, "text", *value);
    return value->get<std::string>();
  }

  // One of a fixed set of words; returns the index of the word.
  std::optional<std::size_t> choice(const char* key, bool required, std::initializer_list<const char*> words) {
    auto word = text(key, required);
    if (!word) return std::nullopt;
    std::size_t index = 0;
    std::string allowed;
    for (const char* candidate : words) {
      if (*word == candidate) return index;
      allowed += (index ? ", " : "") + std::string("\"") + candidate + "\"";
      ++index;
    }
    add(key, field_label(key) + " must be one of " + allowed + ".");
    return std::nullopt;
  }

  void add(const std::string& key, std::string message) { errors_.push_back({prefix_ + key, std::move(message)}); }

 private:
  const json* find(const char* key, bool required) {
    auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) add(key, field_label(key) + " is required.");
      return nullptr;
    }
    return &*it;
  }

  std::nullopt_t wrong_type(const char* key, const char* expected, const json& value) {
    add(key, field_label(key) + " must be " + expected + ", not " + describe_type(value) + ".");
    return std::nullopt;
  }

  const json& object_;
  std::string prefix_;
  FieldErrors& errors_;
};

template <class T>
void assign(T& target, const std::optional<T>& value) {
  if (value) target = *value;
}

ScenarioChange read_scenario(const json& object, std::size_t index, FieldErrors& errors) {
  ScenarioChange change;
  FieldReader read(object, "scenarios[" + std::to_string(index) + "].", errors);
  read.reject_unknown({"name", "churn_change_points", "churn_change_percent", "revenue_per_customer", "cac",
                       "retention_spend_per_customer", "new_customers_per_period"});
  assign(change.name, read.text("name", true));
  change.churn_change_points = read.number("churn_change_points", false);
  change.churn_change_percent = read.number("churn_change_percent", false);
  change.revenue_per_customer = read.number("revenue_per_customer", false);
  change.cac = read.number("cac", false);
  change.retention_spend_per_customer = read.number("retention_spend_per_customer", false);
  change.new_customers_per_period = read.number("new_customers_per_period", false);
  return change;
}

}  // namespace

const char* to_string(Period period) { return period == Period::month ? "month" : "year"; }

const char* to_string(Timing timing) {
  switch (timing) {
    case Timing::start_of_period: return "start_of_period";
    case Timing::end_of_period: return "end_of_period";
    case Timing::end_of_period_retained: return "end_of_period_retained";
  }
  return "";
}

const char* to_string(ClvBasis basis) { return basis == ClvBasis::lifetime ? "lifetime" : "horizon"; }

Result<ScenarioDocument> parse_scenario_document(std::string_view json_text) {
  json document = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (document.is_discarded())
    return FieldError{"", "The scenario is not valid JSON: check that it was copied completely."};
  return scenario_document_from_json(document);
}

Result<ScenarioDocument> scenario_document_from_json(const json& document) {
  if (!document.is_object()) return FieldError{"", "The scenario must be a JSON object ({ ... })."};

  FieldErrors errors;
  FieldReader read(document, "", errors);
  auto version = read.integer("version", true);
  if (!version) return errors;
  if (*version != ScenarioDocument::current_version)
    return FieldError{"version", "Version " + std::to_string(*version) +
                                     " is not supported: this calculator reads scenario version " +
                                     std::to_string(ScenarioDocument::current_version) + "."};

  read.reject_unknown({"version", "currency", "period", "revenue_per_customer", "gross_margin_percent",
                       "churn_percent", "retention_percent", "annual_discount_rate_percent", "cac",
                       "retention_spend_per_customer", "churn_reduction_from_retention_spend_points",
                       "starting_customers", "new_customers_per_period", "horizon_periods", "timing", "clv_basis",
                       "payback_discounted", "target_ltv_to_cac", "target_clv", "retention_curve", "scenarios"});

  ScenarioDocument d;
  assign(d.currency, read.text("currency", true));
  if (auto period = read.choice("period", true, {"month", "year"})) d.period = static_cast<Period>(*period);
  assign(d.revenue_per_customer, read.number("revenue_per_customer", true));
  assign(d.gross_margin_percent, read.number("gross_margin_percent", true));

  if (read.has("churn_percent") && read.has("retention_percent")) {
    read.add("churn_percent", "Give either Churn % per period or Retention % per period, not both.");
  } else if (read.has("retention_percent")) {
    if (auto retention = read.number("retention_percent", true)) {
      if (*retention >= 0 && *retention <= 100)
        d.churn_percent = 100 - *retention;
      else
        read.add("retention_percent", "Retention % per period must be a number from 0 to 100% (got " +
                                          format_number(*retention) + ").");
    }
  } else {
    assign(d.churn_percent, read.number("churn_percent", true));
  }

  assign(d.annual_discount_rate_percent, read.number("annual_discount_rate_percent", true));
  assign(d.cac, read.number("cac", true));
  assign(d.retention_spend_per_customer, read.number("retention_spend_per_customer", true));
  assign(d.churn_reduction_from_retention_spend_points,
         read.number("churn_reduction_from_retention_spend_points", true));
  assign(d.starting_customers, read.number("starting_customers", true));
  assign(d.new_customers_per_period, read.number("new_customers_per_period", true));
  assign(d.horizon_periods, read.integer("horizon_periods", true));
  if (auto timing = read.choice("timing", true, {"start_of_period", "end_of_period", "end_of_period_retained"}))
    d.timing = static_cast<Timing>(*timing);
  if (auto basis = read.choice("clv_basis", false, {"lifetime", "horizon"})) d.clv_basis = static_cast<ClvBasis>(*basis);
  assign(d.payback_discounted, read.boolean("payback_discounted", false));
  assign(d.target_ltv_to_cac, read.number("target_ltv_to_cac", false));
  d.target_clv = read.number("target_clv", false);

  if (auto it = document.find("retention_curve"); it != document.end() && !it->is_null()) {
    if (!it->is_object()) {
      read.add("retention_curve", "Fitted retention curve must be an object with model, alpha and beta, not " +
                                      describe_type(*it) + ".");
    } else {
      FieldReader curve(*it, "retention_curve.", errors);
      curve.reject_unknown({"model", "alpha", "beta"});
      curve.choice("model", true, {"shifted_beta_geometric"});
      auto alpha = curve.number("alpha", true), beta = curve.number("beta", true);
      if (alpha && beta) d.retention_curve = SbgParameters{*alpha, *beta};
    }
  }

  if (auto it = document.find("scenarios"); it != document.end()) {
    if (!it->is_array()) {
      read.add("scenarios", "Scenarios must be a list, not " + describe_type(*it) + ".");
    } else {
      for (std::size_t i = 0; i < it->size() && i <= max_scenarios; ++i) {
        if ((*it)[i].is_object())
          d.scenarios.push_back(read_scenario((*it)[i], i, errors));
        else
          read.add("scenarios[" + std::to_string(i) + "]", "Each scenario must be an object with a name.");
      }
      if (it->size() > max_scenarios)
        read.add("scenarios", "Scenarios: at most " + std::to_string(max_scenarios) + " are allowed (got " +
                                  std::to_string(it->size()) + ").");
    }
  }

  // Range rules run even after type errors (the bad fields kept their valid defaults), so the
  // page can mark every bad field at once; a field already reported is not reported twice.
  for (FieldError& rule_error : validate(d)) {
    bool reported = false;
    for (const FieldError& e : errors) reported = reported || e.field == rule_error.field;
    if (!reported) errors.push_back(std::move(rule_error));
  }
  if (!errors.empty()) return errors;
  return d;
}

json scenario_document_to_json(const ScenarioDocument& d) {
  json out = {
      {"version", ScenarioDocument::current_version},
      {"currency", d.currency},
      {"period", to_string(d.period)},
      {"revenue_per_customer", d.revenue_per_customer},
      {"gross_margin_percent", d.gross_margin_percent},
      {"churn_percent", d.churn_percent},
      {"annual_discount_rate_percent", d.annual_discount_rate_percent},
      {"cac", d.cac},
      {"retention_spend_per_customer", d.retention_spend_per_customer},
      {"churn_reduction_from_retention_spend_points", d.churn_reduction_from_retention_spend_points},
      {"starting_customers", d.starting_customers},
      {"new_customers_per_period", d.new_customers_per_period},
      {"horizon_periods", d.horizon_periods},
      {"timing", to_string(d.timing)},
      {"clv_basis", to_string(d.clv_basis)},
      {"payback_discounted", d.payback_discounted},
      {"target_ltv_to_cac", d.target_ltv_to_cac},
  };
  if (d.target_clv) out["target_clv"] = *d.target_clv;
  if (d.retention_curve)
    out["retention_curve"] = {
        {"model", "shifted_beta_geometric"}, {"alpha", d.retention_curve->alpha}, {"beta", d.retention_curve->beta}};
  json scenarios = json::array();
  for (const ScenarioChange& s : d.scenarios) {
    json change = {{"name", s.name}};
    auto put = [&change](const char* key, const std::optional<double>& value) {
      if (value) change[key] = *value;
    };
    put("churn_change_points", s.churn_change_points);
    put("churn_change_percent", s.churn_change_percent);
    put("revenue_per_customer", s.revenue_per_customer);
    put("cac", s.cac);
    put("retention_spend_per_customer", s.retention_spend_per_customer);
    put("new_customers_per_period", s.new_customers_per_period);
    scenarios.push_back(std::move(change));
  }
  out["scenarios"] = std::move(scenarios);
  return out;
}

}  // namespace retention
