#include "retention/text/date_time.hpp"

#include <algorithm>
#include <cctype>

#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// Reads exactly `digits` decimal digits at `at`, moving past them.
bool read_digits(std::string_view text, std::size_t& at, int digits, int& value) {
  if (at + static_cast<std::size_t>(digits) > text.size()) return false;
  value = 0;
  for (int i = 0; i < digits; ++i, ++at) {
    if (!std::isdigit(static_cast<unsigned char>(text[at]))) return false;
    value = value * 10 + (text[at] - '0');
  }
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The offset east of UTC in seconds of "Z", " UTC", "+02:00", "+0200" or "-05", at `at`.
std::optional<std::int64_t> read_offset(std::string_view text, std::size_t at) {
  std::string_view rest = trimmed(text.substr(at));
  if (rest.empty() || rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") return 0;
  if (rest.front() != '+' && rest.front() != '-') return std::nullopt;
  const int sign = rest.front() == '-' ? -1 : 1;
  std::size_t i = 1;
  int hours = 0, minutes = 0;
  if (!read_digits(rest, i, 2, hours)) return std::nullopt;
  if (i < rest.size() && rest[i] == ':') ++i;
  if (i < rest.size() && !read_digits(rest, i, 2, minutes)) return std::nullopt;
  if (i != rest.size() || hours > 14 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

}  // namespace

std::optional<std::int64_t> parse_instant(std::string_view text) {
  text = trimmed(text);
  if (text.size() >= 9 && text.size() <= 11 &&
      std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    std::int64_t seconds = 0;
    for (char c : text) seconds = seconds * 10 + (c - '0');
    return seconds;
  }
  std::size_t at = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, at, 4, year) || at >= text.size() || (text[at] != '-' && text[at] != '/')) return std::nullopt;
  const char separator = text[at++];
  if (!read_digits(text, at, 2, month) || at >= text.size() || text[at++] != separator || !read_digits(text, at, 2, day))
    return std::nullopt;
  if (!valid_civil(year, month, day)) return std::nullopt;
  if (at < text.size() && (text[at] == ' ' || text[at] == 'T' || text[at] == 't')) {
    const std::size_t time_at = at + 1;
    std::size_t i = time_at;
    if (read_digits(text, i, 2, hour) && i < text.size() && text[i] == ':' && read_digits(text, ++i, 2, minute)) {
      at = i;
      if (at < text.size() && text[at] == ':') {
        if (!read_digits(text, ++at, 2, second)) return std::nullopt;
        if (at < text.size() && text[at] == '.') {
          ++at;
          while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;  // fractions dropped
        }
      }
      if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    }
  }
  const std::optional<std::int64_t> offset = read_offset(text, at);
  if (!offset) return std::nullopt;
  return static_cast<std::int64_t>(days_from_civil(year, month, day)) * seconds_per_day + hour * 3600 + minute * 60 +
         second - *offset;
}

int month_of_instant(std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / seconds_per_day : -((-seconds + seconds_per_day - 1) / seconds_per_day);
  int year = 0, month = 0, day = 0;
  civil_from_days(static_cast<std::int32_t>(days), year, month, day);
  return (year - 1970) * 12 + (month - 1);
}

std::int64_t month_start(int month) {
  const int year = 1970 + (month >= 0 ? month / 12 : -((-month + 11) / 12));
  const int in_year = month - (year - 1970) * 12;
  return static_cast<std::int64_t>(days_from_civil(year, in_year + 1, 1)) * seconds_per_day;
}

}  // namespace retention
