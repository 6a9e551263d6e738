#include "retention/subscriptions/subscription_options.hpp"

#include <algorithm>
#include <cctype>

#include "common/option_fields.hpp"
#include "retention/text/date_time.hpp"

namespace retention {

Result<SubscriptionImportOptions> subscription_options_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return field_error("", "import_options_not_object");
  SubscriptionImportOptions o;
  FieldErrors errors;
  SubscriptionColumns& c = o.columns;
  constexpr SubscriptionExportKind kinds[] = {SubscriptionExportKind::automatic, SubscriptionExportKind::stripe,
                                              SubscriptionExportKind::baremetrics, SubscriptionExportKind::generic};
  c.kind = kinds[options::choice(j, "export", {"automatic", "stripe", "baremetrics", "generic"}, errors)];
  c.customer = options::column(j, "customer", c.customer, 0, errors);
  c.start = options::column(j, "start", c.start, 0, errors);
  c.end = options::column(j, "end", c.end, -1, errors);
  c.amount = options::column(j, "amount", c.amount, 0, errors);
  c.interval = options::column(j, "interval", c.interval, -1, errors);
  c.currency = options::column(j, "currency_column", c.currency, -1, errors);
  c.quantity = options::column(j, "quantity", c.quantity, -1, errors);
  if (auto it = j.find("currency"); it != j.end()) {
    const bool code = it->is_string() && it->get_ref<const std::string&>().size() <= 8 &&
                      std::all_of(it->get_ref<const std::string&>().begin(), it->get_ref<const std::string&>().end(),
                                  [](char ch) { return std::isupper(static_cast<unsigned char>(ch)) != 0; });
    if (code) o.cohorts.currency = it->get<std::string>();
    else errors.push_back(field_error("currency", "subscription_currency_option", {text_argument("got", options::shown_json(*it))}));
  }
  if (auto it = j.find("as_of"); it != j.end()) {
    const std::optional<std::int64_t> day = it->is_string() && it->get_ref<const std::string&>().size() == 10
                                                ? parse_instant(it->get_ref<const std::string&>()) : std::nullopt;
    if (day) o.cohorts.as_of = *day + 86399;  // the end of that day
    else errors.push_back(field_error("as_of", "subscription_as_of_invalid", {text_argument("got", options::shown_json(*it))}));
  }
  if (!errors.empty()) return errors;
  return o;
}

}  // namespace retention
