#pragma once
// Quasi-Newton (BFGS) minimisation with a backtracking line search, for the smooth
// log-likelihoods of the repeat-buying models (fitted on log parameters, so unconstrained).
#include <functional>
#include <vector>

namespace retention {

struct Minimum {
  std::vector<double> x;
  double value = 0;
  int iterations = 0;
  bool converged = false;
  std::vector<double> inverse_hessian;  // BFGS's n x n estimate at x, row-major
};

// f returns the value and fills the gradient; a non-finite value makes the line search step back.
using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

// A first inverse Hessian estimate (say from a fit of the same model on a sample of the rows)
// saves the iterations BFGS would spend learning the curvature; empty means the identity.
Minimum minimize_bfgs(const Objective& f, std::vector<double> x, int max_iterations = 300,
                      double gradient_tolerance = 1e-7, std::vector<double> inverse_hessian = {});

// The lowest of the minima reached from each start (a likelihood may have its maximum far from
// any one guess).
Minimum minimize_bfgs_from(const Objective& f, const std::vector<std::vector<double>>& starts, int max_iterations = 300);

}  // namespace retention
