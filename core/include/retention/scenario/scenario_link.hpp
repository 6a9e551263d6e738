#pragma once
// A scenario as a share link: "1." followed by base64url of the JSON fields that differ from the
// defaults. The leading number is the link format's version. Decoding validates like an import:
// a damaged, truncated or tampered link is an error value with a message, never a crash.
#include <string>
#include <string_view>

#include "retention/common/result.hpp"
#include "retention/scenario/scenario.hpp"

namespace retention {

inline constexpr std::size_t max_link_length = 8000;

std::string scenario_to_link(const ScenarioDocument& document);
Result<ScenarioDocument> scenario_from_link(std::string_view link);

std::string base64url_encode(std::string_view bytes);
Result<std::string> base64url_decode(std::string_view text);

}  // namespace retention
