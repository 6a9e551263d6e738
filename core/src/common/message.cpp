#include "retention/common/message.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "retention/common/result.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {
namespace {

// English templates of the calculator and the scenario document (the analyst panels' are in
// panel_messages.cpp). The page's language files translate the same codes with the same
// {placeholders}; a term placeholder is itself a code rendered with the same arguments.
// An array in the data section: a std::vector would be built element by element at start-up,
// in code that the page's module would carry.
constexpr MessageTemplate templates[] = {
    // Field labels, as {label} arguments name them
    {"field.version", "Version"},
    {"field.currency", "Currency"},
    {"field.period", "Period"},
    {"field.revenue_per_customer", "Revenue per customer per period"},
    {"field.gross_margin_percent", "Gross margin %"},
    {"field.churn_percent", "Churn % per period"},
    {"field.retention_percent", "Retention % per period"},
    {"field.annual_discount_rate_percent", "Annual discount rate %"},
    {"field.cac", "Customer acquisition cost (CAC)"},
    {"field.retention_spend_per_customer", "Retention spend per customer per period"},
    {"field.churn_reduction_from_retention_spend_points", "Churn points the retention spend saves"},
    {"field.starting_customers", "Starting customers"},
    {"field.new_customers_per_period", "New customers per period"},
    {"field.horizon_periods", "Horizon (periods)"},
    {"field.timing", "Cash timing"},
    {"field.clv_basis", "CLV basis"},
    {"field.payback_discounted", "Discounted payback"},
    {"field.target_ltv_to_cac", "Target LTV:CAC"},
    {"field.target_clv", "Target CLV"},
    {"field.scenarios", "Scenarios"},
    {"field.name", "Scenario name"},
    {"field.churn_change_points", "Churn change (points)"},
    {"field.churn_change_percent", "Churn change (%)"},
    {"field.retention_curve", "Fitted retention curve"},
    {"field.model", "Fitted retention curve model"},
    {"field.alpha", "Fitted retention curve alpha"},
    {"field.beta", "Fitted retention curve beta"},
    {"field.prediction_units", "Prediction window"},
    {"field.margin_percent", "Margin on spend %"},
    {"field.inactive_units", "No purchase in the last … units"},
    {"field.link", "Share link"},
    {"field.future_opportunities", "Opportunities ahead"},
    {"field.discount_rate_percent", "Discount rate % per opportunity"},
    {"field.band_draws", "Parameter draws for the band"},
    {"field.band_seed", "Seed of the band's draws"},
    {"field.analysis", "Analysis settings"},
    {"field.cohorts", "Cohort panel settings"},
    {"field.calibration_periods", "Fit on the first … periods"},
    {"field.transactions", "Transaction panel settings"},
    {"field.time_unit", "Time unit"},
    {"field.purchase_model", "Model for the predictions"},
    {"field.opportunities", "Once-per-opportunity (BG/BB) settings"},
    {"field.plan", "Strategy plan"},
    {"field.programs", "Programs"},
    {"field.kind", "Program type"},
    {"field.fixed_cost_per_period", "Fixed cost per period"},
    {"field.cost_per_customer_per_period", "Cost per customer per period"},
    {"field.churn_reduction_percent", "Leavers kept %"},
    {"field.revenue_uplift_percent", "Revenue uplift %"},
    {"field.win_back_percent", "Leavers won back %"},
    {"field.ramp_up_periods", "Ramp-up (periods)"},
    {"field.funnel", "Acquisition funnel"},
    {"field.spend_per_period", "Funnel spend per period"},
    {"field.people_reached", "People reached per period"},
    {"field.awareness_percent", "Reached who become aware %"},
    {"field.consideration_percent", "Aware who consider buying %"},
    {"field.decision_percent", "Considering who buy %"},
    {"field.use_for_cac", "Use the funnel's CAC"},
    {"field.budget_split", "Budget split"},
    {"field.budget_per_period", "Extra budget per period"},
    {"field.max_new_customers_per_period", "Most extra customers per period"},
    {"field.max_churn_reduction_percent", "Most leavers kept by retention %"},
    {"field.half_effect_spend_per_period", "Retention spend for half that effect"},
    {"field.ranges", "Ranges"},
    {"field.draws", "Monte Carlo draws"},
    {"field.seed", "Random seed"},
    // Scenario rules
    {"out_of_range", "{label} must be a number from {low} to {high} (got {got})."},
    {"out_of_range_percent", "{label} must be a number from {low} to {high}% (got {got})."},
    {"not_positive", "{label} must be above 0 and at most {high} (got {got})."},
    {"currency_code", "Currency must be a three-letter ISO 4217 code in capitals, such as USD or EUR."},
    {"churn_reduction_too_large",
     "Churn points the retention spend saves must be at most 100 minus the churn % ({limit} here): churn without "
     "the spend cannot exceed 100%."},
    {"infinite_lifetime_churn",
     "Churn % per period of 0 gives an infinite lifetime CLV when the discount rate is 0: use a churn above 0, a "
     "discount rate, or the horizon CLV basis."},
    {"infinite_lifetime_curve",
     "With this fitted curve (alpha {alpha}, at most 1) the lifetime CLV is infinite when the discount rate is 0: "
     "use a discount rate or the horizon CLV basis."},
    {"too_many_scenarios", "Scenarios: at most {max} are allowed (got {count})."},
    {"scenario_name_length", "Scenario name must be 1 to {max} characters long."},
    {"name_hidden_characters",
     "{label} cannot hold control characters or text-direction overrides (invisible characters that can make it "
     "show as other text): type it again."},
    {"field.scenario_name", "Scenario name"},
    {"field.program_name", "Program name"},
    {"number_out_of_range",
     "The number {value} is beyond the largest a number can be here (about 1.8e308): check it, then paste the "
     "scenario again."},
    {"churn_change_both", "Give the churn change either in points or in %, not both (scenario \"{scenario}\")."},
    {"scenario_churn_out_of_range",
     "{label} takes churn to {churn}%; churn must stay from 0 to 100% (scenario \"{scenario}\")."},
    {"scenario_infinite_lifetime",
     "Scenario \"{scenario}\": churn of 0 gives an infinite lifetime CLV when the discount rate is 0: use a churn "
     "above 0, a discount rate, or the horizon CLV basis."},
    // Scenario JSON
    {"plan_not_object", "The strategy plan must be an object, not {actual}."},
    {"program_not_object", "Each program must be an object with a kind and a name."},
    {"too_many_programs", "Programs: at most {max} are allowed (got {count})."},
    {"program_name_length", "Program name must be 1 to {max} characters long."},
    {"not_number_or_range", "{label} must be a number or a range with low, likely and high numbers."},
    {"range_order", "{label}: low, most likely and high must be in that order (got {low}, {likely}, {high})."},
    {"range_field_unknown", "\"{key}\" cannot be given as a range; ranges are for the baseline's numbers."},
    {"range_not_low_high", "The range for {label} must have a low and a high number."},
    {"range_around_value", "The range for {label} must include its value {value} (got {low} to {high})."},
    {"range_infinite_lifetime",
     "The ranges allow no churn and no discount together, which values customers forever: raise the low churn "
     "or the low discount rate above 0, or use a finite horizon."},
    {"unknown_field", "Unknown field \"{key}\": this calculator does not read it (check the spelling)."},
    {"not_finite", "{label} must be a finite number."},
    {"not_whole_number", "{label} must be a whole number (got {got})."},
    {"not_one_of", "{label} must be one of {allowed}."},
    {"required", "{label} is required."},
    {"wrong_type", "{label} must be {expected}, not {actual}."},
    {"invalid_json", "The scenario is not valid JSON: check that it was copied completely."},
    {"not_an_object", "The scenario must be a JSON object ({ ... })."},
    {"unsupported_version", "Version {version} is not supported: this calculator reads scenario versions 1 to {supported}."},
    {"churn_and_retention", "Give either Churn % per period or Retention % per period, not both."},
    {"curve_not_object", "Fitted retention curve must be an object with model, alpha and beta, not {actual}."},
    {"curve_covariance_invalid",
     "log_covariance must be [var ln alpha, cov, cov, var ln beta]: finite, symmetric, positive semi-definite, "
     "variances at most 100."},
    {"scenarios_not_list", "Scenarios must be a list, not {actual}."},
    {"scenario_not_object", "Each scenario must be an object with a name."},
    {"type.number", "a number"},
    {"type.boolean", "true or false"},
    {"type.text", "text"},
    {"type.list", "a list"},
    {"type.object", "an object"},
    {"type.null", "nothing (null)"},
    {"type.text_value", "the text \"{value}\""},
    {"value.long", "{got_start}… ({got_digits} digits)"},
    {"value.too_large", "a number too large to hold"},
    // Share links
    {"link_damaged", "This share link is damaged ({why}), so the calculator shows its defaults."},
    {"link_other_version",
     "This share link was made by another version of the calculator (link version {version}), so the calculator "
     "shows its defaults."},
    {"link.cut_short", "its length is wrong, it may have been cut short"},
    {"link.bad_character", "it holds a character a link cannot have"},
    {"link.too_long", "it is longer than any link the calculator makes"},
    {"link.no_version", "it has no version"},
    {"link.version_not_number", "its version is not a number"},
    {"link.unreadable", "its contents cannot be read"},

};

}  // namespace

