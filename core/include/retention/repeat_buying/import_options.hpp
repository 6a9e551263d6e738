#pragma once
// How to read a transaction file, from the page's options object (one JSON object in, as every
// entry point takes): {customer, date, amount, header, date_format, decimal_mark,
// locale_decimal_mark, export, order_amount}. Every key may be left out for its default.
#include <nlohmann/json.hpp>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/transaction_log.hpp"

namespace retention {

Result<TransactionColumns> transaction_columns_from_json(const nlohmann::json& options);

}  // namespace retention
