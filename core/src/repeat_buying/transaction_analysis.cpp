#include "retention/repeat_buying/transaction_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <span>
#include <unordered_map>

#include "retention/calculator/report_json.hpp"
#include "retention/repeat_buying/purchase_headline.hpp"

#include "retention/text/csv_cell.hpp"
#include "retention/text/visible_text.hpp"

namespace retention {
namespace {

// "1997-09-30" -> days since 1970-01-01.
std::optional<std::int32_t> parse_iso_date(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char dash1 = 0, dash2 = 0;
  if (std::sscanf(text.c_str(), "%4d%c%2d%c%2d", &y, &dash1, &m, &dash2, &d) != 5 || dash1 != '-' || dash2 != '-')
    return std::nullopt;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  int yy, mm, dd;
  civil_from_days(days_from_civil(y, m, d), yy, mm, dd);
  if (yy != y || mm != m || dd != d) return std::nullopt;
  return days_from_civil(y, m, d);
}


// A value that is not a number, as JSON text in ASCII (so a cut cannot split a character).
std::string shortened_json(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', true);
  return text.size() <= 40 ? text : text.substr(0, 40) + "…";
}

const char* unit_term(double days_per_unit) {
  return days_per_unit == 1 ? "unit.day" : days_per_unit == 7 ? "unit.week" : "unit.month";
}

// The purchase rate of an active customer. With no dropout and one rate for all, the model is a
// Poisson process whose rate has a closed-form estimate, repeat purchases over time observed;
// otherwise r/alpha (every model's purchase rate is Gamma(r, alpha)), which stays meaningful
// where r and alpha run off together.
double purchase_rate(const TransactionAnalysis& a) {
  const PurchaseModelResult& m = a.purchases();
  const double modelled = m.fit->parameters[0] / m.fit->parameters[1];
  if (!(m.bg_nbd_limits.no_dropout && m.bg_nbd_limits.same_purchase_rate)) return modelled;
  const double repeats = std::accumulate(a.summary.frequency.begin(), a.summary.frequency.end(), 0.0);
  const double observed = std::accumulate(a.summary.age.begin(), a.summary.age.end(), 0.0);
  return observed > 0 ? repeats / observed : modelled;
}

// Finds the parameters that ran to a limit and says in words what the data show instead.
void note_limits(TransactionAnalysis& a, const TransactionAnalysisOptions& o) {
  const PurchaseModelResult& m = a.purchases();
  const BgNbdLimits& limits = m.bg_nbd_limits;
  const std::vector<double>& p = m.fit->parameters;
  if (limits.no_dropout) a.notes.push_back(make_message("bgnbd_no_dropout"));
  if (limits.same_dropout)
    a.notes.push_back(make_message("bgnbd_same_dropout", {number_argument("percent", 100 * p[2] / (p[2] + p[3]))}));
  if (limits.same_purchase_rate)
    a.notes.push_back(make_message("bgnbd_same_purchase_rate", {number_argument("count", purchase_rate(a)),
                                                                term_argument("unit", unit_term(o.days_per_unit))}));
  if (!limits.any() && !m.all_estimated())
    a.notes.push_back(make_message("model_parameters_at_limit", {text_argument("model", std::string(m.model->label()))}));
  if (!a.spend) return;
  a.spend_limits = gamma_gamma_limits(a.summary, *a.spend);
  // The model sees only each customer's mean spend: either limit says those means agree more
  // closely than it can split between purchases and customers, so only their mean is meaningful.
  if (a.spend_limits.any())
    a.notes.push_back(
        make_message("gamma_gamma_same_mean_spend", {number_argument("mean", gamma_gamma_mean_spend(a.spend->parameters))}));
}

// One model's row of the comparison: its parameters with standard errors (null where there is
// no estimate), fit statistics, and its holdout error when there is a holdout.
nlohmann::json purchase_model_json(const PurchaseModelResult& m, bool holdout) {
  nlohmann::json out = json_object({{"model", m.model->name()}, {"label", m.model->label()}, {"fitted", m.fitted()},
                                    {"parameter_names", m.model->parameter_names()}});  // the objects below are unordered
  if (!m.fitted()) {
    out["error"] = message_to_json(m.error);
    return out;
  }
  const PurchaseModelFit& fit = *m.fit;
  nlohmann::json parameters = nlohmann::json::object(), errors = nlohmann::json::object(), estimated = nlohmann::json::object();
  const std::vector<std::string_view> names = m.model->parameter_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name(names[i]);
    parameters[name] = fit.parameters[i];
    estimated[name] = static_cast<bool>(m.estimated[i]);
    const bool has_error = m.estimated[i] && i < fit.standard_errors.size() && std::isfinite(fit.standard_errors[i]);
    errors[name] = has_error ? nlohmann::json(fit.standard_errors[i]) : nlohmann::json(nullptr);
  }
  out.update(json_object({{"parameters", parameters},
              {"standard_errors", errors},
              {"estimated", estimated},
              {"log_likelihood", fit.log_likelihood},
              {"aic", fit.aic()},
              {"bic", fit.bic()},
              {"converged", fit.converged},
              {"note", fit.note.code.empty() ? nlohmann::json(nullptr) : message_to_json(fit.note)},
              {"holdout", holdout ? json_object({{"expected", m.holdout_expected},
                                                 {"mean_absolute_error", m.holdout_mean_absolute_error}})
                                  : nlohmann::json(nullptr)}}));
  return out;
}

// The model the user chose, or the best one (also when the chosen one could not be fitted).
std::size_t chosen_model(TransactionAnalysis& a, const std::string& name) {
  const PurchaseModelComparison& c = a.comparison;
  if (name == "best") return c.best;
  for (std::size_t i = 0; i < c.models.size(); ++i)
    if (c.models[i].model->name() == name) {
      if (c.models[i].fitted()) return i;
      a.notes.push_back(make_message("chosen_model_not_fitted", {text_argument("model", std::string(c.models[i].model->label())),
                                                                 text_argument("best", std::string(c.models[c.best].model->label()))}));
    }
  return c.best;
}

// The CLV band's spends per purchase row (ClvBandInputs), and Gamma-Gamma's estimate to draw
// from when it has one: a fit at a limit, or none, keeps every draw's spends at the analysis's.
ClvBandInputs clv_band_inputs(const TransactionAnalysis& a, const std::vector<std::uint32_t>& row_of_customer,
                              double discount_per_unit) {
  ClvBandInputs in;
  in.margin_fraction = a.options.margin_fraction;
  in.discount_per_unit = discount_per_unit;
  in.spend.assign(a.purchase_rows.size(), 0.0), in.monetary.assign(a.purchase_rows.size(), 0.0);
  const CustomerSummary& s = a.summary;
  for (std::size_t i = 0; i < s.size(); ++i) {
    in.spend[row_of_customer[i]] += s.weight_of(i) * a.expected_spend[i];
    in.monetary[row_of_customer[i]] += s.weight_of(i) * s.monetary[i];
  }
  if (!a.spend) in.spend_not_drawn = "not_fitted";
  else if (a.spend_limits.any()) in.spend_not_drawn = "not_estimated";
  else if (a.spend->log_parameter_covariance.empty()) in.spend_not_drawn = "no_covariance";
  else {
    const GammaGammaParameters& g = a.spend->parameters;
    in.spend_parameters = {g.p, g.q, g.gamma};
    in.spend_log_covariance = a.spend->log_parameter_covariance;
  }
  return in;
}

}  // namespace

