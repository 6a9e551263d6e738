#pragma once
// Names a person reads (scenarios, programs, cohorts) must show as what they are. Control
// characters (C0, DEL, C1) and the text-direction overrides and isolates (U+202A to U+202E,
// U+2066 to U+2069) are invisible and can make a name show as other text, or reach a terminal
// as an escape sequence.
#include <string>
#include <string_view>

namespace retention {

// Whether the text holds any such character (a name typed into the scenario is refused).
bool has_hidden_characters(std::string_view text);

// The text without them (a name read from a file's header is cleaned, not refused).
std::string without_hidden_characters(std::string_view text);

}  // namespace retention
