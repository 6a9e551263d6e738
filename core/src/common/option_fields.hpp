#pragma once
// Reading the options object an entry point takes: a choice among named values and a column
// number, each an error naming the key and what is allowed when it is neither.
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"

namespace retention::options {

inline constexpr int max_column = 999;

// The value as the user would see it in a message: its JSON, cut to 40 characters.
std::string shown_json(const nlohmann::json& value);

// The index of the option's value among the named choices (0, the default, when it is left out);
// anything else is an error naming the key and the choices.
std::size_t choice(const nlohmann::json& options, const char* key, std::initializer_list<const char*> names,
                   FieldErrors& errors);

// A zero-based column number from `lowest` to 999, or `fallback` when it is left out.
int column(const nlohmann::json& options, const char* key, int fallback, int lowest, FieldErrors& errors);

}  // namespace retention::options