Result<TransactionAnalysisOptions> transaction_options_from_json(const nlohmann::json& j) {
  TransactionAnalysisOptions o;
  FieldErrors errors;
  auto text = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // Every option has limits no analysis needs beyond; the message names them and the value.
  auto number = [&](const char* key, double low, double high, double fallback, bool whole = false) {
    auto it = j.find(key);
    if (it == j.end()) return fallback;
    const bool is_number = it->is_number();
    const double value = is_number ? it->get<double>() : 0;
    if (!is_number || !(value >= low && value <= high)) {
      MessageArguments arguments = is_number ? got_arguments(value) : MessageArguments{text_argument("got", shortened_json(*it))};
      arguments.insert(arguments.end(), {label_argument(key), number_argument("low", low), number_argument("high", high)});
      errors.push_back(field_error(key, "option_out_of_range", std::move(arguments)));
      return fallback;
    }
    if (whole && value != std::floor(value)) {  // 52.5 weeks would be cut to 52 silently
      MessageArguments arguments = got_arguments(value);
      arguments.push_back(label_argument(key));
      errors.push_back(field_error(key, "not_whole_number", std::move(arguments)));
      return fallback;
    }
    return value;
  };
  if (!j.is_object()) return field_error("", "options_not_object");
  auto calibration = parse_iso_date(text("calibration_end"));
  if (!calibration) errors.push_back(field_error("calibration_end", "calibration_end_invalid"));
  else o.calibration_end_day = *calibration;
  const std::string holdout_text = text("holdout_end");
  if (!holdout_text.empty()) {
    auto holdout = parse_iso_date(holdout_text);
    if (!holdout) errors.push_back(field_error("holdout_end", "holdout_end_invalid"));
    else o.holdout_end_day = *holdout;
  } else {
    o.holdout_end_day = o.calibration_end_day;
  }
  const std::string unit = text("time_unit");
  if (unit == "day") o.days_per_unit = 1;
  else if (unit == "week" || unit.empty()) o.days_per_unit = 7;
  else if (unit == "month") o.days_per_unit = 365.25 / 12;
  else errors.push_back(field_error("time_unit", "time_unit_invalid"));
  o.prediction_units = static_cast<int>(number("prediction_units", 1, 1000, 52, true));
  o.annual_discount_rate = number("annual_discount_rate_percent", 0, 100, 10) / 100;
  o.margin_fraction = number("margin_percent", 0, 100, 100) / 100;
  o.inactive_units = number("inactive_units", 0, 10000, 0);
  o.band_draws = static_cast<int>(number("band_draws", 0, 5000, 200, true));
  o.band_seed = static_cast<std::uint64_t>(number("band_seed", 0, 4294967295.0, 1, true));
  const std::string model = text("model");
  if (!model.empty()) {
    bool known = model == "best";
    for (const PurchaseModel* m : purchase_models()) known = known || m->name() == model;
    if (known) o.model = model;
    else errors.push_back(field_error("model", "purchase_model_invalid"));
  }
  const std::string period = text("calculator_period");
  if (period == "year") o.calculator_period_days = 365.25;
  else if (!period.empty() && period != "month") errors.push_back(field_error("calculator_period", "calculator_period_invalid"));
  if (!errors.empty()) return errors;
  return o;
}

