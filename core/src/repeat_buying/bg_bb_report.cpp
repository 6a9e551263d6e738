#include "retention/repeat_buying/bg_bb_report.hpp"

#include <array>
#include <cmath>

#include "retention/calculator/report_json.hpp"
#include "retention/numerics/observed_information.hpp"
#include "retention/numerics/parameter_draws.hpp"
#include "retention/numerics/quantile.hpp"
#include "common/option_fields.hpp"

namespace retention {
namespace {

// A number option within its limits, else an error naming it (its label is a "field." term).
double option(const nlohmann::json& options, const char* key, double fallback, double low, double high, bool whole,
              FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return fallback;
  const double value = it->is_number() ? it->get<double>() : std::nan("");
  if (!(value >= low && value <= high) || (whole && value != std::floor(value))) {
    // Text typed where a number belongs is shown as typed, not as a number it is not.
    MessageArguments arguments = it->is_number() ? got_arguments(value) : MessageArguments{text_argument("got", options::shown_json(*it))};
    arguments.insert(arguments.end(), {label_argument(key), number_argument("low", low), number_argument("high", high)});
    errors.push_back(field_error(key, "option_out_of_range", std::move(arguments)));
    return fallback;
  }
  return value;
}

std::vector<double> as_vector(const BgBbParameters& p) { return {p.alpha, p.beta, p.gamma, p.delta}; }
BgBbParameters as_parameters(const std::vector<double>& v) { return {v[0], v[1], v[2], v[3]}; }

// The covariance of the log-parameters from the observed information (the exact gradient's
// differences); empty when the information is not positive definite (a parameter at a limit).
std::vector<double> log_covariance(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p) {
  LogLikelihoodGradient gradient = [&](const std::vector<double>& theta, std::vector<double>& out) {
    const BgBbParameters q{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])};
    double g[4];
    bgbb_log_likelihood_and_gradient(rows, q, g);
    out = {g[0] * q.alpha, g[1] * q.beta, g[2] * q.gamma, g[3] * q.delta};
  };
  const std::vector<double> v = as_vector(p);
  return log_parameter_covariance(gradient, {std::log(v[0]), std::log(v[1]), std::log(v[2]), std::log(v[3])})
      .value_or(std::vector<double>{});
}

// What the page shows for every customer together: expected purchases over the future
// opportunities, and the mean chance of being alive.
std::array<double, 2> totals(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p, double future) {
  double expected = 0, alive = 0, customers = 0;
  for (const OpportunityHistory& h : rows) {
    expected += h.count * bgbb_expected_purchases(p, future, h.x, h.t_x, h.n);
    alive += h.count * bgbb_probability_alive(p, h.x, h.t_x, h.n);
    customers += h.count;
  }
  return {expected, alive / customers};
}

// P10-P90 of the totals over parameters drawn from the fit's asymptotic normal (seeded).
nlohmann::json band(const std::vector<OpportunityHistory>& rows, const BgBbParameters& p,
                    const std::vector<double>& covariance, double future, int draws, std::uint64_t seed) {
  if (covariance.empty() || draws <= 0) return nullptr;
  const auto parameters = draw_parameters(as_vector(p), covariance, draws, seed);
  if (!parameters) return nullptr;
  std::vector<double> expected, alive;
  for (const std::vector<double>& q : *parameters) {
    const std::array<double, 2> t = totals(rows, as_parameters(q), future);
    if (!std::isfinite(t[0]) || !std::isfinite(t[1])) continue;  // a draw far in a tail: left out, not summed
    expected.push_back(t[0]), alive.push_back(t[1]);
  }
  if (expected.empty()) return nullptr;
  return {{"draws", expected.size()}, {"seed", seed}, {"expected_purchases_total", interval_to_json(interval_of(expected))},
          {"mean_probability_alive", interval_to_json(interval_of(alive))}};
}

}  // namespace

Result<nlohmann::json> analyse_histories(const std::vector<OpportunityHistory>& rows, const nlohmann::json& options) {
  if (!options.is_object()) return field_error("", "options_not_object");
  FieldErrors errors = check_histories(rows);
  const double future = option(options, "future_opportunities", 5, 1, 1000, true, errors);
  const double discount = option(options, "discount_rate_percent", 10, 0.01, 100, false, errors) / 100;
  const int draws = static_cast<int>(option(options, "band_draws", 200, 0, 5000, true, errors));
  const auto seed = static_cast<std::uint64_t>(option(options, "band_seed", 1, 0, 4294967295.0, true, errors));
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
  const std::vector<double> covariance = log_covariance(rows, p);
  nlohmann::json standard_errors = nullptr;
  if (!covariance.empty()) {
    const std::vector<double> se = standard_errors_from_log_covariance(as_vector(p), covariance);
    standard_errors = {{"alpha", se[0]}, {"beta", se[1]}, {"gamma", se[2]}, {"delta", se[3]}};
  }
  nlohmann::json new_customer = nlohmann::json::array();
  for (double n = 1; n <= future; ++n) new_customer.push_back(finite_or_null(bgbb_expected_purchases_new_customer(p, n)));
  return nlohmann::json{
      {"fit",
       {{"alpha", p.alpha}, {"beta", p.beta}, {"gamma", p.gamma}, {"delta", p.delta},
        {"log_likelihood", fit.value().log_likelihood}, {"converged", fit.value().converged},
        {"note", fit.value().converged ? nlohmann::json(nullptr) : message_to_json(fit.value().note)},
        {"standard_errors", standard_errors}}},
      {"mean_probability_alive", finite_or_null(totals(rows, p, future)[1])},
      {"band", band(rows, p, covariance, future, draws, seed)},
      {"customers", customers},
      {"future_opportunities", future},
      {"expected_purchases_total", finite_or_null(expected_total)},
      {"histories", histories},
      {"new_customer_expected_purchases", new_customer}};
}

}  // namespace retention
