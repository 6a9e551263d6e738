#pragma once
// A transaction log read from the file the user brings (customer id, date, amount). Its bytes are
// fed in chunks, so a large file can be read with progress and the page stays responsive; bad
// rows are counted and the first few kept with their line numbers, never fatal. The bytes may be
// UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; records are RFC 4180 CSV.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retention/repeat_buying/order_export.hpp"
#include "retention/text/decimal_number.hpp"
#include "retention/common/result.hpp"

namespace retention {

enum class DateFormat { automatic, year_month_day_compact, year_month_day, day_month_year, month_day_year };
enum class HeaderRow { automatic, present, absent };

struct TransactionColumns {
  int customer = 0;  // zero-based column numbers
  int date = 1;
  int amount = 2;    // -1: no amount column (purchases only)
  char separator = 0;  // 0: detect (tab, semicolon, comma, else runs of spaces)
  HeaderRow header = HeaderRow::automatic;
  DateFormat date_format = DateFormat::automatic;
  // automatic: the amounts decide (12,5 or 1.234,56 say comma; 12.5 or 1,234,567 say point); when
  // every amount reads both ways (1,234), a semicolon separator says comma and a comma separator
  // says point unless the reader's locale disagrees; tab or blanks follow the locale; else the read
  // ends asking for the mark. A file whose amounts need both marks is refused.
  DecimalMark decimal_mark = DecimalMark::automatic;
  DecimalMark locale_decimal_mark = DecimalMark::automatic;  // the reader's locale's, as a hint
  // automatic: recognised from the first row. A Shopify orders export finds its own columns by
  // name (the column numbers above are not used): one transaction per order, its line-item rows
  // skipped, refunded, voided and cancelled orders left out.
  ExportKind kind = ExportKind::automatic;
  OrderAmount order_amount = OrderAmount::total;
};

struct BadRow {
  std::int64_t line = 0;
  Message reason;
};

struct TransactionLog {
  std::vector<std::string> customer_ids;  // index -> the id as written
  std::vector<std::int32_t> customer;     // per transaction: index into customer_ids
  std::vector<std::int32_t> day;          // per transaction: days since 1970-01-01
  std::vector<double> amount;             // per transaction (0 when there is no amount column)
  std::int64_t rows_read = 0, rows_bad = 0;
  std::vector<BadRow> first_bad_rows;     // at most 5
  // Rows with a negative amount are refunds, not purchases: left out of the transactions, and
  // counted and totalled here so the page can say so.
  std::int64_t refunds = 0;
  double refund_total = 0;
  ExportKind kind = ExportKind::generic;  // what the file was read as
  // A Shopify orders export: rows_read counts its orders; these count the rows that are line items
  // of an order above them, and the orders left out.
  std::int64_t line_item_rows = 0, orders_refunded_or_voided = 0, orders_cancelled = 0;
  DateFormat date_format = DateFormat::automatic;  // the format used
  DecimalMark decimal_mark = DecimalMark::automatic;  // the mark used (automatic: no amount needed one)
  bool had_header = false;
};

class TransactionLogReader {
 public:
  explicit TransactionLogReader(TransactionColumns columns);
  ~TransactionLogReader();
  TransactionLogReader(TransactionLogReader&&) noexcept;
  TransactionLogReader& operator=(TransactionLogReader&&) noexcept;

  void feed(std::string_view bytes);
  // Ends the input; errors only when nothing usable was read, the dates or decimal marks are
  // ambiguous, or the amounts mix decimal marks.
  Result<TransactionLog> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The first rows of a file as the reader would split them (the same decoding, the separator
// detected the same way), so the page can offer the columns by what they hold. `complete`: the
// bytes are the whole file (else a record cut off at their end is left out). Cells are cut to 40
// bytes, never inside a character.
struct Preview {
  char separator = ',';
  ExportKind kind = ExportKind::generic;  // what the first row says the file is
  std::vector<std::vector<std::string>> rows;
};
Preview preview_rows(std::string_view bytes, int max_rows, bool complete = true);

// Whether a year from 1900 to 2200, a month and a day make a date of the calendar.
bool valid_civil(int year, int month, int day);
// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back.
std::int32_t days_from_civil(int year, int month, int day);
void civil_from_days(std::int32_t days, int& year, int& month, int& day);
std::string iso_date(std::int32_t days);  // "1997-09-30"

}  // namespace retention
