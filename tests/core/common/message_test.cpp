// Messages are codes plus arguments, so the page can translate them; the English sentence is
// rendered from the same template table the translations are checked against.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "retention/common/message.hpp"
#include "retention/common/result.hpp"
#include "retention/scenario/scenario_json.hpp"

namespace retention {
namespace {

TEST(Message, FillsNumbersTextAndFieldLabels) {
  FieldError e = field_error("cac", "out_of_range",
                             {label_argument("cac"), number_argument("low", 0), number_argument("high", 1e9),
                              number_argument("got", -5)});
  EXPECT_EQ(e.code, "out_of_range");
  EXPECT_EQ(e.message, "Customer acquisition cost (CAC) must be a number from 0 to 1,000,000,000 (got -5).");
}

TEST(Message, TermArgumentIsRenderedWithTheSameArguments) {
  Message m = make_message("no_transactions_line", {number_argument("line", 7), term_argument("reason", "row_not_a_date"),
                                                    text_argument("value", "yesterday")});
  EXPECT_EQ(m.text, "No transactions could be read: line 7: \"yesterday\" is not a date. Check the column choices and "
                    "the date format.");
}

TEST(Message, ACountOfOneTakesTheSingular) {
  const auto text = [](double count) {
    return make_message("cohort_count_increases", {text_argument("cohort", "Jan"), number_argument("period", 2),
                                                   number_argument("count", count), number_argument("previous", 0),
                                                   number_argument("previous_period", 1)})
        .text;
  };
  EXPECT_EQ(text(1).substr(0, 39), "Cohort \"Jan\", period 2: 1 customer, mor");
  EXPECT_EQ(text(2).substr(0, 40), "Cohort \"Jan\", period 2: 2 customers, mor");
  // The count as written decides: 1.0000001 is written "1", 1.5 is not.
  EXPECT_NE(text(1.0000001).find(": 1 customer,"), std::string::npos);
  EXPECT_NE(text(1.5).find(": 1.5 customers,"), std::string::npos);
  EXPECT_NE(text(0).find(": 0 customers,"), std::string::npos);
}

TEST(Message, PluralTemplatesHaveTheSamePlaceholdersInBothForms) {
  const auto placeholders = [](std::string_view text) {
    std::set<std::string_view> names;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1))
      names.insert(text.substr(open + 1, text.find('}', open) - open - 1));
    return names;
  };
  int plural = 0;
  for (const auto& t : message_templates()) {
    if (t.english_one.empty()) continue;
    ++plural;
    // The singular may say "one" for {count}, and nothing else differs.
    std::set<std::string_view> one = placeholders(t.english_one), other = placeholders(t.english);
    one.insert("count");
    EXPECT_EQ(one, other) << t.code;
    EXPECT_TRUE(placeholders(t.english).count("count")) << t.code << " is chosen by {count}";
  }
  EXPECT_GE(plural, 5);
}

TEST(Message, CodesAreUniqueAndTemplatesNonEmpty) {
  std::set<std::string_view> codes;
  for (const auto& t : message_templates()) {
    EXPECT_TRUE(codes.insert(t.code).second) << "duplicate code " << t.code;
    EXPECT_FALSE(t.english.empty()) << t.code;
  }
}

// Every error from a document with every kind of mistake carries a known code, and no
// placeholder is left unfilled in its English sentence.
TEST(Message, ParserErrorsHaveKnownCodesAndNoLeftoverPlaceholders) {
  const char* documents[] = {
      R"({"version": 1, "currency": "usd", "period": "week", "revenue_per_customer": "50",
          "gross_margin_percent": 150, "churn_percent": -1, "annual_discount_rate_percent": null,
          "cac": [], "retention_spend_per_customer": {}, "churn_reduction_from_retention_spend_points": true,
          "starting_customers": 1.5e400, "horizon_periods": 2.5, "timing": "now", "colour": 1,
          "retention_curve": 3, "scenarios": [{"name": "", "churn_change_points": 200, "churn_change_percent": 5}, 4]})",
      R"({"version": 9})",
      R"([1, 2])",
      R"({"version": 1,)",
  };
  for (const char* text : documents) {
    auto result = parse_scenario_document(text);
    ASSERT_FALSE(result.ok()) << text;
    for (const FieldError& e : result.errors()) {
      bool known = false;
      for (const auto& t : message_templates()) known = known || t.code == e.code;
      EXPECT_TRUE(known) << e.code;
      EXPECT_EQ(e.message.find("{label}"), std::string::npos) << e.message;
      for (const char* placeholder : {"{low}", "{high}", "{got}", "{actual}", "{expected}", "{value}", "{key}"})
        EXPECT_EQ(e.message.find(placeholder), std::string::npos) << e.message;
    }
  }
}

}  // namespace
}  // namespace retention
