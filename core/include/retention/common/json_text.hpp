#pragma once
// JSON text parsed by one parser for the whole core and every module. json::parse instantiates
// nlohmann's parser twice per input type (with and without a callback), and telling why text
// failed took a second pass of a third; this one pass through the virtual json_sax interface
// builds the same document (with nlohmann's own DOM builder) and keeps the first error.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace retention::json_parsing {

struct Parsed {
  nlohmann::json document;  // as json::parse builds it; unspecified when !ok
  bool ok = false;
  bool number_overflow = false;  // the error was a number beyond a double's range (1e400)
  std::string token;             // the text at the error
};

class DocumentBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DocumentBuilder(Parsed& out) : out_(out), dom_(out.document, false) {}
  bool null() override { return dom_.null(); }
  bool boolean(bool value) override { return dom_.boolean(value); }
  bool number_integer(number_integer_t value) override { return dom_.number_integer(value); }
  bool number_unsigned(number_unsigned_t value) override { return dom_.number_unsigned(value); }
  bool number_float(number_float_t value, const string_t& text) override { return dom_.number_float(value, text); }
  bool string(string_t& value) override { return dom_.string(value); }
  bool binary(binary_t& value) override { return dom_.binary(value); }
  bool start_object(std::size_t size) override { return dom_.start_object(size); }
  bool key(string_t& value) override { return dom_.key(value); }
  bool end_object() override { return dom_.end_object(); }
  bool start_array(std::size_t size) override { return dom_.start_array(size); }
  bool end_array() override { return dom_.end_array(); }
  bool parse_error(std::size_t, const std::string& last_token, const nlohmann::detail::exception& e) override {
    out_.number_overflow = e.id == 406;  // out_of_range.406: number overflow
    out_.token = last_token;
    return false;
  }

 private:
  Parsed& out_;
  nlohmann::detail::json_sax_dom_parser<nlohmann::json> dom_;
};

// The whole text must be one JSON value (as json::parse in strict mode, without comments).
inline Parsed parse_json_text(std::string_view text) {
  Parsed out;
  DocumentBuilder builder(out);
  out.ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &builder);
  return out;
}

// As json::parse(text, nullptr, false): the document, or a discarded value for text that is not JSON.
inline nlohmann::json parse_or_discarded(std::string_view text) {
  Parsed parsed = parse_json_text(text);
  return parsed.ok ? std::move(parsed.document) : nlohmann::json(nlohmann::json::value_t::discarded);
}

}  // namespace retention::json_parsing
