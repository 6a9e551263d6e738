#pragma once
// Conversions between core values and JS values, shared by the wasm modules' bindings.
#include <emscripten/val.h>
#include <malloc.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "retention/calculator/report_json.hpp"
#include "retention/common/result.hpp"

namespace retention::wasm {

using emscripten::val;

inline val parse_json(const nlohmann::json& value) {
  return val::global("JSON").call<val>("parse", retention::to_json_text(value));
}

inline val error_result(const retention::FieldErrors& errors) {
  val out = val::object();
  out.set("ok", false);
  out.set("errors", parse_json(retention::errors_to_json(errors)));
  return out;
}

// A copy of a column as a Float64Array (the wasm heap may move when it grows).
inline val float64_array(const std::vector<double>& column) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(column.size(), column.data()));
}

// The bytes of a Uint8Array as a string (one copy, into the wasm heap).
inline std::string bytes_of(val bytes) {
  const auto length = bytes["length"].as<unsigned>();
  std::string text(length, '\0');
  val(emscripten::typed_memory_view(length, reinterpret_cast<unsigned char*>(text.data()))).call<void>("set", bytes);
  return text;
}

// Bytes the allocator has handed out and not had back: a diagnostic, so tests can show that
// thousands of evaluations and imports leave the heap where they found it.
inline double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace retention::wasm
