#pragma once
// Survival S(t): the probability that a customer acquired at t = 0 is still a customer after
// t periods (S(0) = 1). Everything that values customers goes through this interface, so the
// constant-churn curve can be swapped for a fitted one (e.g. shifted-beta-geometric).
#include <memory>
#include <optional>
#include <vector>

namespace retention {

class SbgSurvival;

class SurvivalCurve {
 public:
  virtual ~SurvivalCurve() = default;

  virtual double survival(int t) const = 0;

  // Churn in period t (t >= 1) among those still there: 1 - S(t)/S(t-1).
  virtual double hazard(int t) const;

  // sum over t = first..last of S(t) / (1+d)^t; no `last` means to infinity.
  // Returns +infinity when the infinite sum does not converge. The default sums terms until
  // they stop mattering; curves with a closed form override it.
  virtual double discounted_sum(double d, int first, std::optional<int> last) const;

  // This curve as the sBG curve, or null: a hot loop calls its hazard directly, without a
  // dynamic_cast (the page's module is built without RTTI).
  virtual const SbgSurvival* as_sbg() const { return nullptr; }
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

// Another curve with every period's churn (hazard h_t = 1 - S(t)/S(t-1)) scaled and shifted:
// h'_t = clamp(scale * h_t + shift, 0, 1). This is how a scenario's "churn -1 point" or
// "churn -20%" applies to any curve, fitted or constant.
class HazardAdjustedSurvival final : public SurvivalCurve {
 public:
  HazardAdjustedSurvival(std::unique_ptr<SurvivalCurve> base, double scale, double shift)
      : base_(std::move(base)), scale_(scale), shift_(shift) {}
  double survival(int t) const override;
  double discounted_sum(double d, int first, std::optional<int> last) const override;

 private:
  std::unique_ptr<SurvivalCurve> base_;
  double scale_, shift_;
  mutable std::vector<double> survival_{1.0};
};

}  // namespace retention
