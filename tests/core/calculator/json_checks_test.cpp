// The JSON walker that the report tests rely on must itself be able to fail.
#include <gtest/gtest.h>

#include <limits>

#include "json_checks.hpp"

namespace retention::testing {
namespace {

using nlohmann::json;
using Problems = std::vector<std::string>;

TEST(JsonChecks, SoundDocumentHasNoProblems) {
  const json document = {{"a", 1.5}, {"list", {1, 2, 3}}, {"maybe", nullptr}};
  EXPECT_EQ(json_value_problems(document, {"/maybe"}), Problems{});
}

TEST(JsonChecks, FindsNaNAndInfinityThatTheTextWouldHide) {
  json document = {{"results", {{{"clv", std::numeric_limits<double>::quiet_NaN()}},
                                {{"clv", std::numeric_limits<double>::infinity()}}}}};
  // The text shows null, so a search for "NaN" in it finds nothing ...
  EXPECT_EQ(document.dump().find("NaN"), std::string::npos);
  // ... while the walk names both values.
  EXPECT_EQ(json_value_problems(document, {}),
            (Problems{"/results/0/clv: not a finite number", "/results/1/clv: not a finite number"}));
}

TEST(JsonChecks, NullIsAllowedOnlyAtDeclaredPaths) {
  const json document = {{"results", {{{"value", {{"ltv_to_cac", nullptr}, {"clv", nullptr}}}}}}};
  EXPECT_EQ(json_value_problems(document, {"/results/*/value/ltv_to_cac"}),
            Problems{"/results/0/value/clv: null where a value is required"});
}

TEST(JsonChecks, PatternsMatchWholePathsOnly) {
  EXPECT_TRUE(path_matches("/a/*/b", {"a", "7", "b"}));
  EXPECT_FALSE(path_matches("/a/*/b", {"a", "7", "b", "c"}));
  EXPECT_FALSE(path_matches("/a/*/b", {"a", "b"}));
  EXPECT_FALSE(path_matches("/a/*", {"ab", "1"}));
}

}  // namespace
}  // namespace retention::testing
