#include "api/cross_region_source.h"

#include <filesystem>

#include "api/recovery.h"
#include "core/engine_core.h"
#include "core/region.h"
#include "tablespan/error.h"
#include "tablespan/regions.h"

namespace tablespan::api {

namespace {
std::string file_of(const core::EngineCore& core, const char* folder, const std::string& region) {
    return core.data_dir + "/" + folder + "/" + region + ".sqlite";
}

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

[[noreturn]] void unreadable(const std::string& region, const std::exception& e) {
    throw ApiError("InternalServerError",
                   "Cannot read the source region " + region + ": " + e.what(), 500);
}
}  // namespace

std::optional<RemoteBackup> open_remote_backup(const core::EngineCore& core,
                                               const std::string& region, const std::string& arn) {
    const std::string items_path = file_of(core, "backups", region);
    const std::string catalog_path = file_of(core, "regions", region);
    // A region outside the catalog, or one that never ran, has no files and no backups.
    if (!find_region(region) || !exists(items_path) || !exists(catalog_path)) return std::nullopt;
    try {
        // AVAILABLE before the items view opens: every item was committed before it.
        auto before = storage::Snapshot(catalog_path).backup(arn);
        if (!before) return std::nullopt;
        auto items = std::make_shared<storage::BackupSnapshot>(items_path);
        // Still listed after it opened: no item was erased before it.
        if (!storage::Snapshot(catalog_path).backup(arn)) return std::nullopt;
        return RemoteBackup{BackupRecord::from_storage(before->id, Json::parse(before->meta)),
                            std::move(items)};
    } catch (const storage::StorageError& e) {
        unreadable(region, e);
    }
}

std::optional<RemoteTable> open_remote_table(const core::EngineCore& core,
                                             const std::string& region, const std::string& name) {
    const std::string path = file_of(core, "regions", region);
    if (!find_region(region) || !exists(path)) return std::nullopt;
    try {
        auto view = std::make_shared<storage::Snapshot>(path);
        auto row = view->table(name);
        if (!row) return std::nullopt;
        return RemoteTable{TableMeta::from_storage(row->id, Json::parse(row->meta)),
                           std::move(view)};
    } catch (const storage::StorageError& e) {
        unreadable(region, e);
    }
}

bool source_reachable(const core::EngineCore& core, std::string_view source,
                      std::string_view target) {
    return core.network.can_deliver(source, target);
}

void throw_unreachable(std::string_view source, std::string_view target) {
    throw ApiError("ServiceUnavailable",
                   "The source region " + std::string(source) + " cannot be reached from " +
                       std::string(target) +
                       " (a simulated outage or cut link): retry the restore once the network "
                       "has healed.",
                   503);
}

BackupClaims& backup_claims_of(const core::EngineCore& core, std::string_view region) {
    core::Region* r = core.region(region);
    if (!r) throw ApiError("InternalServerError", "Unknown region " + std::string(region), 500);
    return r->recovery().backup_claims();
}

std::string arn_region(const std::string& arn) {
    // arn:aws:dynamodb:REGION:ACCOUNT:…
    std::size_t begin = 0;
    for (int field = 0; field < 3; ++field) {
        begin = arn.find(':', begin);
        if (begin == std::string::npos) return {};
        ++begin;
    }
    const std::size_t end = arn.find(':', begin);
    return end == std::string::npos ? std::string() : arn.substr(begin, end - begin);
}

}  // namespace tablespan::api