namespace {
Result<TransactionAnalysis> analyse(CustomerSummary summary, const TransactionAnalysisOptions& o, bool dated);
}  // namespace

Result<TransactionAnalysis> analyse_transactions(const TransactionLog& log, const TransactionAnalysisOptions& o) {
  Result<CustomerSummary> summary = summarise_customers(log, o.calibration_end_day, o.holdout_end_day, o.days_per_unit);
  if (!summary.ok()) return summary.errors();
  return analyse(std::move(summary.value()), o, true);
}

Result<TransactionAnalysis> analyse_summary(CustomerSummary summary, const TransactionAnalysisOptions& o) {
  return analyse(std::move(summary), o, false);
}

namespace {

// `dated`: the summary comes from a log, whose dates allow a holdout (a table's do not).
Result<TransactionAnalysis> analyse(CustomerSummary summary, const TransactionAnalysisOptions& o, bool dated) {
  // Customers with the same summary are one weighted row: the fits cost the distinct rows.
  std::vector<std::uint32_t> row_of_customer;
  CustomerSummary rows = compress_for_purchases(summary, &row_of_customer);
  Result<PurchaseModelComparison> comparison = compare_purchase_models(summary, rows, row_of_customer, dated);
  if (!comparison.ok()) return comparison.errors();

  TransactionAnalysis a;
  a.summary = std::move(summary);
  a.purchase_rows = std::move(rows);
  a.comparison = std::move(comparison.value());
  a.options = o;
  a.chosen = chosen_model(a, o.model);
  const CustomerSummary& s = a.summary;
  const PurchaseModelResult& model = a.purchases();
  const std::size_t n = s.size();

  // Spend: the Gamma-Gamma posterior mean, or each customer's own mean when it cannot be fitted.
  Result<ModelFit<GammaGammaParameters>> spend = fit_gamma_gamma(s);
  double mean_repeat_value = 0, positive = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (s.monetary[i] > 0) mean_repeat_value += s.weight_of(i) * s.monetary[i], positive += s.weight_of(i);
  mean_repeat_value = positive > 0 ? mean_repeat_value / positive : 0;
  if (spend.ok() && spend.value().parameters.q > 1) {
    a.spend = spend.value();
  } else {
    a.spend_note = spend.ok() ? make_message("gamma_gamma_unbounded")
                              : make_message(spend.errors().front().code, spend.errors().front().arguments);
  }
  note_limits(a, o);

  // E[Y(t)] = P(alive) * f(x, T, t): f is shared by customers with the same x and first-purchase day.
  const double v = std::pow(1 + o.annual_discount_rate, -o.days_per_unit / 365.25);
  const int horizon = o.prediction_units;
  const double calculator_period = o.calculator_period_days / o.days_per_unit;
  const int holdout_units = static_cast<int>(std::min<std::size_t>(s.holdout_purchases_by_unit.size(), 1000));
  struct KeyValues {
    double expected = 0, discounted = 0;  // f at the horizon, and the discounted sum of its increments
    double dropout = 0;                   // the chance to stop within a calculator period, if alive
    std::vector<double> alive_total;      // by model: sum of P(alive) over the key's customers, for the holdout
    double x = 0, T = 0;
  };
  const std::size_t models = a.comparison.models.size();
  const CustomerSummary& rows_fitted = a.purchase_rows;
  std::unordered_map<std::int64_t, KeyValues> keys;
  std::vector<const KeyValues*> key_of_row(rows_fitted.size());
  // Units 1..horizon, and 1..holdout_units (at_T: the key's T beside each): a key's expectations
  // at all of them in one call.
  std::vector<double> units(static_cast<std::size_t>(std::max(horizon, holdout_units))), expected(units.size()), at_T;
  std::iota(units.begin(), units.end(), 1.0);
  const std::span<const double> horizon_units(units.data(), static_cast<std::size_t>(horizon));
  const std::span<const double> holdout_span(units.data(), static_cast<std::size_t>(holdout_units));
  for (std::size_t r = 0; r < rows_fitted.size(); ++r) {
    const double x = rows_fitted.frequency[r], T = rows_fitted.age[r];
    auto [it, inserted] = keys.try_emplace(purchase_history_key(x, T, o.days_per_unit));
    KeyValues& key = it->second;
    if (inserted) {
      key.x = x, key.T = T, key.alive_total.assign(models, 0.0);
      double before = 0, discount = 1;
      at_T.assign(units.size(), T);
      model.expected_purchases_if_alive_at(x, std::span(at_T).first(horizon_units.size()), horizon_units, expected);
      for (int k = 1; k <= horizon; ++k) {
        const double now = expected[static_cast<std::size_t>(k - 1)];
        discount *= v;
        key.discounted += (now - before) * discount;  // purchases of unit k, valued at its end
        before = now;
      }
      key.expected = before;
      key.dropout = model.dropout_within(calculator_period, x, T);
    }
    if (holdout_units > 0)
      for (std::size_t m = 0; m < models; ++m)
        if (a.comparison.models[m].fitted())
          key.alive_total[m] += rows_fitted.weight_of(r) * a.comparison.models[m].probability_alive_by_row[r];
    key_of_row[r] = &key;
  }
  a.probability_alive.resize(n);
  std::vector<const KeyValues*> key_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    a.probability_alive[i] = model.probability_alive_by_row[row_of_customer[i]];
    key_of[i] = key_of_row[row_of_customer[i]];
  }

