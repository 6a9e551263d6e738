#pragma once
// Conversions between core values and JS values, shared by the wasm modules' bindings. Every
// entry point takes one options object and answers {ok: true, ...} or {ok: false, errors:
// [{field, code, args, message}]}; the readers below never throw on a field left out or of the
// wrong kind, so the core's errors say what is wrong.
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

inline val ok_result() {
  val out = val::object();
  out.set("ok", true);
  return out;
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

// A field of an entry point's options object; undefined when it is left out or when the options
// are no object at all (a string, a number: an old positional call).
inline val option(const val& options, const char* key) {
  if (options.isUndefined() || options.isNull()) return val::undefined();
  return options[key];
}

// A document field (a scenario, analysis or import options) as the JSON text the core reads: the
// document is given as an object or as its JSON text, everywhere. Left out, it is no text, which
// the core's parser reports as it reports any text that is not JSON.
inline std::string json_text(const val& document) {
  if (document.isString()) return document.as<std::string>();
  if (document.isUndefined()) return std::string();
  val text = val::global("JSON").call<val>("stringify", document);
  return text.isString() ? text.as<std::string>() : std::string();
}

// A text field (a share link, a table pasted as text); anything but a string reads as no text.
inline std::string text_option(const val& options, const char* key) {
  val value = option(options, key);
  return value.isString() ? value.as<std::string>() : std::string();
}

// A file's bytes field: a Uint8Array, copied into the wasm heap; anything else is an error that
// names the field.
inline retention::Result<std::string> bytes_option(const val& options, const char* key = "bytes") {
  val bytes = option(options, key);
  if (!bytes.instanceof(val::global("Uint8Array"))) return retention::field_error(key, "bytes_not_uint8array");
  return bytes_of(bytes);
}

// Bytes the allocator has handed out and not had back: a diagnostic, so tests can show that
// thousands of evaluations and imports leave the heap where they found it.
inline double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace retention::wasm
