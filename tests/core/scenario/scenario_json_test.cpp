// Every invalid input comes back as an error naming its field, never as a throw or a NaN.
#include <gtest/gtest.h>

#include <cmath>

#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {
namespace {

using nlohmann::json;

json valid_document() { return scenario_document_to_json(ScenarioDocument{}); }

// The fields named by the errors of parsing `document`.
std::vector<std::string> error_fields(const json& document) {
  Result<ScenarioDocument> result = scenario_document_from_json(document);
  std::vector<std::string> fields;
  if (!result.ok())
    for (const FieldError& e : result.errors()) fields.push_back(e.field);
  return fields;
}

std::string first_message(const json& document) {
  Result<ScenarioDocument> result = scenario_document_from_json(document);
  return result.ok() ? "" : result.errors().front().message;
}

TEST(ScenarioJson, DefaultDocumentRoundTrips) {
  ScenarioDocument original;
  original.target_clv = 750;
  original.scenarios.push_back({"Loyalty", -1.0, std::nullopt, 55.0, std::nullopt, 4.0, std::nullopt});
  const json text = scenario_document_to_json(original);
  Result<ScenarioDocument> parsed = parse_scenario_document(text.dump());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(scenario_document_to_json(parsed.value()), text);
  EXPECT_EQ(parsed.value().scenarios[0].name, "Loyalty");
  EXPECT_EQ(parsed.value().scenarios[0].revenue_per_customer, 55.0);
  EXPECT_FALSE(parsed.value().scenarios[0].cac.has_value());
}

TEST(ScenarioJson, RetentionMayReplaceChurn) {
  json d = valid_document();
  d.erase("churn_percent");
  d["retention_percent"] = 92.5;
  Result<ScenarioDocument> parsed = scenario_document_from_json(d);
  ASSERT_TRUE(parsed.ok());
  EXPECT_DOUBLE_EQ(parsed.value().churn_percent, 7.5);
  d["churn_percent"] = 7.5;
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"churn_percent"});
}

TEST(ScenarioJson, MalformedTextIsAnError) {
  for (const char* text : {"", "{", "{\"version\": 1,}", "[1,2]", "\"hello\"", "{\"version\":1", "nan"}) {
    Result<ScenarioDocument> parsed = parse_scenario_document(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_FALSE(parsed.errors().front().message.empty());
  }
}

TEST(ScenarioJson, VersionIsRequiredAndChecked) {
  json d = valid_document();
  d["version"] = 4;
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"version"});
  EXPECT_NE(first_message(d).find("versions 1 to 3"), std::string::npos);
  d["version"] = 0;
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"version"});
  d["version"] = 1;  // before the plan: still read, but a plan in it is unknown
  EXPECT_TRUE(error_fields(d).empty());
  d["plan"] = json::object();
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"plan"});
  d["version"] = 2;
  EXPECT_TRUE(error_fields(d).empty());
  d.erase("version");
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"version"});
}

struct BadValue {
  const char* field;
  json value;
  const char* message_part;
};

class InvalidField : public ::testing::TestWithParam<BadValue> {};

TEST_P(InvalidField, NamesTheFieldAndWhatIsAllowed) {
  const BadValue& bad = GetParam();
  json d = valid_document();
  d[bad.field] = bad.value;
  EXPECT_EQ(error_fields(d), std::vector<std::string>{bad.field});
  const std::string message = first_message(d);
  EXPECT_NE(message.find(field_label(bad.field)), std::string::npos) << message;
  EXPECT_NE(message.find(bad.message_part), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, InvalidField,
    ::testing::Values(BadValue{"revenue_per_customer", -1, "from 0 to 1,000,000,000"},
                      BadValue{"revenue_per_customer", "abc", "must be a number, not the text \"abc\""},
                      BadValue{"revenue_per_customer", "NaN", "must be a number"},
                      BadValue{"revenue_per_customer", nullptr, "not nothing (null)"},
                      BadValue{"gross_margin_percent", 101, "from 0 to 100%"},
                      BadValue{"churn_percent", -0.5, "from 0 to 100%"},
                      BadValue{"churn_percent", 100.01, "(got 100.01)"},
                      BadValue{"annual_discount_rate_percent", true, "must be a number, not true"},
                      BadValue{"cac", json::array({1}), "not a list"},
                      BadValue{"retention_spend_per_customer", -3, "from 0"},
                      BadValue{"starting_customers", 2e10, "to 10,000,000,000"},
                      BadValue{"new_customers_per_period", -1, "from 0"},
                      BadValue{"horizon_periods", 601, "from 1 to 600"},
                      BadValue{"horizon_periods", 0, "from 1 to 600"},
                      BadValue{"horizon_periods", 12.5, "whole number"},
                      BadValue{"currency", "usd", "three-letter"},
                      BadValue{"currency", 840, "must be text"},
                      BadValue{"period", "week", "\"month\", \"year\""},
                      BadValue{"timing", "whenever", "\"start_of_period\""},
                      BadValue{"target_ltv_to_cac", 0, "above 0"},
                      BadValue{"target_clv", -10, "above 0"},
                      BadValue{"churn_reduction_from_retention_spend_points", 99, "at most 100 minus the churn"}));

TEST(ScenarioJson, MissingFieldIsRequired) {
  json d = valid_document();
  d.erase("cac");
  d.erase("horizon_periods");
  EXPECT_EQ(error_fields(d), (std::vector<std::string>{"cac", "horizon_periods"}));
  EXPECT_EQ(first_message(d), "Customer acquisition cost (CAC) is required.");
}

TEST(ScenarioJson, AllBadFieldsAreReportedAtOnce) {
  json d = valid_document();
  d["cac"] = -1;
  d["churn_percent"] = 120;
  d["revenue_per_customer"] = "x";
  EXPECT_EQ(error_fields(d), (std::vector<std::string>{"revenue_per_customer", "churn_percent", "cac"}));
}

TEST(ScenarioJson, UnknownFieldIsRejected) {
  json d = valid_document();
  d["churn_pct"] = 5;
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"churn_pct"});
  EXPECT_NE(first_message(d).find("spelling"), std::string::npos);
}