  a.expected_purchases.resize(n), a.expected_spend.resize(n), a.clv.resize(n);
  double revenue = 0, alive = 0, stopping = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double spend_i = s.monetary[i] > 0 ? s.monetary[i] : mean_repeat_value;
    if (a.spend) spend_i = gamma_gamma_expected_spend(a.spend->parameters, s.frequency[i], s.monetary[i]);
    a.expected_spend[i] = spend_i;
    a.expected_purchases[i] = a.probability_alive[i] * key_of[i]->expected;
    a.clv[i] = o.margin_fraction * spend_i * a.probability_alive[i] * key_of[i]->discounted;
    const double w = s.weight_of(i);
    revenue += w * a.expected_purchases[i] * spend_i;
    alive += w * a.probability_alive[i];
    stopping += w * a.probability_alive[i] * key_of[i]->dropout;
  }
  const double customers = s.customers();
  a.revenue_per_customer_per_period = customers > 0 ? revenue / customers / horizon * calculator_period : 0;
  a.churn_per_period = alive > 0 ? stopping / alive : 0;

  double actual = 0;
  for (int t = 0; t < holdout_units; ++t) {
    actual += s.holdout_purchases_by_unit[static_cast<std::size_t>(t)];
    a.holdout_actual_cumulative.push_back(actual);
  }
  a.holdout_expected_cumulative_by_model.assign(models, {});
  for (std::size_t m = 0; m < models; ++m) {
    const PurchaseModelResult& each = a.comparison.models[m];
    if (!each.fitted()) continue;
    std::vector<double>& curve = a.holdout_expected_cumulative_by_model[m];
    curve.assign(static_cast<std::size_t>(holdout_units), 0.0);
    for (const auto& [key, values] : keys) {
      at_T.assign(units.size(), values.T);
      each.expected_purchases_if_alive_at(values.x, std::span(at_T).first(holdout_span.size()), holdout_span, expected);
      for (int t = 1; t <= holdout_units; ++t)
        curve[static_cast<std::size_t>(t - 1)] += values.alive_total[m] * expected[static_cast<std::size_t>(t - 1)];
    }
  }
  a.holdout_expected_cumulative = a.holdout_expected_cumulative_by_model[a.chosen];
  a.band = purchase_band(model, a.purchase_rows, horizon, holdout_units, o.band_draws, o.band_seed, clv_band_inputs(a, row_of_customer, v));

  std::vector<std::int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  const std::size_t top = std::min<std::size_t>(20, n);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    [&](std::int32_t l, std::int32_t r) { return a.clv[l] > a.clv[r]; });
  a.top_customers.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top));
  return a;
}

}  // namespace

