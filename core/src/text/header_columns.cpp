#include "retention/text/header_columns.hpp"

#include <algorithm>
#include <cctype>

namespace retention {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool same_letters(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view without_utc_suffix(std::string_view s) {
  constexpr std::string_view suffix = "(UTC)";
  if (s.size() > suffix.size() && same_letters(s.substr(s.size() - suffix.size()), suffix))
    s = trimmed(s.substr(0, s.size() - suffix.size()));
  return s;
}

}  // namespace

bool same_header(std::string_view header, std::string_view name) {
  return same_letters(without_utc_suffix(trimmed(header)), without_utc_suffix(trimmed(name)));
}

int column_named(const std::vector<std::string_view>& header, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    for (std::size_t c = 0; c < header.size(); ++c)
      if (same_header(header[c], name)) return static_cast<int>(c);
  return -1;
}

std::string names_looked_for(std::initializer_list<std::string_view> names) {
  std::string text;
  for (std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

}  // namespace retention
