#pragma once
// Figures that may not exist (a share of nothing), and how a report writes them: null, which the
// page shows as a dash, never a NaN.
#include <optional>

#include <nlohmann/json.hpp>

namespace retention {

// part / whole, or nothing when whole is not above 0.
inline std::optional<double> ratio(double part, double whole) {
  if (whole > 0) return part / whole;
  return std::nullopt;
}

inline nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace retention
