#pragma once
// Plausibility limits that no real business reaches, the same everywhere a number comes in
// (scenario fields, survivor counts, transaction amounts), and named in the messages that refuse
// a value beyond them. Beyond them a number is a typo or a hostile input, not a business.
#include <cstddef>

namespace retention {

// Any one amount of money: a price, a CAC, one transaction (a billion in the file's currency).
inline constexpr double max_money_amount = 1e9;
// Customers in one cohort or one customer base: more than the people on Earth.
inline constexpr double max_customer_count = 1e10;
// Characters of a number as typed or read from a file before it is refused unread.
inline constexpr std::size_t max_number_text_length = 40;

}  // namespace retention
