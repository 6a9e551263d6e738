// libFuzzer target: any bytes as a share link. Decoding must never crash; a link that decodes
// must encode back to a link that decodes to the same document.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention/calculator/report_json.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_link.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view link(reinterpret_cast<const char*>(data), size);
  retention::Result<retention::ScenarioDocument> document = retention::scenario_from_link(link);
  if (!document.ok()) {
    if (document.errors().front().message.empty()) std::abort();
    retention::to_json_text(retention::errors_to_json(document.errors()));
    return 0;
  }
  const auto again = retention::scenario_from_link(retention::scenario_to_link(document.value()));
  if (!again.ok() || retention::scenario_document_to_json(again.value()) != retention::scenario_document_to_json(document.value()))
    std::abort();
  return 0;
}
