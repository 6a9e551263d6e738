// Times the core natively (the wasm twin of this file runs in Node) and prints microseconds
// per call for the benchmark script:
//   core_bench scenario.json [iterations]                       one full scenario evaluation
//   core_bench --cohorts table.csv scenario.json [iterations]   one cohort table parsed and fitted
//   core_bench --transactions log.csv customer date amount calibration_end holdout_end
//                                                               one log read, summarised and fitted
//                                                               (prints milliseconds, once)
//   core_bench --bgnbd-fits log.csv customer date amount calibration_end holdout_end
//                                                               the BG/NBD fit on every customer's row and
//                                                               on the compressed rows, side by side: prints
//                                                               "raw_ms compressed_ms customers rows"
//   core_bench --simulate plan.json [iterations]                the strategy planner's Monte Carlo
//                                                               (prints milliseconds per run)
//   core_bench --model-fits data_dir [sizes,...]                every model's fit alone (see model_fits.hpp):
//                                                               prints "name wall_ms cpu_ms [note]" lines
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <string>

#include "retention/cohorts/cohort_analysis.hpp"
#include "retention/calculator/evaluate.hpp"
#include "retention/planner/monte_carlo.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"
#include "retention/repeat_buying/transaction_analysis.hpp"
#include "model_fits.hpp"

namespace {

std::string read_file(const char* path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

int time_cohort_fit(const char* table_path, const char* scenario_path, int iterations) {
  const std::string table = read_file(table_path), scenario = read_file(scenario_path);
  double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto analysis = retention::analyse_cohort_text(table, retention::CohortLayout::cohorts_in_columns, 0, scenario);
    if (!analysis.ok()) {
      std::fprintf(stderr, "%s\n", analysis.errors().front().message.c_str());
      return 1;
    }
    sink += analysis.value().fit.parameters.alpha;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.3f\n", seconds / iterations * 1e6);
  return sink == 0 ? 3 : 0;
}

int time_transactions(char** argv) {
  const std::string text = read_file(argv[2]);  // read before timing: the browser has the file too
  const auto start = std::chrono::steady_clock::now();
  retention::TransactionColumns columns;
  columns.customer = std::atoi(argv[3]), columns.date = std::atoi(argv[4]), columns.amount = std::atoi(argv[5]);
  retention::TransactionLogReader reader(columns);
  for (std::size_t at = 0; at < text.size(); at += 1 << 16) reader.feed(std::string_view(text).substr(at, 1 << 16));
  auto log = reader.finish();
  if (!log.ok()) return 1;
  auto options = retention::transaction_options_from_json(
      {{"calibration_end", argv[6]}, {"holdout_end", argv[7]}, {"time_unit", "week"}, {"prediction_units", 52}});
  if (!options.ok()) return 1;
  auto analysis = retention::analyse_transactions(log.value(), options.value());
  if (!analysis.ok()) return 1;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.1f\n", seconds * 1000);
  return 0;
}

// The BG/NBD fit alone, on one row per customer and on the compressed table (compression timed
// with it), each the best of three runs, in one process so the ratio is like for like.
int time_bgnbd_fits(char** argv) {
  const std::string text = read_file(argv[2]);
  retention::TransactionColumns columns;
  columns.customer = std::atoi(argv[3]), columns.date = std::atoi(argv[4]), columns.amount = std::atoi(argv[5]);
  retention::TransactionLogReader reader(columns);
  reader.feed(text);
  auto log = reader.finish();
  if (!log.ok()) return 1;
  auto options = retention::transaction_options_from_json(
      {{"calibration_end", argv[6]}, {"holdout_end", argv[7]}, {"time_unit", "week"}, {"prediction_units", 52}});
  if (!options.ok()) return 1;
  const auto& o = options.value();
  auto summary = retention::summarise_customers(log.value(), o.calibration_end_day, o.holdout_end_day, o.days_per_unit);
  if (!summary.ok()) return 1;
  const auto best_of_three = [](auto&& run) {
    double best = 1e300;
    for (int i = 0; i < 3; ++i) {
      const auto start = std::chrono::steady_clock::now();
      if (!run()) return -1.0;
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 1000);
    }
    return best;
  };
  std::size_t rows = 0;
  const double raw = best_of_three([&] { return retention::fit_purchase_model(retention::bg_nbd_model(), summary.value()).ok(); });
  const double compressed = best_of_three([&] {
    const retention::CustomerSummary table = retention::compress_for_purchases(summary.value());
    rows = table.size();
    return retention::fit_purchase_model(retention::bg_nbd_model(), table).ok();
  });
  if (raw < 0 || compressed < 0) return 1;
  std::printf("%.2f %.2f %zu %zu\n", raw, compressed, summary.value().size(), rows);
  return 0;
}

}  // namespace

int time_simulation(const char* path, int iterations) {
  auto document = retention::parse_scenario_document(read_file(path));
  if (!document.ok()) return 1;
  double sink = retention::simulate_plan(document.value()).value().net_gain.mean;  // warm up
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) sink += retention::simulate_plan(document.value()).value().net_gain.mean;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.3f\n", seconds / iterations * 1e3);
  return sink == 0 ? 3 : 0;
}

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--simulate") return time_simulation(argv[2], argc > 3 ? std::atoi(argv[3]) : 5);
  if (argc >= 8 && std::string(argv[1]) == "--transactions") return time_transactions(argv);
  if (argc >= 8 && std::string(argv[1]) == "--bgnbd-fits") return time_bgnbd_fits(argv);
  if (argc >= 3 && std::string(argv[1]) == "--model-fits")
    return time_model_fits(argv[2], argc > 3 ? argv[3] : "100000,1000000");
  if (argc >= 4 && std::string(argv[1]) == "--cohorts")
    return time_cohort_fit(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 20);
  if (argc < 2) {
    std::fprintf(stderr, "usage: core_bench scenario.json [iterations] | core_bench --cohorts table.csv scenario.json [iterations]\n");
    return 2;
  }
  const std::string json = read_file(argv[1]);
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 2000;
  double sink = 0;
  for (int i = 0; i < iterations / 10 + 1; ++i) sink += retention::evaluate_json(json).ok();  // warm up
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto report = retention::evaluate_json(json);
    if (!report.ok()) return 1;
    sink += report.value().baseline.value.clv;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.3f\n", seconds / iterations * 1e6);
  return sink == 0 ? 3 : 0;
}
