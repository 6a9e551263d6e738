// The core's own special functions and hypergeometric series against Boost.Math, evaluated in
// long double (64-bit significand here) as an independent reference: the 2F1 series on every
// branch the models use, checked through the untransformed formulas of the papers (so Euler's and
// Pfaff's transformations are checked too), and digamma, ln Γ and ln B over a grid from 1e-8 to
// 1e12. Boost.Math is a test-only dependency (Debian's libboost-math-dev, header-only).
#include <gtest/gtest.h>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "retention/cohorts/shifted_beta_geometric.hpp"
#include "retention/numerics/special_functions.hpp"
#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/mbg_nbd.hpp"
#include "retention/repeat_buying/pareto_nbd.hpp"
#include "retention/repeat_buying/repeat_buying.hpp"

namespace retention {
namespace {

using Real = long double;
constexpr double eps = std::numeric_limits<double>::epsilon();

// 2F1(a, b; c; z) by Boost's pFq in long double; its own error estimate must be far below the
// tolerances used here, or the reference proves nothing.
Real boost_2f1(Real a, Real b, Real c, Real z) {
  Real error = 0;
  const Real value = boost::math::hypergeometric_pFq({a, b}, {c}, z, &error);
  EXPECT_LE(error, 1e-16L * std::fabs(value)) << a << ' ' << b << ' ' << c << ' ' << z;
  return value;
}

double relative_error(double ours, Real reference) {
  return static_cast<double>(std::fabs((static_cast<Real>(ours) - reference) / reference));
}

// The series stops at the first term below 1e-15 of its sum; the tail it leaves is about that
// term times z/(1-z), so near z = 1 it may miss a little more than 1e-15 (1e-13 at z = 0.99).
double series_tolerance(double z) { return 1e-13 + 2e-15 / (1 - z); }

// BG/NBD as fitted on the CDNOW summary in weeks (Fader, Hardie & Lee 2005); the others are chosen
// to cover a < 1 and a > 1 with small and large b.
const BgNbdParameters bgnbd_fits[] = {{0.243, 4.414, 0.793, 2.426}, {1.7, 12.0, 2.6, 9.5}};
const MbgNbdParameters mbgnbd_fits[] = {{0.5, 6.0, 0.8, 2.5}, {1.7, 12.0, 2.6, 9.5}};
// Hundreds of purchases are where the untransformed series grow for hundreds of terms.
const double purchase_counts[] = {0, 1, 2, 7, 30, 100, 300, 800};
const double horizons[] = {0.5, 1, 39, 52, 520};

// The series itself on the arguments each model passes it (before the transformations are
// checked below through the functions that use them): BG/NBD's and MBG/NBD's conditional
// expectations (Euler-transformed), their new-customer expectations, and the dropout chance
// (Pfaff-transformed), with z from 0.01 to 0.99.
TEST(HypergeometricSeries, MatchesBoostOnTheModelsArguments) {
  int checked = 0;
  for (const BgNbdParameters& p : bgnbd_fits)
    for (double t : horizons) {
      const double z_new = t / (p.alpha + t);
      EXPECT_LT(relative_error(hypergeometric_2f1(p.r, p.b, p.a + p.b - 1, z_new),
                               boost_2f1(p.r, p.b, p.a + p.b - 1, z_new)), series_tolerance(z_new)) << t;
      EXPECT_LT(relative_error(hypergeometric_2f1(p.r, p.b + 1, p.a + p.b, z_new),
                               boost_2f1(p.r, p.b + 1, p.a + p.b, z_new)), series_tolerance(z_new)) << t;
      for (double T : {39.0, 78.0})
        for (double x : purchase_counts) {
          const double z = t / (p.alpha + T + t);
          const double cases[][3] = {{p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b + x - 1},  // BG/NBD, Euler
                                     {p.a + p.b - p.r, p.a - 1, p.a + p.b + x},          // MBG/NBD, Euler
                                     {p.a + p.b - p.r, p.a, p.a + p.b + x}};             // dropout, Pfaff
          for (const auto& c : cases) {
            EXPECT_LT(relative_error(hypergeometric_2f1(c[0], c[1], c[2], z), boost_2f1(c[0], c[1], c[2], z)),
                      series_tolerance(z))
                << c[0] << ' ' << c[1] << ' ' << c[2] << ' ' << z;
            ++checked;
          }
        }
    }
  EXPECT_EQ(checked, 2 * 5 * 2 * 8 * 3);
}

// BG/NBD's expected purchases of a customer alive at T (Fader, Hardie & Lee 2005, eq. 10 without
// P(alive)) as printed, with the original 2F1(r+x, b+x; a+b+x-1; z) whose terms grow for hundreds
// of terms when x is large: the core sums the Euler-transformed series instead.
TEST(HypergeometricSeries, BgNbdConditionalExpectationMatchesThePapersFormula) {
  for (const BgNbdParameters& p : bgnbd_fits)
    for (double t : horizons)
      for (double T : {39.0, 78.0})
        for (double x : purchase_counts) {
          const Real z = t / (p.alpha + T + t), rx = p.r + x;
          const Real power = std::pow(static_cast<Real>(p.alpha + T) / (p.alpha + T + t), rx);
          const Real expected = (p.a + p.b + x - 1) / (p.a - 1) * (1 - power * boost_2f1(rx, p.b + x, p.a + p.b + x - 1, z));
          EXPECT_LT(relative_error(bgnbd_expected_purchases_if_alive(p, t, x, T), expected), 1e-11)
              << "t " << t << " x " << x << " T " << T;
        }
}

// MBG/NBD's (Batislam et al. 2007): (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)].
TEST(HypergeometricSeries, MbgNbdConditionalExpectationMatchesThePapersFormula) {
  for (const MbgNbdParameters& p : mbgnbd_fits)
    for (double t : horizons)
      for (double T : {39.0, 78.0})
        for (double x : purchase_counts) {
          const Real z = t / (p.alpha + T + t), rx = p.r + x;
          const Real power = std::pow(static_cast<Real>(p.alpha + T) / (p.alpha + T + t), rx);
          const Real expected = (p.a + p.b + x) / (p.a - 1) * (1 - power * boost_2f1(rx, p.b + x + 1, p.a + p.b + x, z));
          EXPECT_LT(relative_error(mbg_nbd_expected_purchases_if_alive(p, t, x, T), expected), 1e-11)
              << "t " << t << " x " << x << " T " << T;
        }
}

// The chance that a BG/NBD customer alive at T drops within t: 1 - E[(1 + c p)^-(r+x)] with
// p ~ Beta(a, b+x), c = t/(alpha+T), which is 1 - 2F1(r+x, a; a+b+x; -c): Boost sums that
// alternating series directly (for c < 1), the core the Pfaff-transformed one.
TEST(HypergeometricSeries, BgNbdDropoutMatchesTheSeriesAtMinusC) {
  for (const BgNbdParameters& p : bgnbd_fits)
    for (double T : {39.0, 78.0})
      for (double share : {0.01, 0.2, 0.5, 0.8})
        for (double x : purchase_counts) {
          const double t = share * (p.alpha + T);
          const Real expected = 1 - boost_2f1(p.r + x, p.a, p.a + p.b + x, -static_cast<Real>(share));
          EXPECT_LT(relative_error(bgnbd_dropout_within(p, t, x, T), expected), 1e-11) << "c " << share << " x " << x;
        }
}

// Pareto/NBD as in Fader & Hardie's note (2005), eq. for L with A_0 = F(t_x) - F(T) and
// F(tau) = 2F1(r+s+x, b; r+s+x+1; z) / (m+tau)^(r+s+x), where alpha >= beta gives b = s+1,
// m = alpha, z = (alpha-beta)/(alpha+tau), and alpha < beta gives b = r+x, m = beta,
// z = (beta-alpha)/(beta+tau): evaluated as printed, in long double, against the core's
// Euler-transformed logs on both branches.
struct ParetoReference {
  Real log_likelihood, probability_alive;
};

ParetoReference pareto_reference(const ParetoNbdParameters& p, double x, double t_x, double T) {
  const Real r = p.r, alpha = p.alpha, s = p.s, beta = p.beta, a = r + s + x;
  const bool alpha_larger = alpha >= beta;
  const auto f = [&](Real tau) {
    const Real m = alpha_larger ? alpha : beta;
    const Real z = (alpha_larger ? alpha - beta : beta - alpha) / (m + tau);
    return boost_2f1(a, alpha_larger ? s + 1 : r + x, a + 1, z) / std::pow(m + tau, a);
  };
  const Real alive = 1 / (std::pow(alpha + T, r + x) * std::pow(beta + T, s));
  const Real dead = s / a * (f(t_x) - f(T));
  const Real log_constant = std::lgamma(r + x) - std::lgamma(r) + r * std::log(alpha) + s * std::log(beta);
  return {log_constant + std::log(alive + dead), alive / (alive + dead)};
}

TEST(HypergeometricSeries, ParetoNbdLikelihoodMatchesTheNoteOnBothBranches) {
  // The CDNOW fit (alpha < beta), the same with alpha and beta swapped, and two far apart (z near 0.9).
  const ParetoNbdParameters fits[] = {
      {0.553, 10.578, 0.606, 11.669}, {0.553, 11.669, 0.606, 10.578}, {0.8, 2.0, 1.3, 20.0}, {0.8, 20.0, 1.3, 2.0}};
  const double histories[][3] = {{0, 0, 39}, {1, 2, 39}, {1, 30, 39}, {2, 38.5, 39}, {7, 20, 39},
                                 {30, 35, 39}, {100, 77, 78}, {300, 60, 78}};
  for (const ParetoNbdParameters& p : fits)
    for (const auto& h : histories) {
      const double x = h[0], t_x = h[1], T = h[2];
      const ParetoReference expected = pareto_reference(p, x, t_x, T);
      CustomerSummary row;
      row.frequency = {x}, row.recency = {t_x}, row.age = {T};
      EXPECT_LT(relative_error(pareto_nbd_log_likelihood(row, p), expected.log_likelihood), 1e-12)
          << "alpha " << p.alpha << " x " << x << " t_x " << t_x;
      EXPECT_NEAR(pareto_nbd_probability_alive(p, x, t_x, T), static_cast<double>(expected.probability_alive), 1e-12)
          << "alpha " << p.alpha << " x " << x << " t_x " << t_x;
    }
}

// The sBG's discounted expected residual lifetime (Fader & Hardie 2010):
// (beta+n-1)/(alpha+beta+n-1) 2F1(1, beta+n; alpha+beta+n; 1/(1+d)).
TEST(HypergeometricSeries, SbgDerlMatchesBoost) {
  const SbgParameters fits[] = {{0.704, 1.182}, {3.8, 15.2}, {0.5, 50.0}, {1.2, 0.3}};
  for (const SbgParameters& p : fits)
    for (double d : {0.01, 0.1, 0.5})
      for (int n : {1, 2, 5, 100}) {
        const Real expected = (p.beta + n - 1) / (p.alpha + p.beta + n - 1) *
                              boost_2f1(1, p.beta + n, p.alpha + p.beta + n, 1 / (1 + static_cast<Real>(d)));
        const std::optional<double> derl = sbg_derl(p, d, n);
        ASSERT_TRUE(derl.has_value());
        EXPECT_LT(relative_error(*derl, expected), 1e-12) << p.alpha << ' ' << p.beta << " d " << d << " n " << n;
      }
}

// Arguments from 1e-8 to 1e12, 20 a decade, and the places where a method changes or a value is 0.
std::vector<double> argument_grid() {
  std::vector<double> grid;
  for (int k = -160; k <= 240; ++k) grid.push_back(std::pow(10.0, k / 20.0));
  for (double x : {0.5, 1.0, 1.4616321449683623, 2.0, 5.999999, 6.0, 6.000001, 10.0, 100.0}) grid.push_back(x);
  return grid;
}

// The core's ψ: the recurrence up to 6, then the asymptotic series to x^-10, whose first omitted
// term, 691/(32760 x^12), is below 1e-11 for x >= 6. So the absolute error is within 1e-11 plus
// rounding (which grows with |ψ|: -1/x near 0, ln x for large x).
TEST(SpecialFunctions, DigammaMatchesBoost) {
  for (double x : argument_grid()) {
    const Real expected = boost::math::digamma(static_cast<Real>(x));
    EXPECT_NEAR(digamma(x), static_cast<double>(expected), 1e-11 + 8 * eps * std::fabs(static_cast<double>(expected)))
        << x;
  }
}

// ln Γ is the C library's (the core calls std::lgamma): within a few units in the last place,
// in absolute terms near its zeros at 1 and 2.
TEST(SpecialFunctions, LgammaMatchesBoost) {
  for (double x : argument_grid()) {
    const Real expected = boost::math::lgamma(static_cast<Real>(x));
    EXPECT_NEAR(std::lgamma(x), static_cast<double>(expected), 4 * eps * std::max(1.0, std::fabs(static_cast<double>(expected))))
        << x;
  }
}

// ln B(a, b) as ln Γ(a) + ln Γ(b) - ln Γ(a+b) loses what the ln Γ's lose: its absolute error is
// bounded by a few units of the largest of them, which for a = 1e12, b = 0.5 is some 1e-2 of a
// value near -14. Checked against ln of Boost's B(a, b) in long double (which computes the ratio
// directly), wherever that is within long double's range.
TEST(SpecialFunctions, LogBetaMatchesBoostWithinWhatLgammaLoses) {
  const std::vector<double> grid = argument_grid();
  int checked = 0;
  for (std::size_t i = 0; i < grid.size(); i += 7)
    for (std::size_t j = 0; j < grid.size(); j += 7) {
      const double a = grid[i], b = grid[j];
      const Real beta = boost::math::beta(static_cast<Real>(a), static_cast<Real>(b));
      if (!(beta > std::numeric_limits<Real>::min()) || !std::isfinite(beta)) continue;
      const double expected = static_cast<double>(std::log(beta));
      const double scale = std::max({1.0, std::fabs(std::lgamma(a)), std::fabs(std::lgamma(b)), std::fabs(std::lgamma(a + b))});
      EXPECT_NEAR(log_beta(a, b), expected, 8 * eps * scale) << a << ' ' << b;
      ++checked;
    }
  EXPECT_GT(checked, 2500);
}

}  // namespace
}  // namespace retention
