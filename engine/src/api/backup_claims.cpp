#include "api/backup_claims.h"

namespace tablespan::api {

bool BackupClaims::claim(const std::string& arn, const std::string& target_table_id) {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = held_.try_emplace(arn, target_table_id);
    return inserted || it->second == target_table_id;
}

void BackupClaims::release(const std::string& arn, const std::string& target_table_id) {
    std::lock_guard lock(mutex_);
    if (auto it = held_.find(arn); it != held_.end() && it->second == target_table_id)
        held_.erase(it);
}

bool BackupClaims::held(const std::string& arn) const {
    std::lock_guard lock(mutex_);
    return held_.count(arn) > 0;
}

}  // namespace tablespan::api
