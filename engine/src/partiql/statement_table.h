#pragma once

#include <string>
#include <string_view>

namespace tablespan::partiql {

// The table a statement names after FROM, INTO or UPDATE, or "" when the lexer finds
// none; it does not parse the statement (Activity's Table column for ExecuteStatement).
std::string statement_table(std::string_view statement);

}  // namespace tablespan::partiql
