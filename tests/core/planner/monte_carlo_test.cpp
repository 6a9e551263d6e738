// Monte Carlo: the sampler, reproducibility, and convergence to the deterministic answer as
// the ranges collapse.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "retention/planner/monte_carlo.hpp"
#include "retention/planner/plan_evaluation.hpp"
#include "retention/numerics/quantile.hpp"
#include "retention/numerics/random.hpp"

namespace retention {
namespace {

TEST(RandomStream, IsTheReferenceXoshiro256StarStar) {
  // splitmix64(0) seeds and the first output of xoshiro256** from them (reference C code).
  RandomStream random(0);
  EXPECT_EQ(random.next(), 0x99ec5f36cb75f2b4ULL);
  RandomStream again(0);
  again.next();
  EXPECT_EQ(random.next(), again.next());
}

TEST(Triangular, MeanAndMedianMatchTheClosedForms) {
  RandomStream random(7);
  const double low = 2, likely = 3, high = 10;
  std::vector<double> samples;
  double sum = 0;
  for (int i = 0; i < 200000; ++i) {
    samples.push_back(triangular(low, likely, high, random.uniform()));
    sum += samples.back();
  }
  // Mean (a+b+c)/3 = 5; sd = sqrt((a²+b²+c²-ab-ac-bc)/18) = 1.732; 4 standard errors.
  EXPECT_NEAR(sum / static_cast<double>(samples.size()), 5.0, 4 * 1.732 / std::sqrt(200000.0));
  // Median for likely below the midpoint: high - sqrt((high-low)(high-likely)/2).
  EXPECT_NEAR(quantile(samples, 0.5), high - std::sqrt((high - low) * (high - likely) / 2), 0.02);
  EXPECT_DOUBLE_EQ(triangular(4, 4, 4, 0.3), 4);
  EXPECT_DOUBLE_EQ(triangular(1, 2, 3, 0), 1);
}

TEST(Quantile, InterpolatesBetweenOrderStatistics) {
  std::vector<double> v{5, 1, 4, 2, 3};
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 3);
  EXPECT_DOUBLE_EQ(quantile(v, 0.1), 1.4);
  EXPECT_DOUBLE_EQ(quantile(v, 0.9), 4.6);
}

TEST(Quantile, DecilesAreTheSortedOrderStatistics) {
  // The bands' deciles (found by counting into bins for large draws) against a full sort and the
  // deciles by selection: ties,
  // an outlier that puts nearly everything in one bin, sizes on both sides of the counting's.
  RandomStream random(3);
  for (std::size_t n : {999u, 1000u, 1001u, 10000u, 12345u})
    for (int kind = 0; kind < 4; ++kind) {
      std::vector<double> v(n);
      for (double& x : v) {
        const double u = random.uniform();
        x = kind == 0 ? u : kind == 1 ? std::floor(u * 6) : kind == 2 ? std::exp(20 * u) : -u * u;
      }
      if (kind == 3) v[n / 3] = 1e12;
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      std::vector<double> copy = v;
      const auto d = deciles_10_50_90_counted(std::span<double>(v));
      const auto selected = deciles_10_50_90(std::span<double>(copy));
      for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(d[i], selected[i]) << n << " " << kind << " " << i;
        const double position = std::array{0.1, 0.5, 0.9}[i] * static_cast<double>(n - 1);
        const auto below = static_cast<std::size_t>(std::floor(position));
        const double expected = sorted[below] + (sorted[below + 1] - sorted[below]) * (position - static_cast<double>(below));
        EXPECT_EQ(d[i], expected) << n << " " << kind << " " << i;
      }
    }
}

ScenarioDocument uncertain_plan(double width) {
  ScenarioDocument d;
  StrategyPlan plan;
  Program loyalty;
  loyalty.kind = ProgramKind::loyalty_programme;
  loyalty.name = "Loyalty";
  loyalty.fixed_cost_per_period = Uncertain::exactly(2000);
  loyalty.cost_per_customer_per_period = Uncertain::exactly(1);
  loyalty.churn_reduction_percent = {15, 15 - 10 * width, 15 + 10 * width};
  loyalty.ramp_up_periods = 3;
  Program cross;
  cross.kind = ProgramKind::cross_selling;
  cross.name = "Cross-sell";
  cross.fixed_cost_per_period = Uncertain::exactly(1000);
  cross.revenue_uplift_percent = {5, 5 - 4 * width, 5 + 4 * width};
  plan.programs = {loyalty, cross};
  if (width > 0) plan.ranges = {{"churn_percent", 5 - 2 * width, 5 + 3 * width}, {"revenue_per_customer", 50 - 10 * width, 50 + 10 * width}};
  plan.draws = 2000;
  plan.seed = 11;
  d.plan = plan;
  return d;
}

TEST(MonteCarlo, CollapsedRangesGiveTheDeterministicAnswerInEveryDraw) {
  const ScenarioDocument d = uncertain_plan(0);
  const PlanReport exact = evaluate_plan(d).value();
  const MonteCarloResult mc = simulate_plan(d).value();
  EXPECT_NEAR(mc.net_gain.mean, exact.combined.net_gain, 1e-9 * std::fabs(exact.combined.net_gain));
  EXPECT_DOUBLE_EQ(mc.net_gain.p10, mc.net_gain.p90);
  EXPECT_NEAR(mc.roi.p50, *exact.combined.roi, 1e-12);
  EXPECT_NEAR(mc.clv.p50, *exact.combined.clv, 1e-9 * *exact.combined.clv);
  for (int k = 0; k < d.horizon_periods; ++k) {
    EXPECT_NEAR(mc.customers_with_plan.p10[k], exact.with_plan.active_customers[k], 1e-9 * exact.with_plan.active_customers[k]);
    EXPECT_NEAR(mc.cumulative_gain.p90[k], exact.cumulative_gain[k], 1e-6);
  }
  EXPECT_DOUBLE_EQ(mc.payback_probability, exact.combined.payback_period ? 1 : 0);
}

