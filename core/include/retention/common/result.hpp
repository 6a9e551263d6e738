#pragma once
// Error values instead of exceptions: nothing may throw across the wasm boundary
// (emcc builds without exception support), so every fallible step returns a Result.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "retention/common/message.hpp"

namespace retention {

// One problem with one input. `field` is the JSON key (e.g. "churn_percent" or
// "scenarios[1].cac"); `code` and `arguments` say what is wrong in any language, `message` in
// English: a sentence that names the field and what is allowed.
struct FieldError {
  std::string field;
  std::string code;
  MessageArguments arguments;
  std::string message;
};

// The FieldError for a message code, with its English sentence.
FieldError field_error(std::string field, std::string_view code, MessageArguments arguments = {});

using FieldErrors = std::vector<FieldError>;

template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}                   // NOLINT: implicit on purpose
  Result(FieldErrors errors) : state_(std::move(errors)) {}       // NOLINT
  Result(FieldError error) : state_(FieldErrors{std::move(error)}) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const FieldErrors& errors() const { return std::get<FieldErrors>(state_); }

 private:
  std::variant<T, FieldErrors> state_;
};

}  // namespace retention
