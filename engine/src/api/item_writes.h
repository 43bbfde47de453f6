#pragma once

// Checks the single-item writes share with the writes of a transaction.

#include "api/table_meta.h"
#include "expr/expressions.h"

namespace tablespan::api {

// An UpdateExpression may not touch a key attribute of the table, nor reach inside an
// index key attribute (the service's texts).
void check_update_paths(const TableMeta& table, const expr::UpdateExpression& update);

}  // namespace tablespan::api
