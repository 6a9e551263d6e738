#include "retention/repeat_buying/bg_bb_report.hpp"

#include <cmath>

#include "retention/calculator/report_json.hpp"

namespace retention {
namespace {

// A number option within its limits, else an error naming it (its label is a "field." term).
double option(const nlohmann::json& options, const char* key, double fallback, double low, double high, bool whole,
              FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return fallback;
  const double value = it->is_number() ? it->get<double>() : std::nan("");
  if (!(value >= low && value <= high) || (whole && value != std::floor(value))) {
    MessageArguments arguments = got_arguments(std::isfinite(value) ? value : 0);
    arguments.insert(arguments.end(), {label_argument(key), number_argument("low", low), number_argument("high", high)});
    errors.push_back(field_error(key, "option_out_of_range", std::move(arguments)));
    return fallback;
  }
  return value;
}

}  // namespace

Result<nlohmann::json> analyse_histories(const std::vector<OpportunityHistory>& rows, const nlohmann::json& options) {
  if (!options.is_object()) return field_error("", "options_not_object");
  FieldErrors errors = check_histories(rows);
  const double future = option(options, "future_opportunities", 5, 1, 1000, true, errors);
  const double discount = option(options, "discount_rate_percent", 10, 0.01, 100, false, errors) / 100;
  if (!errors.empty()) return errors;
  Result<ModelFit<BgBbParameters>> fit = fit_bgbb(rows);
  if (!fit.ok()) return fit.errors();
  const BgBbParameters& p = fit.value().parameters;
  nlohmann::json histories = nlohmann::json::array();
  double customers = 0, expected_total = 0;
  for (const OpportunityHistory& h : rows) {
    const double expected = bgbb_expected_purchases(p, future, h.x, h.t_x, h.n);
    histories.push_back({{"x", h.x}, {"t_x", h.t_x}, {"n", h.n}, {"count", h.count},
                         {"probability_alive", finite_or_null(bgbb_probability_alive(p, h.x, h.t_x, h.n))},
                         {"expected_purchases", finite_or_null(expected)},
                         {"dert", finite_or_null(bgbb_dert(p, discount, h.x, h.t_x, h.n))}});
    customers += h.count, expected_total += h.count * expected;
  }
  nlohmann::json new_customer = nlohmann::json::array();
  for (double n = 1; n <= future; ++n) new_customer.push_back(finite_or_null(bgbb_expected_purchases_new_customer(p, n)));
  return nlohmann::json{
      {"fit",
       {{"alpha", p.alpha}, {"beta", p.beta}, {"gamma", p.gamma}, {"delta", p.delta},
        {"log_likelihood", fit.value().log_likelihood}, {"converged", fit.value().converged},
        {"note", fit.value().converged ? nlohmann::json(nullptr) : message_to_json(fit.value().note)}}},
      {"customers", customers},
      {"future_opportunities", future},
      {"expected_purchases_total", finite_or_null(expected_total)},
      {"histories", histories},
      {"new_customer_expected_purchases", new_customer}};
}

}  // namespace retention
