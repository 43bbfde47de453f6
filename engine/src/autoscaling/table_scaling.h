#pragma once

// A table's auto scaling settings as every replica sees them, kept with the table's
// metadata in each region. Write capacity scales alike in every replica (the service
// keeps it in sync: DG:V2globaltables_HowItWorks), so one write policy serves the group;
// read capacity may differ between replicas, so each replica has its own read policy.
// Each region's scaler acts on its own replica's dimensions only, on its own consumed
// capacity; the other regions' entries are there for DescribeTableReplicaAutoScaling.

#include <map>
#include <string>

#include "autoscaling/policy.h"

namespace tablespan::autoscaling {

struct IndexScaling {
    Policy write;
    std::map<std::string, Policy> read;  // region → that replica's read policy
};

struct TableScaling {
    Policy write;
    std::map<std::string, Policy> read;           // region → that replica's read policy
    std::map<std::string, IndexScaling> indexes;  // GSI name →

    bool empty() const { return !write.registered && read.empty() && indexes.empty(); }
    // Whether any dimension of the replica in `region` scales.
    bool active_in(const std::string& region) const;
    // The read policy of the replica in `region` (an unregistered one when none).
    const Policy& read_in(const std::string& region) const;
    const Policy& index_read_in(const std::string& index, const std::string& region) const;
    const Policy& index_write(const std::string& index) const;

    Json to_storage() const;
    static TableScaling from_storage(const Json& j);
};

}  // namespace tablespan::autoscaling
