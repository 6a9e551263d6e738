#pragma once

namespace retention {

// Parameters of the shifted-beta-geometric retention model: each customer's churn probability
// is drawn from Beta(alpha, beta).
struct SbgParameters {
  double alpha = 1;
  double beta = 1;
};

}  // namespace retention
