// libFuzzer target: any bytes as a transaction CSV, fed in chunks cut where the input says.
// Reading must never crash; a readable log must summarise with finite values.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  retention::TransactionColumns columns;
  columns.date_format = static_cast<retention::DateFormat>(data[0] % 5);
  const std::size_t chunk = 1 + data[1] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  retention::TransactionLogReader reader(columns);
  for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
  retention::Result<retention::TransactionLog> log = reader.finish();
  if (!log.ok()) {
    if (log.errors().front().message.empty()) std::abort();
    return 0;
  }
  const auto& l = log.value();
  if (l.day.size() != l.customer.size() || l.day.size() != l.amount.size()) std::abort();
  auto summary = retention::summarise_customers(l, l.day.front() + 30, l.day.front() + 60, 7);
  if (summary.ok())
    for (double r : summary.value().recency)
      if (!std::isfinite(r) || r < 0) std::abort();
  return 0;
}
