// Bytes to UTF-8: byte-order marks, UTF-16 in both byte orders, and chunks cut anywhere.
#include <gtest/gtest.h>

#include <string>

#include "retention/text/text_decoder.hpp"

namespace retention {
namespace {

// UTF-16 code units written by hand: "Aé😀\n" is 0041 00E9 D83D DE00 000A.
const std::string utf8_text = "A\xC3\xA9\xF0\x9F\x98\x80\n";
const std::string utf16le = std::string("\xFF\xFE" "A\0" "\xE9\0" "\x3D\xD8" "\x00\xDE" "\n\0", 12);
const std::string utf16be = std::string("\xFE\xFF" "\0A" "\0\xE9" "\xD8\x3D" "\xDE\x00" "\0\n", 12);

std::string decode_in_pieces(std::string_view bytes, const std::vector<std::size_t>& cuts) {
  TextDecoder decoder;
  std::string out;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    out += decoder.decode(bytes.substr(from, cut - from));
    from = cut;
  }
  out += decoder.decode(bytes.substr(from));
  out += decoder.finish();
  return out;
}

TEST(TextDecoder, Utf16WithItsMarkBecomesUtf8WhereverTheChunksAreCut) {
  for (const std::string* bytes : {&utf16le, &utf16be}) {
    EXPECT_EQ(decode_in_pieces(*bytes, {}), utf8_text);
    for (std::size_t cut = 1; cut < bytes->size(); ++cut) EXPECT_EQ(decode_in_pieces(*bytes, {cut}), utf8_text) << cut;
    std::vector<std::size_t> every;
    for (std::size_t at = 1; at < bytes->size(); ++at) every.push_back(at);
    EXPECT_EQ(decode_in_pieces(*bytes, every), utf8_text);
  }
}

TEST(TextDecoder, AUtf8MarkIsDroppedAndPlainUtf8PassesThrough) {
  const std::string marked = "\xEF\xBB\xBF" + utf8_text;
  for (std::size_t cut = 1; cut < marked.size(); ++cut) EXPECT_EQ(decode_in_pieces(marked, {cut}), utf8_text) << cut;
  EXPECT_EQ(decode_in_pieces(utf8_text, {1}), utf8_text);
  EXPECT_EQ(decode_in_pieces("ab", {}), "ab");  // shorter than any mark
  EXPECT_EQ(decode_in_pieces("\xFF\xFE", {}), "");
  EXPECT_EQ(decode_in_pieces("", {}), "");
}

TEST(TextDecoder, BrokenSurrogatesBecomeReplacementCharacters) {
  // A low surrogate alone, then a high surrogate cut off by the end of the file.
  const std::string bytes("\xFF\xFE" "\x00\xDC" "B\0" "\x3D\xD8", 8);
  EXPECT_EQ(decode_in_pieces(bytes, {}), "\xEF\xBF\xBD" "B" "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace retention
