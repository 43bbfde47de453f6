// CreateBackup, DescribeBackup, ListBackups, DeleteBackup.

#include "api/handlers.h"
#include "api/recovery.h"
#include "api/request_util.h"
#include "api/table_recovery.h"
#include "core/region.h"
#include "kms/key_watch.h"

namespace tablespan::api {

namespace {
// ListBackups pages hold at most 1 MB (M).
constexpr std::size_t kListPageBytes = 1 << 20;

const BackupRecord& backup_named(core::Region& region, const std::string& arn) {
    auto parts = parse_backup_arn(arn, region.core().account_id);
    // The service matches on the table and the backup id: the region in the ARN is ignored
    // (observed), so the endpoint's region decides.
    const BackupRecord* b = region.recovery().find_backup(parts.table, parts.id);
    if (!b) throw ApiError("BackupNotFoundException", "Backup not found: " + arn);
    return *b;
}
}  // namespace

Json create_backup(core::Region& region, const Json& request) {
    TableMeta& table = table_for_backups(region, request.at("TableName"));
    kms::check_data_access(table);  // refused with the key's error (details/DDB-TABLE-333.md)
    if (region.now() < backups_ready_at(table))
        throw ApiError(
            "ContinuousBackupsUnavailableException",
            "Backups are being enabled for the table: " + table.name + ". Please retry later");
    const BackupRecord& b = region.recovery().create_backup(table, request.at("BackupName"));
    return {{"BackupDetails", b.details()}};
}

Json describe_backup(core::Region& region, const Json& request) {
    const BackupRecord& b = backup_named(region, request.at("BackupArn"));
    return {{"BackupDescription", b.description(b.status)}};
}

Json delete_backup(core::Region& region, const Json& request) {
    const BackupRecord& b = backup_named(region, request.at("BackupArn"));
    if (b.type == "SYSTEM")
        throw_validation("User is not allowed to delete the system backup with arn " + b.arn +
                         ". It will automatically expire on " + format_iso8601(b.expires));
    if (b.status == "CREATING")
        throw ApiError("BackupInUseException",
                       "There is another ongoing conflicting backup control plane operation on "
                       "the table. The backup is either being created, deleted or restored to a "
                       "table.");
    if (region.recovery().backup_in_use(b.arn))
        throw ApiError("BackupInUseException", "Backup is being used to restore table: " + b.arn);
    Json out = {{"BackupDescription", b.description("DELETED")}};
    region.recovery().delete_backup(b);
    return out;
}

Json list_backups(core::Region& region, const Json& request) {
    auto lower = member(request, "TimeRangeLowerBound");
    auto upper = member(request, "TimeRangeUpperBound");
    std::optional<Millis> from, to;
    if (lower) from = millis_from_json(*lower);
    if (upper) to = millis_from_json(*upper);
    if (from && to && *from > *to)
        throw_validation("Time range lower bound must be less than or equal to upper bound");
    const std::string type = string_member(request, "BackupType").value_or("USER");
    auto table = string_member(request, "TableName");
    const std::int64_t limit = int_member(request, "Limit").value_or(0);

    // ExclusiveStartBackupArn is a position, not a lookup: a deleted backup's ARN resumes
    // after where it was.
    std::optional<std::pair<Millis, std::string>> start;
    if (auto arn = string_member(request, "ExclusiveStartBackupArn")) {
        auto parts = parse_backup_arn(*arn, region.core().account_id);
        start = std::pair{parts.created, *arn};
    }

    auto matches = [&](const BackupRecord& b) {
        if (table && *table != (table->rfind("arn:", 0) == 0 ? b.table_arn() : b.table_name()))
            return false;
        if (type != "ALL" && b.type != type) return false;
        if (from && b.created < *from) return false;
        if (to && b.created >= *to) return false;
        if (start && std::pair{b.created, b.arn} <= *start) return false;
        return true;
    };

    Json summaries = Json::array();
    std::size_t bytes = 0;
    std::optional<std::string> last;
    for (const BackupRecord* b : region.recovery().backups()) {
        if (!matches(*b)) continue;
        bool full = (limit && static_cast<std::int64_t>(summaries.size()) == limit) ||
                    bytes >= kListPageBytes;
        if (full) {
            last = summaries.back().at("BackupArn").get<std::string>();
            break;
        }
        Json s = b->summary();
        bytes += s.dump().size();
        summaries.push_back(std::move(s));
    }
    Json out = {{"BackupSummaries", summaries}};
    if (last) out["LastEvaluatedBackupArn"] = *last;
    return out;
}

}  // namespace tablespan::api