const MessageTemplate* find_message_template(std::string_view code) {
  for (const auto& t : templates)
    if (t.code == code) return &t;
  for (const auto& t : panel_message_templates())
    if (t.code == code) return &t;
  return nullptr;
}

namespace {

const MessageArgument* find_argument(const MessageArguments& arguments, std::string_view name) {
  for (const auto& a : arguments)
    if (a.name == name) return &a;
  return nullptr;
}

std::string render(std::string_view text, const MessageArguments& arguments, int depth) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    const MessageArgument* argument = close == std::string_view::npos ? nullptr
                                                                      : find_argument(arguments, text.substr(i + 1, close - i - 1));
    if (!argument) {
      out += text[i];
      continue;
    }
    switch (argument->kind) {
      case MessageArgument::Kind::number: out += format_number(argument->number); break;
      case MessageArgument::Kind::text: out += argument->text; break;
      case MessageArgument::Kind::term: {
        const std::string_view key = argument->text;
        const MessageTemplate* term = find_message_template(key);
        if (term && depth < 2) out += render(term->english, arguments, depth + 1);
        else out += key.substr(0, 6) == "field." ? key.substr(6) : key;  // a field without a label: its key
        break;
      }
    }
    i = close;
  }
  return out;
}

}  // namespace

MessageArgument number_argument(std::string_view name, double value) {
  return {name, MessageArgument::Kind::number, value, {}};
}
MessageArgument text_argument(std::string_view name, std::string value) {
  return {name, MessageArgument::Kind::text, 0, std::move(value)};
}
MessageArgument term_argument(std::string_view name, std::string key) {
  return {name, MessageArgument::Kind::term, 0, std::move(key)};
}
MessageArgument label_argument(std::string_view field_key) {
  return term_argument("label", "field." + std::string(field_key));
}

