#include "retention/scenario/scenario_link.hpp"

#include <nlohmann/json.hpp>

#include "retention/calculator/report_json.hpp"
#include "retention/common/json_text.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "analysis_json.hpp"

namespace retention {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int link_version = 1;

FieldError damaged(const char* why) { return field_error("link", "link_damaged", {term_argument("why", why)}); }

// The fields of `full` that differ from `defaults`; nested objects (the analysis section's) field
// by field, so a link carries only the settings someone changed and no section left as it was.
nlohmann::json changes_from(const nlohmann::json& full, const nlohmann::json& defaults) {
  nlohmann::json changed = nlohmann::json::object();
  for (const auto& item : full.items()) {
    const auto standard = defaults.find(item.key());
    if (standard == defaults.end()) changed[item.key()] = item.value();
    else if (*standard == item.value()) continue;
    else if (item.value().is_object() && standard->is_object())
      changed[item.key()] = changes_from(item.value(), *standard);
    else changed[item.key()] = item.value();
  }
  return changed;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned b0 = static_cast<unsigned char>(bytes[i]);
    const unsigned b1 = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
    const unsigned b2 = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0;
    const unsigned triple = (b0 << 16) | (b1 << 8) | b2;
    out += alphabet[(triple >> 18) & 63];
    out += alphabet[(triple >> 12) & 63];
    if (i + 1 < bytes.size()) out += alphabet[(triple >> 6) & 63];
    if (i + 2 < bytes.size()) out += alphabet[triple & 63];
  }
  return out;
}

Result<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return damaged("link.cut_short");
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '-') value = 62;
    else if (c == '_') value = 63;
    if (value < 0) return damaged("link.bad_character");
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string scenario_to_link(const ScenarioDocument& document) {
  nlohmann::json full = scenario_document_to_json(document);
  full.erase("version");
  nlohmann::json defaults = scenario_document_to_json(ScenarioDocument{});
  defaults["analysis"] = analysis_to_json(AnalysisSettings{});  // a link reads a partial section over these
  const nlohmann::json changed = changes_from(full, defaults);
  return std::to_string(link_version) + "." + base64url_encode(to_json_text(changed));
}

Result<ScenarioDocument> scenario_from_link(std::string_view link) {
  if (link.size() > max_link_length) return damaged("link.too_long");
  const auto dot = link.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 4) return damaged("link.no_version");
  int version = 0;
  for (char c : link.substr(0, dot)) {
    if (c < '0' || c > '9') return damaged("link.version_not_number");
    version = version * 10 + (c - '0');
  }
  if (version != link_version)
    return field_error("link", "link_other_version", {number_argument("version", version)});
  Result<std::string> text = base64url_decode(link.substr(dot + 1));
  if (!text.ok()) return text.errors();
  json_parsing::Parsed parsed = json_parsing::parse_json_text(text.value());
  const nlohmann::json& changes = parsed.document;
  if (!parsed.ok || !changes.is_object()) return damaged("link.unreadable");
  nlohmann::json document = scenario_document_to_json(ScenarioDocument{});
  if (changes.contains("retention_percent")) document.erase("churn_percent");
  for (const auto& item : changes.items()) document[item.key()] = item.value();
  document["version"] = ScenarioDocument::current_version;
  return scenario_document_from_json(document);
}

}  // namespace retention
