#include "common/option_fields.hpp"

namespace retention::options {


// The value as the user would see it in a message: its JSON, cut to 40 characters. One function,
// not inlined into every check (the serializer is large).
std::string shown_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace).substr(0, 40);
}

// The index of the option's value among the named choices (0, the default, when it is left out);
// anything else is an error naming the key and the choices.
std::size_t choice(const nlohmann::json& options, const char* key, std::initializer_list<const char*> names,
                   FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return 0;
  std::string allowed;
  std::size_t index = 0;
  for (const char* name : names) {
    if (it->is_string() && it->get_ref<const std::string&>() == name) return index;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    ++index;
  }
  errors.push_back(field_error(key, "import_option_invalid",
                               {text_argument("key", key), text_argument("allowed", allowed), text_argument("got", shown_json(*it))}));
  return 0;
}

int column(const nlohmann::json& options, const char* key, int fallback, int lowest, FieldErrors& errors) {
  auto it = options.find(key);
  if (it == options.end()) return fallback;
  if (it->is_number_integer() && it->get<long long>() >= lowest && it->get<long long>() <= max_column)
    return static_cast<int>(it->get<long long>());
  errors.push_back(field_error(key, "import_column_invalid",
                               {text_argument("key", key), number_argument("low", lowest), number_argument("high", max_column),
                                text_argument("got", shown_json(*it))}));
  return fallback;
}


}  // namespace retention::options