MessageArguments got_arguments(double value) {
  if (!std::isfinite(value) || std::fabs(value) < 1e15) return {number_argument("got", value)};
  if (std::fabs(value) == std::numeric_limits<double>::max()) return {term_argument("got", "value.too_large")};
  char scientific[32];  // "1.234567890e+39": ten digits, so rounding reaches the first six only after 9s
  std::snprintf(scientific, sizeof scientific, "%.9e", std::fabs(value));
  std::string start = value < 0 ? "-" : "";
  start += scientific[0];
  start.append(scientific + 2, 5);
  const double digits = std::atoi(std::strchr(scientific, 'e') + 1) + 1;
  return {term_argument("got", "value.long"), text_argument("got_start", std::move(start)),
          number_argument("got_digits", digits)};
}

namespace {
// English's plural rule: the singular for a count written "1".
std::string_view english_form(const MessageTemplate& t, const MessageArguments& arguments) {
  const MessageArgument* count = find_argument(arguments, "count");
  const bool one = !t.english_one.empty() && count && count->kind == MessageArgument::Kind::number &&
                   format_number(count->number) == "1";
  return one ? t.english_one : t.english;
}
}  // namespace

std::string english_message(std::string_view code, const MessageArguments& arguments) {
  const MessageTemplate* t = find_message_template(code);
  return t ? render(english_form(*t, arguments), arguments, 0) : std::string(code);
}

std::vector<MessageTemplate> message_templates() {
  std::vector<MessageTemplate> all(std::begin(templates), std::end(templates));
  const std::span<const MessageTemplate> panels = panel_message_templates();
  all.insert(all.end(), panels.begin(), panels.end());
  return all;
}

Message make_message(std::string_view code, MessageArguments arguments) {
  std::string text = english_message(code, arguments);
  return {std::string(code), std::move(arguments), std::move(text)};
}

FieldError field_error(std::string field, std::string_view code, MessageArguments arguments) {
  std::string text = english_message(code, arguments);
  return {std::move(field), std::string(code), std::move(arguments), std::move(text)};
}

}  // namespace retention
