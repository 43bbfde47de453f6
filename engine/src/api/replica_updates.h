#pragma once

// The global-table parts of UpdateTable and DeleteTable (replica_updates.cpp).

#include "api/table_meta.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

bool has_replica_updates(const Json& request);
// UpdateTable with ReplicaUpdates: validates and starts the replica action.
Json update_replicas(core::Region& region, const Json& request);
// DeleteTable of a global table's replica in this region: checks that it may leave the
// group and tells the other members it is going.
void leave_group_on_delete(core::Region& region, TableMeta& table);

}  // namespace tablespan::api
