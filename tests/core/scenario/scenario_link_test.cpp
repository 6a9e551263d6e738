#include <gtest/gtest.h>

#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_link.hpp"

namespace retention {
namespace {

std::string message_of(std::string_view link) {
  Result<ScenarioDocument> result = scenario_from_link(link);
  return result.ok() ? "" : result.errors().front().message;
}

TEST(ScenarioLink, DefaultsMakeTheShortestLink) {
  EXPECT_EQ(scenario_to_link(ScenarioDocument{}), "1.e30");  // "{}"
  ASSERT_TRUE(scenario_from_link("1.e30").ok());
}

TEST(ScenarioLink, RoundTrips) {
  ScenarioDocument fitted;
  fitted.retention_curve = SbgParameters{0.704, 1.182};
  fitted.target_clv = 900;
  fitted.period = Period::year;
  for (const ScenarioDocument& d : {example_scenario_document(), fitted}) {
    const std::string link = scenario_to_link(d);
    Result<ScenarioDocument> back = scenario_from_link(link);
    ASSERT_TRUE(back.ok()) << link;
    EXPECT_EQ(scenario_document_to_json(back.value()), scenario_document_to_json(d));
    EXPECT_LT(link.size(), 400u);
  }
}

TEST(ScenarioLink, Base64url) {
  for (const std::string& text : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)}) {
    Result<std::string> back = base64url_decode(base64url_encode(text));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), text);
  }
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(ScenarioLink, DamagedLinksSaySo) {
  const std::string link = scenario_to_link(example_scenario_document());
  EXPECT_NE(message_of(link.substr(0, link.size() - 7)).find("damaged"), std::string::npos);
  EXPECT_NE(message_of(link.substr(0, link.size() - 1)).find("damaged"), std::string::npos);
  EXPECT_NE(message_of("1.ab<script>").find("a character a link cannot have"), std::string::npos);
  EXPECT_NE(message_of("1.<script>alert(1)</script>").find("damaged"), std::string::npos);
  EXPECT_NE(message_of("2." + link.substr(2)).find("another version"), std::string::npos);
  EXPECT_NE(message_of("hello").find("no version"), std::string::npos);
  EXPECT_NE(message_of(std::string(9000, 'A')).find("longer than any link"), std::string::npos);
  // Well-formed, but the values break the rules: the document's own message.
  const std::string bad = "1." + base64url_encode("{\"churn_percent\":150}");
  EXPECT_EQ(scenario_from_link(bad).errors().front().field, "churn_percent");
  const std::string unknown = "1." + base64url_encode("{\"<b>x</b>\":1}");
  EXPECT_NE(message_of(unknown).find("Unknown field"), std::string::npos);
}

}  // namespace
}  // namespace retention
