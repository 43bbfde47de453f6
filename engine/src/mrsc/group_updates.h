#pragma once

// UpdateTable of a multi-Region strongly consistent (MRSC) group: creating it complete in
// one call (two replicas, or a replica and a witness), and dissolving it (every other
// replica and the witness in one call). Checks in the service's order with its texts
// (reference §3.5; the ACK probes DDB-TABLE-202, 257-261).

#include "tablespan/engine.h"

namespace tablespan::core {
class Region;
}
namespace tablespan::api {
struct TableMeta;
}

namespace tablespan::mrsc {

// Whether UpdateTable's replica changes are MRSC business: the request names a
// consistency mode or a witness, or the table's group is strong.
bool concerns_strong_group(core::Region& region, const Json& request);
Json update_strong_group(core::Region& region, const Json& request);
// DeleteTable of one replica of a strong group is refused.
void check_delete_table(const api::TableMeta& table);
// Settings MRSC tables do not have (the service's texts are not on record).
void check_time_to_live(const api::TableMeta& table);

}  // namespace tablespan::mrsc
