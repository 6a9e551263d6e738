#include "text/plain_number.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace retention {

bool read_plain_number(std::string_view cell, double& out) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '"')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '"')) cell.remove_suffix(1);
  if (cell.empty() || cell.size() > 40) return false;
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i]))) ++i;
    return i > from;
  };
  if (cell[i] == '-' || cell[i] == '+') ++i;
  bool any = digits();
  if (i < cell.size() && cell[i] == '.') ++i, any = digits() || any;
  if (!any) return false;
  if (i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
    ++i;
    if (i < cell.size() && (cell[i] == '-' || cell[i] == '+')) ++i;
    if (!digits()) return false;
  }
  if (i != cell.size()) return false;
  const std::string text(cell);
  out = std::strtod(text.c_str(), nullptr);
  return std::isfinite(out);
}

}  // namespace retention