TEST(ScenarioJson, ZeroChurnWithoutHorizonOrDiscount) {
  json d = valid_document();
  d["churn_percent"] = 0;
  d["annual_discount_rate_percent"] = 0;
  d["clv_basis"] = "lifetime";
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"churn_percent"});
  EXPECT_NE(first_message(d).find("infinite"), std::string::npos);
  d["clv_basis"] = "horizon";
  EXPECT_TRUE(error_fields(d).empty());
  d["clv_basis"] = "lifetime";
  d["annual_discount_rate_percent"] = 5;
  EXPECT_TRUE(error_fields(d).empty());
}

TEST(ScenarioJson, ScenarioErrorsNameTheScenarioField) {
  json d = valid_document();
  d["churn_percent"] = 5;
  d["scenarios"] = json::array({{{"name", "Good"}, {"churn_change_points", -1}},
                                {{"name", "Too far"}, {"churn_change_points", -6}},
                                {{"name", ""}, {"cac", 10}},
                                {{"name", "Both"}, {"churn_change_points", -1}, {"churn_change_percent", -10}},
                                {{"name", "Typo"}, {"revenue", 10}},
                                {{"name", "Bad CAC"}, {"cac", "cheap"}}});
  EXPECT_EQ(error_fields(d),
            (std::vector<std::string>{"scenarios[4].revenue", "scenarios[5].cac", "scenarios[1].churn_change_points",
                                      "scenarios[2].name", "scenarios[3].churn_change_points"}));
  d["scenarios"] = json::array({{{"name", "Double churn"}, {"churn_change_percent", 100}}});
  EXPECT_TRUE(error_fields(d).empty());
  d["scenarios"] = json::array({{{"name", "x"}, {"churn_change_percent", 1900}}});
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"scenarios[0].churn_change_percent"});
}

TEST(ScenarioJson, ScenarioCountAndShapeAreLimited) {
  json d = valid_document();
  d["scenarios"] = json::array();
  for (int i = 0; i < 9; ++i) d["scenarios"].push_back({{"name", "S" + std::to_string(i)}});
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"scenarios"});
  d["scenarios"] = "none";
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"scenarios"});
  d["scenarios"] = json::array({42});
  EXPECT_EQ(error_fields(d), std::vector<std::string>{"scenarios[0]"});
}

TEST(ScenarioJson, LongUnicodeTextIsShortenedSafely) {
  // A 3-byte character straddling the cut must not leave broken UTF-8 in the message.
  json d = valid_document();
  d["cac"] = std::string(19, 'a') + "\xe2\x82\xac and more";
  const std::string message = first_message(d);
  EXPECT_NE(message.find("aaa..."), std::string::npos) << message;
  EXPECT_NO_FATAL_FAILURE(json(message).dump());
}

TEST(Validation, NonFiniteNumbersFromCode) {
  ScenarioDocument d;
  d.churn_percent = NAN;
  d.cac = INFINITY;
  FieldErrors errors = validate(d);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "churn_percent");
  EXPECT_NE(errors[0].message.find("not-a-number"), std::string::npos);
  EXPECT_EQ(errors[1].field, "cac");
}

TEST(Validation, FormatNumber) {
  EXPECT_EQ(format_number(1e9), "1,000,000,000");
  EXPECT_EQ(format_number(-1234), "-1,234");
  EXPECT_EQ(format_number(0.25), "0.25");
  EXPECT_EQ(format_number(100.01), "100.01");
}

}  // namespace
}  // namespace retention

namespace retention {
namespace {

TEST(ScenarioJson, ANumberBeyondRangeIsSaidToBeSoNotCalledInvalidJson) {
  auto result = parse_scenario_document(R"({"version": 2, "cac": 1e400})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().code, "number_out_of_range");
  EXPECT_NE(result.errors().front().message.find("1e400"), std::string::npos) << result.errors().front().message;
  EXPECT_EQ(parse_scenario_document(R"({"version": 2,)").errors().front().code, "invalid_json");
}

TEST(ScenarioJson, NamesWithControlOrDirectionOverrideCharactersAreRefused) {
  for (const char* name : {"Promo\x07", "Tab\tname", "\xE2\x80\xAEreversed", "iso\xE2\x81\xA6late", "c1\xC2\x85"}) {
    json d = valid_document();
    d["scenarios"] = json::array({{{"name", name}, {"churn_change_points", -1}}});
    auto result = scenario_document_from_json(d);
    ASSERT_FALSE(result.ok()) << name;
    EXPECT_EQ(result.errors().front().field, "scenarios[0].name");
    EXPECT_EQ(result.errors().front().code, "name_hidden_characters");
    EXPECT_NE(result.errors().front().message.find("Scenario name cannot hold"), std::string::npos);
  }
  json d = valid_document();
  d["scenarios"] = json::array({{{"name", "\xD8\xB1\xD8\xB9\xD8\xA7\xDB\x8C\xD8\xAA"}, {"churn_change_points", -1}}});  // Urdu is fine
  EXPECT_TRUE(scenario_document_from_json(d).ok());
}

}  // namespace
}  // namespace retention
