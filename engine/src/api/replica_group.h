#pragma once

// A global table's replication group as one region sees it: every member region (this
// one included) with its replica status, and the backfill this region runs when it is
// the source of a new replica.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

inline constexpr const char* kGlobalTableVersion = "2019.11.21";

struct ReplicaMember {
    std::string region;
    std::string status = "ACTIVE";     // CREATING, ACTIVE, UPDATING, DELETING
    std::string table_class_override;  // empty: inherits the table's class
    Millis table_class_updated = 0;
    int progress = -1;         // ReplicaStatusPercentProgress while CREATING; -1: not shown
    Millis source_until = 0;   // sourced a new replica: cannot be deleted until then
    std::string kms_key = {};  // its customer managed KMS key (ARN); empty: none
};

// A witness of a multi-Region strongly consistent (MRSC) group: a region with no table
// that keeps the replicated changes, so that a write is durable in two regions.
struct WitnessMember {
    std::string region;
    std::string status = "CREATING";  // CREATING, ACTIVE, DELETING
};

struct Backfill {
    std::string destination;
    std::optional<std::pair<std::string, std::string>> after;  // last key copied
    std::int64_t copied = 0;
    std::int64_t total = 0;
    bool tombstones_copied = false;  // sent last, after every item
    Millis ready_at = 0;             // the new replica turns ACTIVE no earlier than this
};

struct ReplicaGroup {
    std::vector<ReplicaMember> members;  // empty: a regional table
    // MultiRegionConsistency STRONG: writes are acknowledged once a second member has
    // them, strongly consistent reads see every acknowledged write (see mrsc/).
    bool strong = false;
    std::vector<WitnessMember> witnesses;  // STRONG only: at most one
    std::int64_t epoch = 0;                // every change of the group increments it
    std::optional<Backfill> backfill;

    bool global() const { return !members.empty(); }
    ReplicaMember* find(const std::string& region);
    const ReplicaMember* find(const std::string& region) const;
    bool has_change_in_progress() const;
    WitnessMember* find_witness(const std::string& region);
    const WitnessMember* find_witness(const std::string& region) const;
    // Every member region but `self` that holds the group's changes: the replicas and the
    // witness, unless they are leaving.
    std::vector<std::string> peers(const std::string& self) const;

    Json to_storage() const;
    static ReplicaGroup from_storage(const Json& j);
    // DescribeTable's Replicas[]: every member but `self`, in group order.
    Json describe_replicas(const std::string& self) const;
    // DescribeTable's GlobalTableWitnesses[].
    Json describe_witnesses() const;
};

}  // namespace tablespan::api
