#include "retention/text/visible_text.hpp"

namespace retention {
namespace {

// The length in bytes of the hidden character at text[i], or 0 for a visible one.
std::size_t hidden_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  const unsigned c = byte(0);
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) return 2;                  // C1 controls
  if (c == 0xE2 && byte(1) == 0x80 && byte(2) >= 0xAA && byte(2) <= 0xAE) return 3;  // U+202A..U+202E
  if (c == 0xE2 && byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9) return 3;  // U+2066..U+2069
  return 0;
}

}  // namespace

bool has_hidden_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (hidden_at(text, i)) return true;
  return false;
}

std::string without_hidden_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t hidden = hidden_at(text, i);
    if (hidden) {
      i += hidden;
      continue;
    }
    out += text[i++];
  }
  return out;
}

}  // namespace retention
