#include "retention/text/decimal_number.hpp"

#include <cstdint>
#include <optional>

#include "retention/common/limits.hpp"

namespace retention {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// A blank between a currency and its amount: a space, a no-break space or a narrow one.
std::size_t blank_prefix(std::string_view text) {
  if (!text.empty() && text[0] == ' ') return 1;
  if (text.substr(0, 2) == "\xC2\xA0") return 2;
  if (text.substr(0, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}
std::size_t blank_suffix(std::string_view text) {
  if (!text.empty() && text.back() == ' ') return 1;
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") return 2;
  if (text.size() >= 3 && text.substr(text.size() - 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

// The signs of the currencies a shop is likely to log: $ € £ ¥ ₹, or a three-letter code.
constexpr std::string_view currency_signs[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "\xE2\x82\xB9"};

std::size_t currency_prefix(std::string_view text) {
  for (std::string_view sign : currency_signs)
    if (text.substr(0, sign.size()) == sign) return sign.size();
  if (text.size() > 3 && is_upper(text[0]) && is_upper(text[1]) && is_upper(text[2])) return 3;
  return 0;
}
std::size_t currency_suffix(std::string_view text) {
  for (std::string_view sign : currency_signs)
    if (text.size() > sign.size() && text.substr(text.size() - sign.size()) == sign) return sign.size();
  const std::size_t n = text.size();
  if (n > 3 && is_upper(text[n - 1]) && is_upper(text[n - 2]) && is_upper(text[n - 3])) return 3;
  return 0;
}

std::string_view strip_currency(std::string_view text) {
  if (std::size_t sign = currency_prefix(text)) {
    text.remove_prefix(sign);
    while (std::size_t blank = blank_prefix(text)) text.remove_prefix(blank);
  } else if (std::size_t suffix = currency_suffix(text)) {
    text.remove_suffix(suffix);
    while (std::size_t blank = blank_suffix(text)) text.remove_suffix(blank);
  }
  return text;
}

// Digits with `mark` as the decimal mark and `group` between thousands: 1234.5, 1,234.5, .5;
// a group needs 1 to 3 leading digits (not a lone 0) and then exactly three per group.
std::optional<double> read_with(std::string_view body, char mark, char group) {
  std::uint64_t mantissa = 0;
  int significant = 0, dropped = 0, fraction = 0;
  auto digit = [&](char c, bool in_fraction) {
    if (significant < 19) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      if (mantissa != 0) ++significant;
      if (in_fraction) ++fraction;
    } else if (!in_fraction) {
      ++dropped;  // digits beyond 19 only scale the value (it is refused as too large anyway)
    }
  };
  std::size_t i = 0, lead = 0;
  while (i < body.size() && is_digit(body[i])) digit(body[i++], false), ++lead;
  if (i < body.size() && body[i] == group) {
    if (lead < 1 || lead > 3 || body[0] == '0') return std::nullopt;
    while (i < body.size() && body[i] == group) {
      ++i;
      for (int k = 0; k < 3; ++k, ++i)
        if (i >= body.size() || !is_digit(body[i])) return std::nullopt;
        else digit(body[i], false);
    }
    if (i < body.size() && is_digit(body[i])) return std::nullopt;  // a group of four
  }
  if (i < body.size() && body[i] == mark) {
    ++i;
    std::size_t fraction_digits = 0;
    while (i < body.size() && is_digit(body[i])) digit(body[i++], true), ++fraction_digits;
    if (fraction_digits == 0) return std::nullopt;
  } else if (lead == 0) {
    return std::nullopt;
  }
  if (i != body.size()) return std::nullopt;
  // An integer mantissa over an exact power of ten: correctly rounded for up to 15 digits.
  double value = static_cast<double>(mantissa);
  for (int k = 0; k < dropped; ++k) value *= 10;
  double scale = 1;
  for (int k = 0; k < fraction; ++k) scale *= 10;
  return value / scale;
}

}  // namespace

NumberReadings read_number_readings(std::string_view text, bool currency) {
  NumberReadings out;
  if (text.empty() || text.size() > max_number_text_length) return out;
  bool negative = false;
  auto sign = [&] {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
      negative = text.front() == '-';
      text.remove_prefix(1);
      return true;
    }
    return false;
  };
  const bool signed_first = sign();  // -$12.50
  if (currency) text = strip_currency(text);
  if (!signed_first) sign();  // $-12.50
  if (text.empty() || !(is_digit(text[0]) || text[0] == '.' || text[0] == ',')) return out;
  std::size_t points = 0, commas = 0;
  for (char c : text) points += c == '.', commas += c == ',';
  const std::optional<double> point = read_with(text, '.', ',');
  const std::optional<double> comma = read_with(text, ',', '.');
  if (!point && !comma) return out;
  const double signed_point = point ? (negative ? -*point : *point) : 0;
  const double signed_comma = comma ? (negative ? -*comma : *comma) : 0;
  out.with_point = signed_point, out.with_comma = signed_comma;
  if (point && comma) {
    if (points + commas == 0) {
      out.kind = NumberReadings::Kind::plain;
    } else {
      out.kind = NumberReadings::Kind::either;
      out.lone_mark = points ? '.' : ',';
    }
  } else {
    out.kind = point ? NumberReadings::Kind::point_only : NumberReadings::Kind::comma_only;
  }
  return out;
}

bool number_with_mark(const NumberReadings& readings, DecimalMark mark, double& value) {
  using Kind = NumberReadings::Kind;
  switch (readings.kind) {
    case Kind::not_a_number: return false;
    case Kind::plain: value = readings.with_point; return true;
    case Kind::point_only: value = readings.with_point; return mark == DecimalMark::point;
    case Kind::comma_only: value = readings.with_comma; return mark == DecimalMark::comma;
    case Kind::either:
      value = mark == DecimalMark::comma ? readings.with_comma : readings.with_point;
      return mark != DecimalMark::automatic;
  }
  return false;
}

}  // namespace retention
