#pragma once
// A message for a person as a code plus arguments, so the page can say it in the reader's
// language; the core also renders the English sentence (native callers, tests, logs).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

struct MessageArgument {
  // number: formatted by the reader's locale; text: shown as is (a name the user typed);
  // term: a word the page translates, e.g. "field.cac" (a field's label) or "type.list".
  enum class Kind { number, text, term };
  std::string_view name;  // always a string literal
  Kind kind = Kind::text;
  double number = 0;
  std::string text;
};

using MessageArguments = std::vector<MessageArgument>;

// A message not tied to one input (a skipped row, a note on a fit).
struct Message {
  std::string code;
  MessageArguments arguments;
  std::string text;  // English
};

Message make_message(std::string_view code, MessageArguments arguments = {});

MessageArgument number_argument(std::string_view name, double value);
MessageArgument text_argument(std::string_view name, std::string value);
MessageArgument term_argument(std::string_view name, std::string key);
// The label of a scenario field, by its JSON key (a term "field.<key>").
MessageArgument label_argument(std::string_view field_key);
// The user's value as the {got} of a message: the number itself, or, beyond 15 digits (where
// printing it would round it as if the user had typed that), its first six digits and how many
// digits it has (the term "value.long"); the page's stand-in for a number too large for a
// double (its largest value) is said in words ("value.too_large").
MessageArguments got_arguments(double value);

// The English sentence for a message code, its {placeholders} filled in.
std::string english_message(std::string_view code, const MessageArguments& arguments);

// Every message code with its English template, for checking the translations. A message that
// counts something has a second English form for a {count} written "1"; the page's languages
// choose among their own plural forms by the same {count} (Intl.PluralRules).
struct MessageTemplate {
  std::string_view code;
  std::string_view english;
  std::string_view english_one = {};
};
std::vector<MessageTemplate> message_templates();  // where the panels' are linked, theirs too
const MessageTemplate* find_message_template(std::string_view code);  // nullptr: no such code
// The analyst panels' templates: empty in the page's module, which never produces them
// (panel_messages.cpp, no_panel_messages.cpp).
std::span<const MessageTemplate> panel_message_templates();

}  // namespace retention