TEST(MonteCarlo, MeansConvergeToTheDeterministicAnswerAsRangesShrink) {
  const double exact = evaluate_plan(uncertain_plan(0)).value().combined.net_gain;
  double previous = INFINITY;
  for (double width : {0.4, 0.1, 0.01}) {
    const double error = std::fabs(simulate_plan(uncertain_plan(width)).value().net_gain.mean - exact);
    EXPECT_LT(error, previous) << "width " << width;
    previous = error;
  }
  EXPECT_LT(previous, 1e-3 * std::fabs(exact));
}

TEST(MonteCarlo, SameSeedSameBandsAnotherSeedOthers) {
  const ScenarioDocument d = uncertain_plan(0.5);
  const MonteCarloResult a = simulate_plan(d).value(), b = simulate_plan(d).value();
  EXPECT_EQ(a.cumulative_gain.p50, b.cumulative_gain.p50);
  EXPECT_EQ(a.clv.bin_counts, b.clv.bin_counts);
  ScenarioDocument other = d;
  other.plan->seed = 12;
  EXPECT_NE(simulate_plan(other).value().cumulative_gain.p50, a.cumulative_gain.p50);
}

TEST(MonteCarlo, BandsAreOrderedAndPaybackIsAProbability) {
  const MonteCarloResult r = simulate_plan(uncertain_plan(1)).value();
  for (std::size_t k = 0; k < r.cumulative_gain.p10.size(); ++k) {
    EXPECT_LE(r.cumulative_gain.p10[k], r.cumulative_gain.p50[k]);
    EXPECT_LE(r.cumulative_gain.p50[k], r.cumulative_gain.p90[k]);
    EXPECT_LE(r.customers_with_plan.p10[k], r.customers_with_plan.p90[k]);
  }
  EXPECT_GE(r.payback_probability, 0);
  EXPECT_LE(r.payback_probability, 1);
  ASSERT_EQ(r.program_payback_probability.size(), 2u);
  int total = 0;
  for (int c : r.roi.bin_counts) total += c;
  EXPECT_EQ(total, r.roi.count);
  EXPECT_EQ(r.net_gain.count, 2000);
}

}  // namespace
}  // namespace retention

namespace retention {
namespace {

TEST(Quantile, DecilesTogetherEqualEachAlone) {
  RandomStream random(3);
  for (std::size_t n = 1; n <= 60; ++n) {
    std::vector<double> values(n);
    for (double& v : values) v = std::floor(random.uniform() * 20);  // ties too
    std::vector<double> a = values, b = values, c = values, d = values;
    const auto together = deciles_10_50_90(d);
    EXPECT_DOUBLE_EQ(together[0], quantile(a, 0.1)) << n;
    EXPECT_DOUBLE_EQ(together[1], quantile(b, 0.5)) << n;
    EXPECT_DOUBLE_EQ(together[2], quantile(c, 0.9)) << n;
  }
}

}  // namespace
}  // namespace retention

#include "retention/planner/plan_report_json.hpp"

namespace retention {
namespace {

TEST(PlanCsv, OneRowPerPeriodWithTheSeriesAndTheirBands) {
  const ScenarioDocument d = uncertain_plan(0.5);
  const PlanReport report = evaluate_plan(d).value();
  const MonteCarloResult simulation = simulate_plan(d).value();
  const std::string csv = plan_csv(report, simulation);
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; (end = csv.find("\r\n", at)) != std::string::npos; at = end + 2)
    lines.push_back(csv.substr(at, end - at));
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(d.horizon_periods) + 1);
  EXPECT_EQ(lines[0],
            "period,customers_without_plan,customers_with_plan,cumulative_gain,customers_with_plan_p10,"
            "customers_with_plan_p50,customers_with_plan_p90,customers_without_plan_p10,customers_without_plan_p50,"
            "customers_without_plan_p90,cumulative_gain_p10,cumulative_gain_p50,cumulative_gain_p90");
  // The last row: period 36, then the most likely gain as the fourth cell.
  const std::string& last = lines.back();
  EXPECT_EQ(last.substr(0, 3), "36,");
  std::vector<std::string> cells;
  for (std::size_t at = 0, end = 0; end != std::string::npos; at = end + 1) {
    end = last.find(',', at);
    cells.push_back(last.substr(at, end == std::string::npos ? end : end - at));
  }
  ASSERT_EQ(cells.size(), 13u);
  EXPECT_NEAR(std::stod(cells[3]), report.cumulative_gain.back(), 1e-6 * std::fabs(report.cumulative_gain.back()));
  EXPECT_NEAR(std::stod(cells[12]), simulation.cumulative_gain.p90.back(), 1e-6 * std::fabs(simulation.cumulative_gain.p90.back()));
}

}  // namespace
}  // namespace retention
