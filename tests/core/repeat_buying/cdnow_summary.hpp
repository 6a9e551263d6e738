#pragma once
// The published weekly CDNOW summary (ID, frequency, recency, T) of the 2,357-customer sample,
// and its raw log.
#include <sstream>
#include <string>

#include "retention/repeat_buying/customer_summary.hpp"
#include "retention/repeat_buying/transaction_log.hpp"
#include "test_data.hpp"

namespace retention::test {

inline CustomerSummary published_summary() {
  CustomerSummary s;
  std::istringstream lines(read_test_file("cdnow_customers_summary.csv"));
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    int id;
    double x, t_x, T;
    char comma;
    std::istringstream(line) >> id >> comma >> x >> comma >> t_x >> comma >> T;
    s.customer.push_back(id);
    s.frequency.push_back(x), s.recency.push_back(t_x), s.age.push_back(T);
    s.monetary.push_back(0), s.holdout_frequency.push_back(0);
  }
  return s;
}

// The raw log of the same sample (CDNOW_sample.txt: id, the sample's own id, date, CDs, amount).
inline TransactionLog cdnow_sample_log() {
  TransactionColumns columns;
  columns.customer = 1, columns.date = 2, columns.amount = 4;
  TransactionLogReader reader(columns);
  reader.feed(read_test_file("CDNOW_sample.txt"));
  return reader.finish().value();
}

}  // namespace retention::test
