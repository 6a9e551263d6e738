#pragma once
// Purchase histories over discrete opportunities, brought as a table for BG/BB: one row per
// customer, or a compressed table with one row per distinct (x, t_x, n) and the number of
// customers who have it. Its columns are found by header, in any case: x (or frequency), t_x (or
// recency), n (or periods, opportunities), and optionally count (or customers, weight, weights):
// the layouts of the published donation and cruise tables. A row that is not a history is named
// by its line and column and the table is refused: nothing is dropped or guessed.
#include <string_view>
#include <vector>

#include "retention/common/result.hpp"
#include "retention/repeat_buying/bg_bb.hpp"

namespace retention {

Result<std::vector<OpportunityHistory>> read_history_table(std::string_view bytes);

}  // namespace retention
