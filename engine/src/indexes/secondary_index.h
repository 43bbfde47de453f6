#pragma once

// A table's secondary index (GSI or LSI): its key schema, projection, status and
// counters, how it is persisted with the table, and how DescribeTable shows it.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/key_element.h"
#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::indexes {

struct SecondaryIndex {
    bool global = true;  // a GSI; false: an LSI
    std::string name;
    std::int64_t id = 0;  // storage id within the table, never reused

    // The key schema: one HASH and at most one RANGE attribute for an LSI; for a GSI up
    // to four of each (multi-attribute keys, ../shared/reference/dynamodb-data-plane.md
    // §1.8), in the order the KeySchema lists them.
    std::vector<api::KeyElement> hash_keys;
    std::vector<api::KeyElement> range_keys;

    std::string projection_type = "ALL";          // ALL, KEYS_ONLY or INCLUDE
    std::vector<std::string> non_key_attributes;  // INCLUDE only, sorted by name

    // GSIs only: CREATING, ACTIVE, UPDATING or DELETING, and the transition under way.
    std::string status = "ACTIVE";
    Millis status_until = 0;
    // A GSI added by UpdateTable shows Backfilling while it is CREATING: false while its
    // resources are allocated, true while it is filled from the table.
    bool added_later = false;
    bool backfilling = false;
    // The backfill's position: the table key (encoded) of the last item copied.
    std::optional<std::pair<std::string, std::string>> backfill_after;
    std::int64_t read_capacity = 0;  // provisioned tables' GSIs
    std::int64_t write_capacity = 0;
    // Provisioned decreases of the UTC day of the last one (capacity/decrease_limits.h).
    std::int64_t decreases_today = 0;
    Millis last_decrease = 0;
    Json on_demand;  // OnDemandThroughput as given, or null

    std::int64_t item_count = 0;
    std::int64_t size_bytes = 0;

    // Whether writes maintain it (every status but DELETING).
    bool maintained() const { return status != "DELETING"; }
    // Whether an attribute of a stored item is in its entries (keys are always).
    bool projects(const std::string& attribute) const;
    // Whether `attribute` is one of the index's key attributes.
    bool is_key(const std::string& attribute) const;
    // Every key attribute, HASH ones first, in KeySchema order.
    std::vector<api::KeyElement> key_elements() const;
    std::string arn(const std::string& table_arn) const { return table_arn + "/index/" + name; }

    Json to_storage() const;
    static SecondaryIndex from_storage(const Json& j);
    // The GlobalSecondaryIndexDescription / LocalSecondaryIndexDescription shape.
    Json describe(const std::string& table_arn, const std::string& billing_mode) const;
    Json key_schema() const;
    Json projection() const;
};

}  // namespace tablespan::indexes
