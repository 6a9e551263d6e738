#pragma once
// Instants as billing exports write them: "2023-06-15 04:25", "2023-06-15 04:25:00",
// "2023-06-15T04:25:00Z", "2023-06-15T04:25:00.123+02:00", "2023-06-15" (midnight), read as UTC
// unless an offset is written; or Unix seconds (9 to 11 digits). Two-digit years and day/month
// orders are not instants a billing system writes, so they are refused rather than guessed.
#include <cstdint>
#include <optional>
#include <string_view>

namespace retention {

// Seconds since 1970-01-01 00:00 UTC.
std::optional<std::int64_t> parse_instant(std::string_view text);

// Months since 1970-01 of an instant (UTC), and the first second of such a month.
int month_of_instant(std::int64_t seconds);
std::int64_t month_start(int month);

}  // namespace retention
