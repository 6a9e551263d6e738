#pragma once
// Survival S(t): the probability that a customer acquired at t = 0 is still a customer after
// t periods (S(0) = 1). Everything that values customers goes through this interface, so the
// constant-churn curve can be swapped for a fitted one (e.g. shifted-beta-geometric).
#include <optional>

namespace retention {

class SurvivalCurve {
 public:
  virtual ~SurvivalCurve() = default;

  virtual double survival(int t) const = 0;

  // sum over t = first..last of S(t) / (1+d)^t; no `last` means to infinity.
  // Returns +infinity when the infinite sum does not converge. The default sums terms until
  // they stop mattering; curves with a closed form override it.
  virtual double discounted_sum(double d, int first, std::optional<int> last) const;
};

// Constant churn c per period: S(t) = (1-c)^t.
class GeometricSurvival final : public SurvivalCurve {
 public:
  explicit GeometricSurvival(double churn) : churn_(churn) {}

  double churn() const { return churn_; }
  double survival(int t) const override;
  // Closed form, written with c and d directly so that 1 - r/(1+d) = (c+d)/(1+d) keeps its
  // precision when churn and discount are tiny.
  double discounted_sum(double d, int first, std::optional<int> last) const override;

 private:
  double churn_;
};

}  // namespace retention