nlohmann::json transaction_import_to_json(const TransactionLog& log) {
  nlohmann::json bad = nlohmann::json::array();
  for (const BadRow& row : log.first_bad_rows) bad.push_back(json_object({{"line", row.line}, {"reason", message_to_json(row.reason)}}));
  const std::int32_t first_day = log.day.empty() ? 0 : *std::min_element(log.day.begin(), log.day.end());
  const std::int32_t last_day = log.day.empty() ? 0 : *std::max_element(log.day.begin(), log.day.end());
  return json_object({{"rows_read", log.rows_read},
          {"rows_bad", log.rows_bad},
          {"first_bad_rows", bad},
          {"transactions", log.day.size()},
          {"customers", log.customer_ids.size()},
          {"first_date", iso_date(first_day)},
          {"last_date", iso_date(last_day)},
          // What the amounts came to and which decimal mark read them, so a misread file shows.
          {"total_amount", std::accumulate(log.amount.begin(), log.amount.end(), 0.0)},
          {"refunds", log.refunds},
          {"refund_total", log.refund_total},
          // A Shopify orders export: rows_read counts orders; its line-item rows and the orders
          // left out, by reason.
          {"export", log.kind == ExportKind::shopify_orders ? "shopify_orders" : "generic"},
          {"line_item_rows", log.line_item_rows},
          {"orders_refunded_or_voided", log.orders_refunded_or_voided},
          {"orders_cancelled", log.orders_cancelled},
          {"decimal_mark", log.decimal_mark == DecimalMark::comma   ? nlohmann::json("comma")
                           : log.decimal_mark == DecimalMark::point ? nlohmann::json("point")
                                                                    : nlohmann::json(nullptr)}});
}

