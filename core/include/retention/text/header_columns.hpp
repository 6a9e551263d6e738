#pragma once
// Columns of an export found by their header names, as its maker writes them: in any case, with
// blanks around, and with a " (UTC)" suffix optional (Stripe writes "Created (UTC)" in some
// versions and "Created" in others).
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

// The first column whose header is one of the names (tried in order), or -1.
int column_named(const std::vector<std::string_view>& header, std::initializer_list<std::string_view> names);

// "Name, Email": the names a message says were looked for.
std::string names_looked_for(std::initializer_list<std::string_view> names);

// Whether a header name is the given one, as column_named compares them.
bool same_header(std::string_view header, std::string_view name);

}  // namespace retention
