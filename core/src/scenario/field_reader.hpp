#pragma once
// Reads the fields of a JSON object with one error per bad field (private to the core's JSON
// readers: the scenario document and its plan).
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/planner/strategy_plan.hpp"

namespace retention::json_reading {

using nlohmann::json;

// Shortens text for a message without cutting a UTF-8 character in half (the JSON writer
// rejects broken UTF-8).
inline std::string shorten(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

// What a JSON value is, as message arguments: {actual} and, for text, its {value}.
inline MessageArguments describe_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return {term_argument("actual", "type.null")};
    case json::value_t::boolean: return {text_argument("actual", value.get<bool>() ? "true" : "false")};
    case json::value_t::string:
      return {term_argument("actual", "type.text_value"), text_argument("value", shorten(value.get<std::string>(), 20))};
    case json::value_t::array: return {term_argument("actual", "type.list")};
    case json::value_t::object: return {term_argument("actual", "type.object")};
    default: return {term_argument("actual", "type.number")};
  }
}

// Reads the fields of one JSON object, collecting an error per bad field.
class FieldReader {
 public:
  FieldReader(const json& object, std::string prefix, FieldErrors& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  void reject_unknown(std::initializer_list<std::string_view> known) {
    for (const auto& item : object_.items()) {
      bool found = false;
      for (auto key : known) found = found || item.key() == key;
      if (!found) {
        add(shorten(item.key(), 40), "unknown_field", {text_argument("key", shorten(item.key(), 40))});
      }
    }
  }

  bool has(const char* key) const { return object_.contains(key); }

  std::optional<double> number(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_number()) return wrong_type(key, "type.number", *value);
    double number = value->get<double>();
    if (!std::isfinite(number)) {
      add(key, "not_finite", {label_argument(key)});
      return std::nullopt;
    }
    return number;
  }

  // A number, or a range {"low", "likely", "high"} of numbers (order is checked by validation).
  std::optional<Uncertain> uncertain(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (value->is_number()) {
      auto number = this->number(key, true);
      return number ? std::optional<Uncertain>(Uncertain::exactly(*number)) : std::nullopt;
    }
    const char* parts[] = {"low", "likely", "high"};
    double numbers[3] = {};
    bool ok = value->is_object() && value->size() == 3;
    for (int i = 0; ok && i < 3; ++i) {
      auto it = value->find(parts[i]);
      ok = it != value->end() && it->is_number() && std::isfinite(it->get<double>());
      if (ok) numbers[i] = it->get<double>();
    }
    if (!ok) {
      add(key, "not_number_or_range", {label_argument(key)});
      return std::nullopt;
    }
    return Uncertain{numbers[1], numbers[0], numbers[2]};
  }

  // A whole number; one beyond [low, high] is refused here only when it would not fit an int
  // (validation names the limits of the rest), and with those limits, not as "not whole".
  std::optional<int> integer(const char* key, bool required, int low, int high) {
    auto value = number(key, required);
    if (!value) return std::nullopt;
    if (*value != std::floor(*value)) {
      MessageArguments arguments = got_arguments(*value);
      arguments.push_back(label_argument(key));
      add(key, "not_whole_number", std::move(arguments));
      return std::nullopt;
    }
    if (std::fabs(*value) > 1e9) {
      MessageArguments arguments = got_arguments(*value);
      arguments.insert(arguments.end(), {label_argument(key), number_argument("low", low), number_argument("high", high)});
      add(key, "out_of_range", std::move(arguments));
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<bool> boolean(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) return wrong_type(key, "type.boolean", *value);
    return value->get<bool>();
  }

  std::optional<std::string> text(const char* key, bool required) {
    const json* value = find(key, required);
    if (!value) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, "type.text", *value);
    return value->get<std::string>();
  }

  // A nested object (absent or null: nullptr) or list (absent: nullptr), or an error naming the key.
  const json* object(const char* key) { return nested(key, &json::is_object, "type.object", true); }
  const json* list(const char* key) { return nested(key, &json::is_array, "type.list", false); }

  // One of a fixed set of words; returns the index of the word.
  std::optional<std::size_t> choice(const char* key, bool required, std::initializer_list<const char*> words) {
    auto word = text(key, required);
    if (!word) return std::nullopt;
    std::size_t index = 0;
    std::string allowed;
    for (const char* candidate : words) {
      if (*word == candidate) return index;
      allowed += (index ? ", " : "") + std::string("\"") + candidate + "\"";
      ++index;
    }
    add(key, "not_one_of", {label_argument(key), text_argument("allowed", allowed)});
    return std::nullopt;
  }

  void add(const std::string& key, std::string_view code, MessageArguments arguments = {}) {
    errors_.push_back(field_error(prefix_ + key, code, std::move(arguments)));
  }

 private:
  const json* find(const char* key, bool required) {
    auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) add(key, "required", {label_argument(key)});
      return nullptr;
    }
    return &*it;
  }

  const json* nested(const char* key, bool (json::*is_kind)() const noexcept, const char* expected, bool null_is_absent) {
    const json* value = find(key, false);
    if (!value || (null_is_absent && value->is_null())) return nullptr;
    if ((value->*is_kind)()) return value;
    wrong_type(key, expected, *value);
    return nullptr;
  }

  std::nullopt_t wrong_type(const char* key, const char* expected, const json& value) {
    MessageArguments arguments = describe_type(value);
    arguments.push_back(label_argument(key));
    arguments.push_back(term_argument("expected", expected));
    add(key, "wrong_type", std::move(arguments));
    return std::nullopt;
  }

  const json& object_;
  std::string prefix_;
  FieldErrors& errors_;
};

template <class T>
void assign(T& target, const std::optional<T>& value) {
  if (value) target = *value;
}

}  // namespace retention::json_reading
