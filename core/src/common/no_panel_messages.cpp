#include "retention/common/message.hpp"

// The page's own module produces none of the analyst panels' messages (their modules carry
// them: panel_messages.cpp), so it links this empty list in their place.
namespace retention {

std::span<const MessageTemplate> panel_message_templates() { return {}; }

}  // namespace retention
