#include "retention/common/message.hpp"

// The analyst panels' English templates (cohort tables, model fits, transaction logs, exports,
// summaries): every module but the page's links them. The page's own module links
// no_panel_messages.cpp instead (core/CMakeLists.txt), so a first visit does not download
// sentences that only the panels' modules can say.
namespace retention {
namespace {

constexpr MessageTemplate templates[] = {
    // Cohort tables
    {"cohort_table_too_large", "The cohort table is too large (at most 5 MB of text)."},
    {"cohort_table_empty", "The cohort table is empty: paste or type survivor counts."},
    {"cohort_cell_gap", "Row {row}, column {column} is empty between counts; fill it in or remove the gap."},
    {"cohort_cell_not_number", "Row {row}, column {column}: \"{value}\" is not a number."},
    {"cohort_count_too_large",
     "Row {row}, column {column}: {value} customers is more than the largest accepted count, {max}."},
    {"cohort_decimal_marks_mixed",
     "The counts mix decimal marks: row {row}, column {column} (\"{value}\") needs a {mark}, but row {first_row}, "
     "column {first_column} (\"{first}\") needs a {first_mark}. Correct the table."},
    {"cohort_table_no_numbers", "The cohort table has no numbers in it."},
    {"cohort_table_no_cohorts", "The cohort table has no cohorts."},
    {"cohort_table_too_short",
     "The cohort table has {count} counts per cohort; at least {needed} are needed (the starting count and two "
     "more periods).",
     "The cohort table has {count} count per cohort; at least {needed} are needed (the starting count and two "
     "more periods)."},
    {"too_many_cohorts", "At most {max} cohorts can be fitted (got {count})."},
    {"cohort_too_long", "Cohort \"{cohort}\" has more than {max} periods."},
    {"cohort_start_not_positive",
     "Cohort \"{cohort}\" starts with {count} customers; the starting count must be above 0.",
     "Cohort \"{cohort}\" starts with {count} customer; the starting count must be above 0."},
    {"cohort_survivors_too_large",
     "Cohort \"{cohort}\", period {period}: {got} customers; at most {max} are allowed (more than the people on "
     "Earth)."},
    {"cohort_count_negative", "Cohort \"{cohort}\", period {period}: {count} customers; counts cannot be negative.",
     "Cohort \"{cohort}\", period {period}: {count} customer; counts cannot be negative."},
    {"cohort_count_increases",
     "Cohort \"{cohort}\", period {period}: {count} customers, more than the {previous} of period {previous_period}; "
     "survivor counts cannot increase (enter customers still active, not new ones).",
     "Cohort \"{cohort}\", period {period}: {count} customer, more than the {previous} of period {previous_period}; "
     "survivor counts cannot increase (enter customers still active, not new ones)."},
    {"calibration_periods_range", "Fit on periods must be from 2 to {longest} (the periods in the table), or 0 for all."},
    {"calibration_periods_minimum", "Fit on at least {minimum} periods."},
    // Model fits
    {"fit_at_bound",
     "The fit ran to the edge of the parameter range: these counts show no sign of customers differing in loyalty "
     "(retention is flat), so constant churn describes them as well as the sBG model."},
    {"derl_not_finite",
     "Without discounting, the fitted curve's expected remaining lifetime has no finite sum; enter a discount rate "
     "above 0."},
    {"base_value_needs_retention",
     "To value the customer base, at least one cohort must be observed for two periods or more (today's count and "
     "the one before it)."},
    {"fit_not_converged", "The fit did not converge; treat the parameters as rough."},
    // Transaction logs
    {"time_unit_invalid", "Time unit must be day, week or month."},
    {"transactions_already_read", "This file was already read: choose it again to read it anew."},
    {"transactions_not_read", "Read a transaction file first."},
    {"transactions_not_analysed", "Analyse the transactions first."},
    {"bytes_not_uint8array", "A file's contents must be given as bytes (a Uint8Array)."},
    {"no_first_purchase",
     "No customer made a first purchase by the end of the calibration period; choose a later calibration end."},
    {"too_few_repeaters_model",
     "Too few customers with repeat purchases to fit the {model} model ({repeaters} of {customers}); at least 2 "
     "repeat buyers among 10 customers are needed."},
    {"too_few_repeaters_gamma_gamma",
     "Too few repeat buyers with a positive spend to fit the Gamma-Gamma model ({repeaters}; at least 10 are "
     "needed). Each customer's own mean spend is used."},
    {"gamma_gamma_unbounded",
     "The Gamma-Gamma fit gave q <= 1 (no finite mean spend); each customer's own mean is used."},
    {"bgnbd_no_dropout",
     "No customer was seen to stop buying: the BG/NBD dropout parameters a and b ran to their limit (a/(a+b) "
     "towards 0), so they are no estimates and the chance of being active cannot be estimated from these data. "
     "The predictions assume every customer keeps buying at their own rate."},
    {"bgnbd_same_dropout",
     "Every customer seems to have the same chance of stopping after a purchase, {percent}%: a and b ran without "
     "limit together, so they are no estimates; only that chance is."},
    {"bgnbd_same_purchase_rate",
     "Purchase rates do not differ between customers: r and alpha ran without limit together, so they are no "
     "estimates; what the data show is one rate, {count} purchases per {unit} while active.",
     "Purchase rates do not differ between customers: r and alpha ran without limit together, so they are no "
     "estimates; what the data show is one rate, {count} purchase per {unit} while active."},
    {"purchase_model_invalid", "Model must be best, bg_nbd, mbg_nbd or pareto_nbd."},
    {"calculator_period_invalid", "The calculator's period must be month or year."},
    {"model_parameters_at_limit",
     "{model}: the likelihood keeps rising as some parameters run off towards a limit, so those are no estimates; "
     "the predictions are the limit's."},
    {"chosen_model_not_fitted", "The {model} model could not be fitted on these data, so the predictions come from {best}."},
    {"best_model_holdout",
     "{model} predicted the holdout best: {error} repeat purchases off per customer on average, against "
     "{runner_up_error} for {runner_up} and {naive_error} for each customer's past purchase rate carried forward."},
    {"best_model_bic",
     "{model} fits best by BIC, {gap} below {runner_up}. Set a holdout end to compare the models on purchases "
     "they were not fitted to."},
    {"best_model_bic_close",
     "{model} has the lowest BIC, but only {gap} below {runner_up}: these data hardly tell them apart. Set a "
     "holdout end to compare the models on purchases they were not fitted to."},
    // A summary table has no dates, so no holdout can be set: the advice above would mislead.
    {"best_model_bic_summary", "{model} fits best by BIC, {gap} below {runner_up}."},
    {"best_model_bic_close_summary",
     "{model} has the lowest BIC, but only {gap} below {runner_up}: these data hardly tell them apart."},
    {"best_model_only", "{model} is the only model that could be fitted on these data."},
    {"gamma_gamma_same_mean_spend",
     "Customers do not differ in what they spend on average: the Gamma-Gamma parameters p, q and gamma ran without "
     "limit, so they are no estimates; every customer's expected spend is the mean spend per purchase, {mean}."},
    {"unit.day", "day"},
    {"unit.week", "week"},
    {"unit.month", "month"},
    {"option_out_of_range", "{label} must be a number from {low} to {high} (got {got})."},
    {"options_not_object", "The analysis options must be an object."},
    {"calibration_end_invalid", "Calibration end must be a date (yyyy-mm-dd)."},
    {"holdout_end_invalid", "Holdout end must be a date (yyyy-mm-dd), or empty for no holdout."},
    {"dates_mixed_order", "The dates mix day/month and month/day order; choose the date format."},
    {"dates_ambiguous", "Dates like {example} could be day/month or month/day: choose the date format."},
    {"no_transactions", "No transactions could be read. Check the column choices and the date format."},
    {"histories_empty", "There are no purchase histories to fit."},
    {"histories_columns_differ", "The columns x, t_x, n and count must have one value per history each."},
    {"history_row_invalid",
     "Row {row} (x {x}, t_x {t_x}, n {n}, count {count}) is not a purchase history: x, t_x and n must be whole numbers "
     "with 0 <= x <= t_x <= n, t_x = 0 when there is no purchase, n from 1 to 10,000, and a count above 0."},
    {"export_column_missing",
     "This Shopify orders export has no {column} column (looked for: {headers}). Export the orders again with every "
     "column, or read the file as a plain table."},
    {"row_order_empty", "it has no order name (Name)"},
    {"import_options_not_object", "The import options must be a JSON object."},
    {"import_option_invalid", "The import option {key} must be one of {allowed} (got {got})."},
    {"import_column_invalid", "The import option {key} must be a column number from {low} to {high} (got {got})."},
    {"only_refunds",
     "Every one of the {count} amounts read is negative (refunds): there are no purchases to fit. Check the amount "
     "column.",
     "The one amount read is negative (a refund): there are no purchases to fit. Check the amount column."},
    {"no_transactions_line",
     "No transactions could be read: line {line}: {reason}. Check the column choices and the date format."},
    {"row_too_long", "the line is longer than 100,000 characters"},
    {"row_too_few_columns", "it has too few columns ({count}; {needed} are needed)"},
    {"row_customer_empty", "the customer id is empty"},
    {"row_not_a_date", "\"{value}\" is not a date"},
    {"row_not_an_amount", "\"{value}\" is not an amount"},
    {"row_date_style_changed", "the date is written differently from the rows above"},
    {"row_amount_not_point", "\"{value}\" is not an amount with a decimal point"},
    {"row_amount_not_comma", "\"{value}\" is not an amount with a decimal comma"},
    {"row_amount_too_large", "the amount \"{value}\" is above the largest accepted, {max}"},
    {"decimal_mark.point", "decimal point"},
    {"decimal_mark.comma", "decimal comma"},
    {"decimal_mark_ambiguous",
     "Amounts like \"{example}\" (line {line}) could have a decimal point or a decimal comma: choose the decimal mark."},
    {"decimal_marks_mixed",
     "The amounts mix decimal marks: \"{value}\" on line {line} needs a {mark}, but \"{first}\" on line {first_line} "
     "needs a {first_mark}. Choose the decimal mark, or correct the file."},
    {"analysis_options_not_json", "The analysis options are not valid JSON."},
    {"export.stripe", "Stripe subscriptions export"},
    {"export.baremetrics", "Baremetrics import file"},
    {"subscription_column_missing",
     "This {export} has no {column} column (looked for: {headers}). Export the subscriptions again with every column, "
     "or map the columns yourself."},
    {"subscription_no_end", "it is canceled but says neither when it ended nor when its period ended"},
    {"subscription_ends_before_start", "it ends before its first paid period starts"},
    {"subscription_amount_negative", "the amount \"{value}\" is negative"},
    {"subscription_quantity_invalid", "the quantity \"{value}\" is not a number of 0 or more"},
    {"subscription_interval_invalid",
     "the billing interval \"{value}\" is not day, week, month or year (with a whole count from 1 to 1,000)"},
    {"no_subscriptions", "No paid subscription could be read: {free} free, {never_paid} never paid, {in_trial} still in "
                         "their trial."},
    {"no_subscriptions_line",
     "No paid subscription could be read: line {line}: {reason}. Check the column choices and the dates."},
    {"subscription_currencies_mixed",
     "The subscriptions are in more than one currency ({currencies}); amounts in different currencies are never "
     "added up: choose the currency to analyse."},
    {"subscription_currency_unknown", "Currency must be one of the file's: {currencies} (got {got})."},
    {"subscription_currency_option", "Currency must be a currency code in capitals, such as USD (got {got})."},
    {"subscription_as_of_invalid", "The count-up-to date must be a date (yyyy-mm-dd) (got {got})."},
    {"history_table_empty", "The table of histories has no rows: it needs a header (x, t_x, n, and optionally count) and one row per customer or per group of customers."},
    {"history_column_missing", "The table of histories has no {column} column (looked for: {headers})."},
    {"history_n_invalid", "Line {line}, column {column}: n, the opportunities observed, must be a whole number from 1 to 10,000."},
    {"history_t_x_invalid", "Line {line}, column {column}: t_x, the opportunity of the last purchase, must be a whole number from 0 to n, and 0 when x is 0."},
    {"history_x_invalid", "Line {line}, column {column}: x, the purchases, must be a whole number from 0 to t_x (one purchase at most per opportunity)."},
    {"summary_empty", "The summary has no rows: it needs a header (x, t_x, T, and optionally count and spend) and one row per customer or per group of customers."},
    {"summary_column_missing", "The summary has no {column} column (looked for: {headers})."},
    {"summary_cell_not_number", "Line {line}, column {column}: \"{value}\" is not a number with a decimal point."},
    {"summary_x_invalid", "Line {line}, column {column}: x, the repeat purchases, must be a whole number of 0 or more."},
    {"summary_t_x_invalid", "Line {line}, column {column}: t_x, the time of the last purchase, must be from 0 to T, and 0 when x is 0."},
    {"summary_T_invalid", "Line {line}, column {column}: T, the time observed since the first purchase, must be above 0."},
    {"summary_count_invalid", "Line {line}, column {column}: the count of customers must be above 0."},
    {"summary_spend_invalid", "Line {line}, column {column}: the spend must be an amount of 0 or more."},
    {"sql_name_invalid",
     "The {key} must be a plain name (letters, digits and _, parts separated by dots, not starting with a digit) (got {got})."},
    {"subscriptions_span_too_long",
     "The subscriptions run from {first} to {last}, more than {max} years: is a date mistyped? The count can cover at "
     "most {max} years."},
    {"subscriptions_no_month_observed",
     "No month has ended since the first paid subscription: the first cohort can be counted from {as_of}."},
};

}  // namespace

std::span<const MessageTemplate> panel_message_templates() { return templates; }

}  // namespace retention
