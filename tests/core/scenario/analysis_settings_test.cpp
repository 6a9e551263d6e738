// The analyst panels' settings in the scenario document (version 3): they survive JSON, a share
// link and an older document's absence of them, and every bad value is refused with its field
// and its limits named.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "retention/repeat_buying/purchase_model.hpp"
#include "retention/scenario/scenario_json.hpp"
#include "retention/scenario/scenario_link.hpp"
#include "retention/scenario/scenario_validation.hpp"

namespace retention {
namespace {

using nlohmann::json;

// Every setting away from its default.
AnalysisSettings changed_settings() {
  AnalysisSettings a;
  a.band_draws = 400;
  a.band_seed = 4294967295;  // the largest: beyond an int, exact in JSON
  a.cohorts.calibration_periods = 7;
  a.transactions.time_unit = TimeUnit::month;
  a.transactions.prediction_units = 12;
  a.transactions.annual_discount_rate_percent = 8.5;
  a.transactions.margin_percent = 35;
  a.transactions.purchase_model = PurchaseModelChoice::pareto_nbd;
  a.transactions.inactive_units = 9;
  a.opportunities.future_opportunities = 3;
  a.opportunities.discount_rate_percent = 12.5;
  return a;
}

json document_with_analysis(const json& analysis) {
  json d = scenario_document_to_json(ScenarioDocument{});
  d["analysis"] = analysis;
  return d;
}

std::vector<FieldError> errors_of(const json& document) {
  Result<ScenarioDocument> result = scenario_document_from_json(document);
  return result.ok() ? std::vector<FieldError>{} : result.errors();
}

TEST(AnalysisSettings, EverySettingSurvivesJson) {
  ScenarioDocument original;
  original.analysis = changed_settings();
  const json text = scenario_document_to_json(original);
  EXPECT_EQ(text["version"], 3);
  Result<ScenarioDocument> parsed = parse_scenario_document(text.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.errors().front().message;
  ASSERT_TRUE(parsed.value().analysis);
  const AnalysisSettings& a = *parsed.value().analysis;
  const AnalysisSettings expected = changed_settings();
  EXPECT_EQ(a.band_draws, expected.band_draws);
  EXPECT_EQ(a.band_seed, expected.band_seed);
  EXPECT_EQ(a.cohorts.calibration_periods, expected.cohorts.calibration_periods);
  EXPECT_EQ(a.transactions.time_unit, expected.transactions.time_unit);
  EXPECT_EQ(a.transactions.prediction_units, expected.transactions.prediction_units);
  EXPECT_EQ(a.transactions.annual_discount_rate_percent, expected.transactions.annual_discount_rate_percent);
  EXPECT_EQ(a.transactions.margin_percent, expected.transactions.margin_percent);
  EXPECT_EQ(a.transactions.purchase_model, expected.transactions.purchase_model);
  EXPECT_EQ(a.transactions.inactive_units, expected.transactions.inactive_units);
  EXPECT_EQ(a.opportunities.future_opportunities, expected.opportunities.future_opportunities);
  EXPECT_EQ(a.opportunities.discount_rate_percent, expected.opportunities.discount_rate_percent);
  EXPECT_EQ(scenario_document_to_json(parsed.value()), text);
}

TEST(AnalysisSettings, LeftOutSettingsTakeThePanelsDefaults) {
  Result<ScenarioDocument> parsed = scenario_document_from_json(document_with_analysis({{"band_seed", 42}}));
  ASSERT_TRUE(parsed.ok());
  const AnalysisSettings& a = *parsed.value().analysis;
  EXPECT_EQ(a.band_seed, 42u);
  EXPECT_EQ(a.band_draws, 200);
  EXPECT_EQ(a.transactions.time_unit, TimeUnit::week);
  EXPECT_EQ(a.transactions.prediction_units, 52);
  EXPECT_FALSE(a.transactions.margin_percent);  // follows the calculator's
  EXPECT_FALSE(a.cohorts.calibration_periods);  // every period
  EXPECT_EQ(a.opportunities.future_opportunities, 5);
  // No section at all: no settings, and none written back.
  Result<ScenarioDocument> without = scenario_document_from_json(scenario_document_to_json(ScenarioDocument{}));
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without.value().analysis);
  EXPECT_FALSE(scenario_document_to_json(without.value()).contains("analysis"));
}

TEST(AnalysisSettings, OlderVersionsStillLoadAndHaveNoSuchSection) {
  for (int version : {1, 2}) {
    json d = scenario_document_to_json(example_scenario_document());
    d["version"] = version;
    Result<ScenarioDocument> parsed = scenario_document_from_json(d);
    ASSERT_TRUE(parsed.ok()) << version;
    EXPECT_FALSE(parsed.value().analysis);
    EXPECT_EQ(parsed.value().scenarios.size(), 1u);
    d["analysis"] = {{"band_seed", 2}};
    const std::vector<FieldError> errors = errors_of(d);
    ASSERT_EQ(errors.size(), 1u) << version;
    EXPECT_EQ(errors[0].field, "analysis");
    EXPECT_EQ(errors[0].code, "unknown_field");
  }
  // A version 2 document with a plan: the plan is read, and written back as version 3.
  json v2 = scenario_document_to_json(ScenarioDocument{});
  v2["version"] = 2;
  v2["plan"] = {{"programs", json::array()}, {"draws", 500}, {"seed", 9}};
  Result<ScenarioDocument> parsed = scenario_document_from_json(v2);
  ASSERT_TRUE(parsed.ok());
  ASSERT_TRUE(parsed.value().plan);
  EXPECT_EQ(parsed.value().plan->seed, 9u);
  EXPECT_EQ(scenario_document_to_json(parsed.value())["version"], 3);
}

struct BadSetting {
  json analysis;
  const char* field;
  const char* code;
  const char* message_part;  // what is allowed, or the value refused
};

class InvalidSetting : public ::testing::TestWithParam<BadSetting> {};

TEST_P(InvalidSetting, NamesTheFieldAndWhatIsAllowed) {
  const BadSetting& bad = GetParam();
  const std::vector<FieldError> errors = errors_of(document_with_analysis(bad.analysis));
  ASSERT_EQ(errors.size(), 1u) << bad.analysis.dump();
  EXPECT_EQ(errors[0].field, bad.field);
  EXPECT_EQ(errors[0].code, bad.code);
  const std::string field = bad.field;
  const std::string label = field_label(field.substr(field.rfind('.') + 1));
  if (errors[0].code != "unknown_field") {  // an unknown key has no label: the message quotes it
    EXPECT_NE(label, field.substr(field.rfind('.') + 1)) << "no label for " << field;
    EXPECT_NE(errors[0].message.find(label), std::string::npos) << errors[0].message;
  }
  EXPECT_NE(errors[0].message.find(bad.message_part), std::string::npos) << errors[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, InvalidSetting,
    ::testing::Values(
        BadSetting{{{"band_seed", -1}}, "analysis.band_seed", "out_of_range", "from 0 to 4,294,967,295 (got -1)"},
        BadSetting{{{"band_seed", 4294967296.0}}, "analysis.band_seed", "out_of_range", "to 4,294,967,295"},
        BadSetting{{{"band_seed", 1.5}}, "analysis.band_seed", "not_whole_number", "whole number (got 1.5)"},
        BadSetting{{{"band_seed", "seven"}}, "analysis.band_seed", "wrong_type", "\"seven\""},
        BadSetting{{{"band_draws", 5001}}, "analysis.band_draws", "out_of_range", "from 0 to 5,000"},
        BadSetting{{{"band_draws", -1}}, "analysis.band_draws", "out_of_range", "from 0 to 5,000"},
        BadSetting{{{"band_draws", 2.5}}, "analysis.band_draws", "not_whole_number", "whole number"},
        BadSetting{{{"cohorts", {{"calibration_periods", 1001}}}}, "analysis.cohorts.calibration_periods",
                   "out_of_range", "from 0 to 1,000"},
        BadSetting{{{"transactions", {{"prediction_units", 0}}}}, "analysis.transactions.prediction_units",
                   "out_of_range", "from 1 to 1,000"},
        BadSetting{{{"transactions", {{"time_unit", "year"}}}}, "analysis.transactions.time_unit", "not_one_of",
                   "\"week\", \"day\", \"month\""},
        BadSetting{{{"transactions", {{"purchase_model", "bgnbd"}}}}, "analysis.transactions.purchase_model",
                   "not_one_of", "\"pareto_nbd\""},
        BadSetting{{{"transactions", {{"margin_percent", 120}}}}, "analysis.transactions.margin_percent",
                   "out_of_range_percent", "from 0 to 100%"},
        BadSetting{{{"transactions", {{"annual_discount_rate_percent", -1}}}},
                   "analysis.transactions.annual_discount_rate_percent", "out_of_range_percent", "from 0 to 100%"},
        BadSetting{{{"transactions", {{"inactive_units", 10001}}}}, "analysis.transactions.inactive_units",
                   "out_of_range", "to 10,000"},
        BadSetting{{{"opportunities", {{"future_opportunities", 0}}}}, "analysis.opportunities.future_opportunities",
                   "out_of_range", "from 1 to 1,000"},
        BadSetting{{{"opportunities", {{"discount_rate_percent", 0}}}}, "analysis.opportunities.discount_rate_percent",
                   "out_of_range_percent", "from 0.01 to 100%"},
        BadSetting{{{"transactions", {{"calibration_end", "2024-01-01"}}}}, "analysis.transactions.calibration_end",
                   "unknown_field", "calibration_end"},
        BadSetting{{{"transactions", 5}}, "analysis.transactions", "wrong_type", "must be an object"}));

TEST(AnalysisSettings, ABadSettingKeepsTheOtherFieldsErrorsAndNamesEach) {
  json d = document_with_analysis({{"band_seed", -3}, {"band_draws", 100}});
  d["cac"] = -1;
  const std::vector<FieldError> errors = errors_of(d);
  std::vector<std::string> fields;
  for (const FieldError& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"analysis.band_seed", "cac"}));
  json not_object = scenario_document_to_json(ScenarioDocument{});
  not_object["analysis"] = json::array();
  ASSERT_EQ(errors_of(not_object).size(), 1u);
  EXPECT_EQ(errors_of(not_object)[0].field, "analysis");
}

TEST(AnalysisSettings, TheModelChoicesAreThePurchaseModels) {
  std::vector<std::string> names{"best"};
  for (const PurchaseModel* m : purchase_models()) names.emplace_back(m->name());
  std::vector<std::string> choices(std::begin(purchase_model_choices), std::end(purchase_model_choices));
  EXPECT_EQ(choices, names);
}

TEST(AnalysisSettings, ALinkCarriesOnlyTheSettingsChanged) {
  ScenarioDocument seeded;
  seeded.analysis = AnalysisSettings{};
  // Left at their defaults, the settings add nothing to the shortest link.
  EXPECT_EQ(scenario_to_link(seeded), scenario_to_link(ScenarioDocument{}));
  seeded.analysis->band_seed = 7;
  seeded.analysis->transactions.margin_percent = 40;
  const std::string link = scenario_to_link(seeded);
  Result<std::string> text = base64url_decode(link.substr(2));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(json::parse(text.value()),
            json::parse(R"({"analysis": {"band_seed": 7, "transactions": {"margin_percent": 40}}})"));
  Result<ScenarioDocument> back = scenario_from_link(link);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(scenario_document_to_json(back.value()), scenario_document_to_json(seeded));

  ScenarioDocument everything = example_scenario_document();
  everything.analysis = changed_settings();
  Result<ScenarioDocument> all_back = scenario_from_link(scenario_to_link(everything));
  ASSERT_TRUE(all_back.ok());
  EXPECT_EQ(scenario_document_to_json(all_back.value()), scenario_document_to_json(everything));
}

TEST(AnalysisSettings, ALinkWithABadSettingSaysWhich) {
  const std::string link = "1." + base64url_encode(R"({"analysis": {"band_seed": -5}})");
  Result<ScenarioDocument> back = scenario_from_link(link);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.errors().front().field, "analysis.band_seed");
  EXPECT_NE(back.errors().front().message.find("Seed of the band's draws"), std::string::npos);
}

}  // namespace
}  // namespace retention
