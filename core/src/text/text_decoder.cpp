#include "retention/text/text_decoder.hpp"

namespace retention {
namespace {

constexpr std::uint32_t replacement_character = 0xFFFD;

}  // namespace

std::string_view TextDecoder::decode(std::string_view bytes) {
  if (encoding_ == TextEncoding::undecided) {
    // Three bytes tell every mark apart; a file shorter than that is decided by finish().
    head_.append(bytes);
    if (head_.size() < 3) return {};
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head_[i]); };
    std::size_t mark = 0;
    if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) encoding_ = TextEncoding::utf8, mark = 3;
    else if (byte(0) == 0xFF && byte(1) == 0xFE) encoding_ = TextEncoding::utf16le, mark = 2;
    else if (byte(0) == 0xFE && byte(1) == 0xFF) encoding_ = TextEncoding::utf16be, mark = 2;
    else encoding_ = TextEncoding::utf8;
    out_.swap(head_);
    head_.clear();
    if (encoding_ == TextEncoding::utf8) {
      out_.erase(0, mark);
      return out_;
    }
    const std::string rest = out_.substr(mark);
    out_.clear();
    return convert_utf16(rest);
  }
  if (encoding_ == TextEncoding::utf8) return bytes;  // the hot path: no copy
  return convert_utf16(bytes);
}

std::string_view TextDecoder::finish() {
  if (encoding_ == TextEncoding::undecided) {
    // Fewer than three bytes in all: a UTF-16 mark alone is an empty file.
    const std::string head = std::move(head_);
    head_.clear();
    encoding_ = TextEncoding::utf8;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (head.size() == 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) return {};
    out_ = head;
    return out_;
  }
  out_.clear();
  if (high_surrogate_ != 0) append_code_point(replacement_character);  // a pair cut off by the end
  high_surrogate_ = 0;
  pending_byte_ = -1;
  return out_;
}

std::string_view TextDecoder::convert_utf16(std::string_view bytes) {
  out_.clear();
  out_.reserve(bytes.size() * 3 / 2 + 4);
  const bool little_endian = encoding_ == TextEncoding::utf16le;
  std::size_t i = 0;
  while (true) {
    unsigned first, second;
    if (pending_byte_ >= 0) {
      if (i >= bytes.size()) break;
      first = static_cast<unsigned>(pending_byte_), second = static_cast<unsigned char>(bytes[i]);
      pending_byte_ = -1, i += 1;
    } else {
      if (i + 1 >= bytes.size()) {
        if (i < bytes.size()) pending_byte_ = static_cast<unsigned char>(bytes[i]);
        break;
      }
      first = static_cast<unsigned char>(bytes[i]), second = static_cast<unsigned char>(bytes[i + 1]);
      i += 2;
    }
    const std::uint32_t unit = little_endian ? (second << 8 | first) : (first << 8 | second);
    if (high_surrogate_ != 0) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        append_code_point(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00));
        high_surrogate_ = 0;
        continue;
      }
      append_code_point(replacement_character);  // a high surrogate without its low half
      high_surrogate_ = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) high_surrogate_ = unit;
    else if (unit >= 0xDC00 && unit <= 0xDFFF) append_code_point(replacement_character);
    else append_code_point(unit);
  }
  return out_;
}

void TextDecoder::append_code_point(std::uint32_t c) {
  if (c < 0x80) {
    out_ += static_cast<char>(c);
  } else if (c < 0x800) {
    out_ += static_cast<char>(0xC0 | (c >> 6));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out_ += static_cast<char>(0xE0 | (c >> 12));
    out_ += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out_ += static_cast<char>(0xF0 | (c >> 18));
    out_ += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out_ += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace retention
