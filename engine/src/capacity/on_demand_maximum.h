#pragma once

// OnDemandThroughput on a table (../shared/reference/dynamodb-data-plane.md §8.3; the
// ACK probes DDB-TABLE-051, 153, 178, 182): the most read and write request units per
// second an on-demand table may use. Only on PAY_PER_REQUEST tables; members merge one by
// one on UpdateTable and -1 clears one (the UpdateTable answer echoes -1, DescribeTable
// then omits the member, and the whole struct once both are clear); a switch of billing
// mode drops it; updates are synchronous.

#include "api/table_meta.h"
#include "tablespan/engine.h"

namespace tablespan::capacity {

// CreateTable's OnDemandThroughput (may be absent) onto a new table.
void apply_on_demand_maximum(api::TableMeta& table, const Json* on_demand,
                             const std::string& billing_mode);
// UpdateTable's: merges into the table; returns what the answer echoes (the members
// given, -1 for those cleared).
Json update_on_demand_maximum(api::TableMeta& table, const Json& on_demand,
                              const std::string& billing_mode);
// DescribeTable's OnDemandThroughput, or null when none is set.
Json describe_on_demand_maximum(const api::TableMeta& table);

}  // namespace tablespan::capacity
