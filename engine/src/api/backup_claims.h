#pragma once

// Which restore each backup of a region is feeding: one backup feeds one restore at a
// time, whichever region the restore runs in (BackupInUseException for a second one, or
// for DeleteBackup meanwhile). Owned by the backup's region; thread-safe, because
// restores in other regions claim and release from their own strands. Kept in memory:
// the restores under way claim again as the engine opens (Recovery::reclaim_restores).

#include <map>
#include <mutex>
#include <string>

namespace tablespan::api {

class BackupClaims {
public:
    // The restore filling the table with TableId `target_table_id` (in any region) takes
    // the backup `arn`; false when another restore holds it. Claiming again for the same
    // target succeeds.
    bool claim(const std::string& arn, const std::string& target_table_id);
    // Lets go of `arn` if that target holds it.
    void release(const std::string& arn, const std::string& target_table_id);
    // Whether a restore holds `arn`.
    bool held(const std::string& arn) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> held_;  // backup ARN → target TableId; guarded by mutex_
};

}  // namespace tablespan::api
