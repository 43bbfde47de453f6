#pragma once

// The source of a cross-region restore: a backup or a PITR table of another region,
// read without touching that region's state. Nothing here runs on the source region's
// strand, and nothing reads its memory: its files are read through read-only SQLite
// connections of their own, each holding one read transaction (storage::Snapshot,
// storage::BackupSnapshot). So the target region reads exactly what the source region
// had committed — and acknowledged — when the view opened, however much the source
// writes afterwards, and the view stays valid even if the source drops the table or the
// backup meanwhile. The one piece of the source region shared in memory is its
// BackupClaims, which is thread-safe.
//
// The network decides whether the source can be read: a source region that is offline,
// or whose link to the target is cut, is unreachable (Network::can_deliver).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/backup_claims.h"
#include "api/backup_record.h"
#include "api/table_meta.h"
#include "storage/backup_file.h"
#include "storage/snapshot.h"

namespace tablespan::core {
struct EngineCore;
}

namespace tablespan::api {

// A backup of another region as its catalog last committed it, with a pinned view of its
// items. The catalog is read before the items view opens and again after: a backup is
// AVAILABLE only once all of its items are committed, and a deleted backup's items are
// erased only after its deletion committed, so a backup AVAILABLE before the view opened
// and still listed after has every item in the view.
struct RemoteBackup {
    BackupRecord record;
    std::shared_ptr<storage::BackupSnapshot> items;
};
// The backup `arn` of `region`; nullopt when that region has no such backup. Throws
// InternalServerError when the region's files cannot be read.
std::optional<RemoteBackup> open_remote_backup(const core::EngineCore& core,
                                               const std::string& region, const std::string& arn);

// A table of another region as last committed, with a pinned view of its database (its
// items and PITR history, read in the same transaction as its settings).
struct RemoteTable {
    TableMeta meta;
    std::shared_ptr<storage::Snapshot> view;
};
// The table `name` of `region`; nullopt when it does not exist there. Throws
// InternalServerError when the region's database cannot be read.
std::optional<RemoteTable> open_remote_table(const core::EngineCore& core,
                                             const std::string& region, const std::string& name);

// Whether a restore running in `target` can read from `source` right now.
bool source_reachable(const core::EngineCore& core, std::string_view source,
                      std::string_view target);
// The answer to a restore whose source region cannot be reached: ServiceUnavailable
// (HTTP 503, which SDKs retry), naming both regions.
[[noreturn]] void throw_unreachable(std::string_view source, std::string_view target);

// The claims on the backups of `region` (opening the region if it is not open yet).
BackupClaims& backup_claims_of(const core::EngineCore& core, std::string_view region);

// The region a table or backup ARN names ("arn:aws:dynamodb:REGION:…"); empty when the
// ARN has no region field.
std::string arn_region(const std::string& arn);

}  // namespace tablespan::api
