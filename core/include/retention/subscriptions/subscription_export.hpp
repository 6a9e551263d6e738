#pragma once
// A subscriptions export read as its billing system means it: Stripe's dashboard export and the
// Baremetrics import template are recognised by their header and read by column name; any other
// table of subscriptions is read by the columns the user maps. Each row becomes a paid period of
// one customer: from its first paid moment (a trial's end) to when it ended (Stripe's Ended At,
// the end of the paid period, not the cancel request), worth its amount per month (yearly plans
// / 12, times the quantity). Rows that cannot be read are counted with their reasons and the first
// few kept with their line numbers; rows that are no paid subscription (free, never paid, still
// in trial) are counted by reason. Nothing is dropped silently.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {

enum class SubscriptionExportKind { automatic, stripe, baremetrics, generic };

// Columns of a generic table, zero-based (-1: not in the file). Recognised exports find theirs
// by name.
struct SubscriptionColumns {
  SubscriptionExportKind kind = SubscriptionExportKind::automatic;
  int customer = 0, start = 1, end = 2, amount = 3;
  int interval = -1;  // month (when absent), year, week or day
  int currency = -1;
  int quantity = -1;
};

inline constexpr std::int64_t still_active = std::numeric_limits<std::int64_t>::max();

struct Subscription {
  std::int32_t customer = 0;        // index into customer_ids
  std::int32_t currency = 0;        // index into currencies
  std::int64_t start = 0;           // seconds since 1970 (UTC): the first paid period's start
  std::int64_t end = still_active;  // when it ended
  double monthly_amount = 0;        // recurring revenue per month, quantity included
  std::int64_t line = 0;
};

struct SubscriptionLog {
  SubscriptionExportKind kind = SubscriptionExportKind::generic;
  std::vector<std::string> customer_ids, currencies;  // currencies upper case as written ("" if none)
  std::vector<Subscription> subscriptions;
  std::int64_t rows_read = 0, rows_bad = 0;
  std::vector<BadRow> first_bad_rows;  // at most 5
  // Rows that are no paid subscription, by reason.
  std::int64_t free_rows = 0;         // an amount of 0
  std::int64_t never_paid_rows = 0;   // incomplete, or ended within its trial
  std::int64_t in_trial_rows = 0;     // still in its trial
  std::int64_t latest = 0;            // the latest instant the file mentions (before its end dates to come)
};

// The kind a header row says (generic for any header it does not know).
SubscriptionExportKind recognise_subscription_export(const std::vector<std::string_view>& header);

class SubscriptionReader {
 public:
  explicit SubscriptionReader(SubscriptionColumns columns);
  ~SubscriptionReader();
  SubscriptionReader(SubscriptionReader&&) noexcept;
  SubscriptionReader& operator=(SubscriptionReader&&) noexcept;

  void feed(std::string_view bytes);
  // Errors when a recognised export lacks a column it needs (naming it and the headers looked
  // for), or when no paid subscription could be read.
  Result<SubscriptionLog> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Result<SubscriptionLog> read_subscriptions(std::string_view bytes, SubscriptionColumns columns = {});

}  // namespace retention
