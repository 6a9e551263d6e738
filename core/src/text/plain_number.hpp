#pragma once
// A number as a query or a program writes it (-12, 3.5, 2.7199999999999998, 1e-05), read to the
// nearest double so a table written with 17 digits reads back exactly. Surrounding spaces and
// quotes are ignored; anything else (thousands separators, a decimal comma, text) is refused.
#include <string_view>

namespace retention {

bool read_plain_number(std::string_view cell, double& out);

}  // namespace retention