nlohmann::json transaction_analysis_to_json(const TransactionAnalysis& a, const TransactionLog& log) {
  const CustomerSummary& s = a.summary;
  nlohmann::json out = summary_analysis_to_json(a);
  // Ids as a person can read them: invisible characters could make one id show as another.
  nlohmann::json top = nlohmann::json::array();
  for (std::int32_t i : a.top_customers)
    top.push_back(json_object({{"id", without_hidden_characters(log.customer_ids[static_cast<std::size_t>(s.customer[static_cast<std::size_t>(i)])])},
                   {"frequency", s.frequency[static_cast<std::size_t>(i)]},
                   {"recency", s.recency[static_cast<std::size_t>(i)]},
                   {"age", s.age[static_cast<std::size_t>(i)]},
                   {"probability_alive", a.probability_alive[static_cast<std::size_t>(i)]},
                   {"expected_purchases", a.expected_purchases[static_cast<std::size_t>(i)]},
                   {"expected_spend", a.expected_spend[static_cast<std::size_t>(i)]},
                   {"clv", a.clv[static_cast<std::size_t>(i)]}}));
  out["import"] = transaction_import_to_json(log);
  out["headline"] = purchase_headline_to_json(log_headline(log, s, a.options.inactive_units_or_half_year()));
  out["top_customers"] = top;
  return out;
}

