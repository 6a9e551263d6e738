#pragma once
// Bytes of a file the user brings, as UTF-8 text: a UTF-8 byte-order mark is dropped, UTF-16LE
// and UTF-16BE with their mark (what Excel's "Unicode Text" writes) are converted. Fed in chunks
// as File.stream() gives them, so the mark, a code unit or a surrogate pair split between two
// chunks is completed by the next one.
#include <cstdint>
#include <string>
#include <string_view>

namespace retention {

enum class TextEncoding { undecided, utf8, utf16le, utf16be };

class TextDecoder {
 public:
  // The UTF-8 text of this chunk as far as it can be decoded; valid until the next call.
  std::string_view decode(std::string_view bytes);
  // What is left at the end of the input (a lone byte is dropped: no character was finished).
  std::string_view finish();
  TextEncoding encoding() const { return encoding_; }

 private:
  std::string_view convert_utf16(std::string_view bytes);
  void append_code_point(std::uint32_t code_point);

  TextEncoding encoding_ = TextEncoding::undecided;
  std::string head_;            // the first bytes, until the byte-order mark is known
  std::string out_;             // converted text (UTF-16 input only)
  int pending_byte_ = -1;       // the first byte of a UTF-16 code unit split between chunks
  std::uint32_t high_surrogate_ = 0;  // a UTF-16 high surrogate waiting for its low half
};

}  // namespace retention
