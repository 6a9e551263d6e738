#pragma once
// core_bench --model-fits: each retention model's fit alone, natively or (the same source built
// to wasm) under Node, printed as "name milliseconds [note]" lines for bench/model_fits.mjs:
// - on the CDNOW sample (one row per customer, weekly, calibration to 1997-09-30, as lifetimes
//   fits it): BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma; BG/BB on donations.csv; sBG and BdW on
//   the regular cohort (years 1-7); each the median of several runs;
// - BG/NBD and Pareto/NBD on a seeded summary of each of `sizes` (comma separated) customers simulated from each model
//   with the published CDNOW parameters, one row per customer ("raw") and its compressed table;
// - the purchase band's 1,000 parameter draws on the CDNOW sample.
// The small data sets' fits (small_fits) are also those the browser's worker times
// (model_fits_web.cpp, bench/model_fits_browser.mjs).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "repeat_buying/simulated_customers.hpp"
#include "retention/cohorts/beta_discrete_weibull.hpp"
#include "retention/cohorts/cohort_table.hpp"
#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "retention/repeat_buying/bg_bb.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/history_table.hpp"
#include "retention/repeat_buying/purchase_band.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/purchase_model_comparison.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace model_fits {

inline std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The medians of `runs` timings of run() in ms, wall and CPU (the process's, natively; in wasm
// clock() is wall time too), after one untimed run (wasm engines compile hot code again,
// optimised, after its first calls); negative when run() fails. The CPU time is the figure that
// holds on a machine shared with others.
struct Timing {
  double wall = -1, cpu = -1;
};

template <class Run>
Timing median_ms(int runs, Run&& run) {
  if (!run()) return {};
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    if (!run()) return {};
    cpu.push_back(static_cast<double>(std::clock() - cpu_start) * 1000.0 / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 1000);
  }
  std::sort(wall.begin(), wall.end()), std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

// Customers first bought on one of the first 84 days of a 273-day calibration (CDNOW's
// 12 weeks of 39), so T and t_x fall on whole days, in weeks, as a log's summary has them.
inline retention::CustomerSummary simulated(int customers, std::uint64_t seed,
                                            const std::function<retention::test::Story(retention::test::Draws&)>& story) {
  retention::test::Draws draws(seed);
  retention::CustomerSummary s;
  s.days_per_unit = 7;
  for (auto* column : {&s.frequency, &s.recency, &s.age, &s.monetary, &s.holdout_frequency}) column->reserve(customers);
  for (int i = 0; i < customers; ++i) {
    const double first_day = std::floor(draws.uniform() * 84), T = (273 - first_day) / 7;
    retention::test::add_customer(s, draws, story(draws), T);
    s.recency.back() = std::min(T, std::floor(s.recency.back() * 7) / 7);
  }
  return s;
}

// The small data sets of the speed goals, from their files' text, made ready as the page
// makes them: the CDNOW sample (weekly, calibration to 1997-09-30, holdout to 1998-06-30) one row
// per customer as lifetimes fits it, its compressed rows and the model the page would choose (for
// the band; chosen only when asked, which fits every purchase model first); donations (BG/BB);
// the regular cohort (sBG and BdW on years 1-7).
struct SmallDataSets {
  retention::CustomerSummary cdnow, cdnow_rows;
  retention::PurchaseModelResult chosen;  // no model when not chosen
  std::vector<retention::OpportunityHistory> donations;
  retention::CohortTable cohort;
};

// The data sets, or nothing when a text is not what its file should hold.
inline std::optional<SmallDataSets> small_data_sets(const std::string& cdnow_sample, const std::string& donations,
                                                    const std::string& cohort, bool choose_band_model) {
  using namespace retention;
  TransactionColumns columns;
  columns.customer = 1, columns.date = 2, columns.amount = 4;
  TransactionLogReader reader(columns);
  reader.feed(cdnow_sample);
  auto log = reader.finish();
  if (!log.ok()) return std::nullopt;
  auto sample = summarise_customers(log.value(), days_from_civil(1997, 9, 30), days_from_civil(1998, 6, 30), 7);
  auto histories = read_history_table(donations);
  auto table = parse_cohort_table(cohort, CohortLayout::cohorts_in_columns);
  if (!sample.ok() || !histories.ok() || !table.ok()) return std::nullopt;
  SmallDataSets d;
  d.cdnow = std::move(sample.value());
  std::vector<std::uint32_t> row_of_customer;
  d.cdnow_rows = compress_for_purchases(d.cdnow, &row_of_customer);
  if (choose_band_model) {
    auto comparison = compare_purchase_models(d.cdnow, d.cdnow_rows, row_of_customer);
    if (!comparison.ok()) return std::nullopt;
    d.chosen = comparison.value().models[comparison.value().best];
  }
  d.donations = std::move(histories.value());
  d.cohort = std::move(table.value());
  return d;
}

// One fit of the small data sets: its line's name and one run of it (false when it fails).
struct SmallFit {
  std::string name;
  std::function<bool()> run;
};

// Every model's fit on the small data sets, each run fitting once: the purchase models and
// Gamma-Gamma on the CDNOW sample, BG/BB on donations, sBG and BdW on the cohort, and (when a
// model was chosen) the band's 1,000 parameter draws of it (the draws it made written to
// *band_draws_made).
// Shared by core_bench and the browser's worker (model_fits_web.cpp), so both time the same calls.
inline std::vector<SmallFit> small_fits(const SmallDataSets& d, int* band_draws_made) {
  using namespace retention;
  std::vector<SmallFit> fits;
  for (const PurchaseModel* model : purchase_models())
    fits.push_back(
        {"cdnow_" + std::string(model->name()), [&d, model] { return fit_purchase_model(*model, d.cdnow).ok(); }});
  fits.push_back({"cdnow_gamma_gamma", [&d] { return fit_gamma_gamma(d.cdnow).ok(); }});
  fits.push_back({"donations_bg_bb", [&d] { return fit_bgbb(d.donations).ok(); }});
  fits.push_back({"regular_sbg", [&d] { return fit_sbg(d.cohort, 7).ok(); }});
  fits.push_back({"regular_bdw", [&d] { return fit_bdw(d.cohort, 7).ok(); }});
  if (!d.chosen.model) return fits;
  fits.push_back({"cdnow_band_1000", [&d, band_draws_made] {
                    auto band = purchase_band(d.chosen, d.cdnow_rows, 52, 39, 1000, 1);
                    *band_draws_made = band ? band->draws : 0;
                    return band.has_value();
                  }});
  return fits;
}

inline int time_model_fits(const std::string& data, const std::string& sizes) {
  using namespace retention;
  const auto line = [](const std::string& name, Timing ms, const std::string& note = "") {
    std::printf("%s %.3f %.3f%s%s\n", name.c_str(), ms.wall, ms.cpu, note.empty() ? "" : " ", note.c_str());
  };
  const auto data_sets = small_data_sets(read_text(data + "/CDNOW_sample.txt"), read_text(data + "/donations.csv"),
                                         read_text(data + "/sbg_regular_cohort.csv"), true);
  if (!data_sets) return 1;
  int drawn = 0;
  for (const SmallFit& fit : small_fits(*data_sets, &drawn)) {
    const bool band = fit.name == "cdnow_band_1000";
    const Timing ms = median_ms(band ? 3 : 7, fit.run);
    line(fit.name, ms, band ? std::to_string(drawn) + " " + std::string(data_sets->chosen.model->name()) : "");
  }

  // Large simulated summaries with CDNOW's published parameters (weeks), at each size asked.
  for (std::size_t at = 0; at < sizes.size();) {
    const std::size_t comma = std::min(sizes.find(',', at), sizes.size());
    const int customers = std::atoi(sizes.substr(at, comma - at).c_str());
    at = comma + 1;
    const CustomerSummary bg = simulated(customers, 20261206, [](test::Draws& d) {
      const double rate = d.gamma(0.243, 4.414), p = d.beta(0.793, 2.426);
      test::Story story;
      story.rate = rate;
      story.alive_after = [&d, p](int purchase) { return purchase == 0 || d.uniform() >= p; };
      return story;
    });
    const CustomerSummary pareto = simulated(customers, 20261207, [](test::Draws& d) {
      test::Story story;
      story.rate = d.gamma(0.553, 10.578);
      story.death = d.exponential(d.gamma(0.606, 11.669));
      return story;
    });
    for (const auto& entry : {std::tuple{"bg_nbd", &bg_nbd_model(), &bg}, {"pareto_nbd", &pareto_nbd_model(), &pareto}}) {
      // Named copies, not structured bindings: the wasm build's clang cannot capture those.
      const char* name = std::get<0>(entry);
      const PurchaseModel* model = std::get<1>(entry);
      const CustomerSummary* summary = std::get<2>(entry);
      const std::string n = std::to_string(customers), prefix = std::string(name) + "_" + n;
      std::string fitted;  // the parameters, to see the fit find the simulation's
      const Timing raw = median_ms(3, [&] {
        auto fit = fit_purchase_model(*model, *summary);
        if (!fit.ok()) return false;
        fitted.clear();
        for (double v : fit.value().parameters) fitted += (fitted.empty() ? "" : ",") + std::to_string(v);
        return true;
      });
      CustomerSummary table;
      const Timing compress = median_ms(3, [&] { return table = compress_for_purchases(*summary), true; });
      const Timing fit = median_ms(5, [&] { return fit_purchase_model(*model, table).ok(); });
      line(prefix + "_raw", raw, fitted);
      line(prefix + "_compress", compress, std::to_string(table.size()));
      line(prefix + "_compressed", fit, std::to_string(table.size()));
    }
  }
  return 0;
}

}  // namespace model_fits

using model_fits::time_model_fits;