nlohmann::json summary_analysis_to_json(const TransactionAnalysis& a) {
  const CustomerSummary& s = a.summary;
  // Totals by the customers each row stands for (one each, unless the summary is compressed).
  const double n = s.customers();
  double repeaters = 0, purchases = 0, revenue = 0, clv = 0, alive = 0;
  std::vector<double> histogram(10, 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double w = s.weight_of(i);
    repeaters += w * (s.frequency[i] > 0);
    purchases += w * a.expected_purchases[i];
    revenue += w * a.expected_purchases[i] * a.expected_spend[i];
    clv += w * a.clv[i];
    alive += w * a.probability_alive[i];
    histogram[std::min<std::size_t>(9, static_cast<std::size_t>(a.probability_alive[i] * 10))] += w;
  }
  // "estimated": false for a parameter that ran to a limit; the page shows it as no estimate.
  const GammaGammaLimits& sl = a.spend_limits;
  nlohmann::json spend = nullptr;
  // Standard errors from the observed information, null where there is no estimate.
  const auto spend_error = [&](std::size_t i) {
    const std::vector<double>& e = a.spend->standard_errors;
    return !sl.any() && i < e.size() && std::isfinite(e[i]) ? nlohmann::json(e[i]) : nlohmann::json(nullptr);
  };
  if (a.spend)
    spend = json_object({{"p", a.spend->parameters.p},
             {"q", a.spend->parameters.q},
             {"gamma", a.spend->parameters.gamma},
             {"mean_spend", gamma_gamma_mean_spend(a.spend->parameters)},
             {"estimated", json_object({{"p", !sl.any()}, {"q", !sl.any()}, {"gamma", !sl.any()}})},
             {"standard_errors", json_object({{"p", spend_error(0)}, {"q", spend_error(1)}, {"gamma", spend_error(2)}})},
             {"log_likelihood", a.spend->log_likelihood},
             {"converged", a.spend->converged}});
  nlohmann::json notes = nlohmann::json::array();
  for (const Message& note : a.notes) notes.push_back(message_to_json(note));
  const PurchaseModelComparison& c = a.comparison;
  const bool has_holdout = c.holdout_units > 0;
  nlohmann::json models = nlohmann::json::array();
  for (const PurchaseModelResult& m : c.models) models.push_back(purchase_model_json(m, has_holdout));
  nlohmann::json chosen_json = purchase_model_json(a.purchases(), has_holdout);
  chosen_json["purchase_rate"] = purchase_rate(a);
  const PurchaseModelResult& chosen = a.purchases();
  return json_object({
      {"headline", purchase_headline_to_json(summary_headline(s, a.options.inactive_units_or_half_year()))},
      {"band", purchase_band_to_json(a.band)},
      {"calibration",
       json_object({{"end", s.calibration_end_day != 0 ? nlohmann::json(iso_date(s.calibration_end_day)) : nlohmann::json(nullptr)},
        {"holdout_end", a.options.holdout_end_day > a.options.calibration_end_day ? nlohmann::json(iso_date(a.options.holdout_end_day)) : nlohmann::json(nullptr)},
        {"days_per_unit", a.options.days_per_unit},
        {"prediction_units", a.options.prediction_units},
        {"customers", n},
        {"rows", s.size()},
        {"customers_not_yet_acquired", s.customers_not_yet_acquired}})},
      {"purchases", chosen_json},
      // Every model side by side, the naive baseline, and which one the predictions use and why.
      {"models", models},
      {"naive", json_object({{"holdout", has_holdout ? json_object({{"expected", c.naive_holdout_expected},
                                                                     {"mean_absolute_error", c.naive_holdout_mean_absolute_error}})
                                                     : nlohmann::json(nullptr)}})},
      {"holdout", has_holdout ? json_object({{"units", c.holdout_units}, {"actual", c.holdout_actual}}) : nlohmann::json(nullptr)},
      {"choice",
       json_object({{"chosen", chosen.model->name()},
        {"best", c.models[c.best].model->name()},
        {"best_by", c.best_by},
        {"reason", message_to_json(c.best_reason)}})},
      {"calculator_inputs",
       json_object({{"revenue_per_customer", a.revenue_per_customer_per_period},
        {"churn_percent", 100 * a.churn_per_period},
        {"period_days", a.options.calculator_period_days}})},
      {"spend", spend},
      {"spend_note", a.spend_note.code.empty() ? nlohmann::json(nullptr) : message_to_json(a.spend_note)},
      {"notes", notes},
      {"totals",
       json_object({{"repeat_rate", n > 0 ? repeaters / n : 0},
        {"expected_purchases", purchases},
        {"expected_revenue", revenue},  // undiscounted, over the prediction window
        {"clv", clv},
        {"mean_clv", n > 0 ? clv / n : 0},
        // With no dropout seen, P(alive) is 1 by assumption, not an estimate.
        {"mean_probability_alive", chosen.no_dropout ? nlohmann::json(nullptr) : nlohmann::json(n > 0 ? alive / n : 0)}})},
      {"probability_alive_histogram", histogram},
  });
}

std::string transaction_predictions_csv(const TransactionAnalysis& a, const TransactionLog& log) {
  std::string csv = "customer,repeat_purchases,recency,age,probability_alive,expected_purchases,expected_spend,clv\r\n";
  char number[64];
  for (std::size_t i = 0; i < a.summary.size(); ++i) {
    csv += csv_text_cell(log.customer_ids[static_cast<std::size_t>(a.summary.customer[i])]);
    for (double value : {a.summary.frequency[i], a.summary.recency[i], a.summary.age[i], a.probability_alive[i],
                         a.expected_purchases[i], a.expected_spend[i], a.clv[i]}) {
      std::snprintf(number, sizeof number, ",%.6g", value);
      csv += number;
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace retention
