#pragma once
// Customers simulated from the models' own stories, for the tests that a fit recovers the
// parameters it was given within its standard errors. Seeded, so every run sees the same data.
#include <cmath>
#include <functional>

#include "retention/numerics/random.hpp"
#include "retention/repeat_buying/customer_summary.hpp"

namespace retention::test {

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : random_(seed) {}
  double uniform() { return random_.uniform(); }
  double positive_uniform() {
    double u;
    do u = random_.uniform();
    while (u == 0);
    return u;
  }
  double normal() {  // Box-Muller
    return std::sqrt(-2 * std::log(positive_uniform())) * std::cos(6.283185307179586 * uniform());
  }
  double exponential(double rate) { return -std::log(positive_uniform()) / rate; }
  // Marsaglia & Tsang (2000); shapes below 1 by the boost u^(1/shape).
  double gamma(double shape, double rate) {
    if (shape < 1) return gamma(shape + 1, rate) * std::pow(positive_uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
      double z = normal(), v = 1 + c * z;
      if (v <= 0) continue;
      v = v * v * v;
      if (std::log(positive_uniform()) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v / rate;
    }
  }
  double beta(double a, double b) {
    const double x = gamma(a, 1), y = gamma(b, 1);
    return x / (x + y);
  }

 private:
  RandomStream random_;
};

// One customer's story from their first purchase at 0: purchase times while alive, up to T.
// `alive_after` says, after each purchase (the first at 0 included, as purchase 0), whether the
// customer is still alive; `death` is a lifetime (infinite for models that die only at purchases).
struct Story {
  double rate = 1, death = INFINITY;
  std::function<bool(int purchase)> alive_after = [](int) { return true; };
};

inline void add_customer(CustomerSummary& s, Draws& draws, const Story& story, double T) {
  double t = 0, last = 0;
  int x = 0;
  if (story.alive_after(0)) {
    for (;;) {
      t += draws.exponential(story.rate);
      if (t > T || t > story.death) break;
      ++x, last = t;
      if (!story.alive_after(x)) break;
    }
  }
  s.customer.push_back(static_cast<std::int32_t>(s.size()));
  s.frequency.push_back(x), s.recency.push_back(last), s.age.push_back(T);
  s.monetary.push_back(0), s.holdout_frequency.push_back(0);
}

}  // namespace retention::test
