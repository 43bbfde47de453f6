#pragma once

// A region's simulated KMS: its customer managed keys and the AWS managed key of
// DynamoDB (alias/aws/dynamodb, created on first use), kept in the region's database
// (table kms_keys) and in memory. KMS operations run on the region's strand inside the
// request's write; a key that changes state tells the region's tables (KeyWatch). A key
// whose deletion date passes on engine time is deleted.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "kms/key.h"
#include "kms/key_watch.h"
#include "kms/kms_errors.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::kms {

class RegionKms {
public:
    explicit RegionKms(core::Region& region);
    RegionKms(const RegionKms&) = delete;
    RegionKms& operator=(const RegionKms&) = delete;

    // At the region's start-up, once its tables are loaded: keys from storage, their
    // deletion dates, and the tables' timelines.
    void load();

    // ---- KMS operations: on the strand, inside the request's write ----
    Key create_key(const std::string& description);
    // The key `key_id` names, in any state (KMS's NotFoundException otherwise).
    Key describe(const std::string& key_id);
    // Every key of the region, oldest first.
    std::vector<Key> list();
    void disable(const std::string& key_id);
    void enable(const std::string& key_id);
    Key schedule_deletion(const std::string& key_id, int pending_window_days);
    Key cancel_deletion(const std::string& key_id);

    // ---- for tables: thread-safe (another region resolves its replica's key here) ----
    // The key `key_id` names — its id, key ARN, alias/aws/dynamodb or that alias's ARN —
    // whatever its state; or why KMS cannot find it.
    std::variant<Key, KmsFailure> find(const std::string& key_id);
    // The AWS managed key of DynamoDB, created on first use.
    Key aws_managed();

private:
    // The id of the key `action` (kms:DisableKey, ...) may change: a customer managed key
    // (the AWS managed key's policy allows no one; AccessDeniedException).
    std::string customer_key(const std::string& key_id, const char* action);
    void persist(const Key& key);  // inside a write
    void persist_unsaved();
    // Tells the tables (inside the write).
    void changed(const Key& key);
    void schedule_deletion_date(const Key& key);
    void delete_if_due(const std::string& id);

    core::Region& region_;
    const std::string code_, account_;
    KeyWatch watch_;
    mutable std::mutex mutex_;
    std::map<std::string, Key> keys_;  // by id; guarded by mutex_
    std::set<std::string> unsaved_;    // AWS managed key made elsewhere; guarded by mutex_
};

}  // namespace tablespan::kms
