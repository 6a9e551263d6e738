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

// What a JSON value is, as message arguments: {actual} and, for text, its {value}.
MessageArguments describe_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return {term_argument("actual", "type.null")};
    case json::value_t::boolean: return {text_argument("actual", value.get<bool>() ? "true" : "false")};
    case json::value_t::string:
      return {term_argument("actual", "type.text_value"), text_argument("value", shorten(value.get<std::string>(), 20))};
    case json::value_t::array: return {term_argument("actual", "type.list")};
    case json::value_t::object: return {term_argument("actual", "type.object")};
    default: return {term_argument("actual", "type.number")};
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
        add(shorten(item.key(), 40), "unknown_field", {text_argument("key", shorten(item.key(), 40))});
      }
    }
  }

  bool has(const char* key) const { return object_.contains(key); }

  std::optional<double> number(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_number()) return wrong_type(key, "type.number", *value);
    double number = value->get<double>();
    if (!std::isfinite(number)) {
      add(key, "not_finite", {label_argument(key)});
      return std::nullopt;
    }
    return number;
  }

  std::optional<int> integer(const char* key, bool required) {
    auto value = number(key, required);
    if (!value) return std::nullopt;
    if (*value != std::floor(*value) || std::fabs(*value) > 1e9) {
      add(key, "not_whole_number", {label_argument(key), number_argument("got", *value)});
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<bool> boolean(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) return wrong_type(key, "type.boolean", *value);
    return value->get<bool>();
  }

  std::optional<std::string> text(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, "type.text", *value);
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
    add(key, "not_one_of", {label_argument(key), text_argument("allowed", allowed)});
    return std::nullopt;
  }

  void add(const std::string& key, std::string_view code, MessageArguments arguments = {}) {
    errors_.push_back(field_error(prefix_ + key, code, std::move(arguments)));
  }

 private:
  const json* find(const char* key, bool required) {
    auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) add(key, "required", {label_argument(key)});
      return nullptr;
    }
    return &*it;
  }

  std::nullopt_t wrong_type(const char* key, const char* expected, const json& value) {
    MessageArguments arguments = describe_type(value);
    arguments.push_back(label_argument(key));
    arguments.push_back(term_argument("expected", expected));
    add(key, "wrong_type", std::move(arguments));
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
    return field_error("", "invalid_json");
  return scenario_document_from_json(document);
}

Result<ScenarioDocument> scenario_document_from_json(const json& document) {
  if (!document.is_object()) return field_error("", "not_an_object");

  FieldErrors errors;
  FieldReader read(document, "", errors);
  auto version = read.integer("version", true);
  if (!version) return errors;
  if (*version != ScenarioDocument::current_version)
    return field_error("version", "unsupported_version",
                       {number_argument("version", *version), number_argument("supported", ScenarioDocument::current_version)});

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
    read.add("churn_percent", "churn_and_retention");
  } else if (read.has("retention_percent")) {
    if (auto retention = read.number("retention_percent", true)) {
      if (*retention >= 0 && *retention <= 100)
        d.churn_percent = 100 - *retention;
      else
        read.add("retention_percent", "out_of_range_percent",
                 {label_argument("retention_percent"), number_argument("low", 0), number_argument("high", 100),
                  number_argument("got", *retention)});
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
      read.add("retention_curve", "curve_not_object", describe_type(*it));
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
      read.add("scenarios", "scenarios_not_list", describe_type(*it));
    } else {
      for (std::size_t i = 0; i < it->size() && i <= max_scenarios; ++i) {
        if ((*it)[i].is_object())
          d.scenarios.push_back(read_scenario((*it)[i], i, errors));
        else
          read.add("scenarios[" + std::to_string(i) + "]", "scenario_not_object");
      }
      if (it->size() > max_scenarios)
        read.add("scenarios", "too_many_scenarios",
                 {number_argument("max", max_scenarios), number_argument("count", static_cast<double>(it->size()))});
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
