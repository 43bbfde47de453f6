#include <algorithm>
// RestoreTableFromBackup and RestoreTableToPointInTime: both create a new table that is
// CREATING (with RestoreSummary) while a background job fills it, then ACTIVE. What
// carries over is what the service carries over: keys, billing mode and throughput,
// encryption; not streams, TTL, PITR, tags or deletion protection, and the table class is
// always STANDARD.
//
// The source may be in another region (a backup ARN or SourceTableArn of that region):
// a cross-region restore, which needs SSESpecificationOverride, and whose new table gets
// a key of its own region. The request reads the source as that region last committed it
// through pinned read-only views of its files (cross_region_source.h), which the fill
// then reads on. The checks are the in-region ones, each against the region that holds
// what it checks: the backup (existence, status, the one restore it feeds) or the PITR
// table in the source's region; the target name and the concurrent-restore limit in the
// region the restore runs in. A source region that is offline, or cut off from this one,
// refuses the request with ServiceUnavailable; if it goes away while the table is being
// filled, the restore fails and its table goes (DELETING, then gone).

#include <optional>
#include <string>
#include <vector>

#include "api/cross_region_source.h"
#include "api/handlers.h"
#include "api/ids.h"
#include "api/recovery.h"
#include "api/request_util.h"
#include "api/table_recovery.h"
#include "core/region.h"
#include "kms/sse.h"

namespace tablespan::api {

namespace {
constexpr int kMaxConcurrentRestores = 50;

// The restored table's indexes: the source's, or those the overrides name. An override
// must match a source index by key schema and projection, and may rename it; an empty
// list drops that kind (../shared/reference/dynamodb-semantics.md §4.2 and
// dynamodb-data-plane.md §1.10, from the ACK controller's live probes).
void apply_index_overrides(TableMeta& t, const Json& request, const std::string& billing) {
    if (const Json* list = member(request, "VectorIndexOverride"); list && !list->empty())
        throw_validation("Index " + list->at(0).at("IndexName").get<std::string>() +
                         " does not match a secondary index that existed in the source table "
                         "and cannot be created during the restore operation");
    std::vector<indexes::SecondaryIndex> kept;
    for (bool global : {false, true}) {
        const Json* list = member(
            request, global ? "GlobalSecondaryIndexOverride" : "LocalSecondaryIndexOverride");
        if (!list) {
            for (const auto& ix : t.indexes)
                if (ix.global == global) kept.push_back(ix);
            continue;
        }
        for (const auto& o : *list) {
            const std::string name = o.at("IndexName");
            Json projection = o.at("Projection");
            if (const Json* nk = member(projection, "NonKeyAttributes")) {
                std::vector<std::string> names;
                for (const auto& n : *nk)
                    if (n.is_string()) names.push_back(n);
                std::sort(names.begin(), names.end());
                projection["NonKeyAttributes"] = names;
            }
            const indexes::SecondaryIndex* match = nullptr;
            for (const auto& ix : t.indexes)
                if (ix.global == global && ix.key_schema() == o.at("KeySchema") &&
                    ix.projection() == projection)
                    match = &ix;
            if (!match)
                throw_validation("Index " + name +
                                 " does not match a secondary index that existed in the source "
                                 "table and cannot be created during the restore operation");
            indexes::SecondaryIndex restored = *match;
            restored.name = name;
            if (global) {
                const Json* throughput = member(o, "ProvisionedThroughput");
                if (billing == "PAY_PER_REQUEST" && throughput)
                    throw_validation(
                        "Cannot override ProvisionedThroughput if BillingMode is overridden to "
                        "PAY_PER_REQUEST for index " +
                        name);
                if (billing == "PROVISIONED" && !throughput)
                    throw_validation("Must specify provisioned throughput for index " + name);
                if (throughput) {
                    restored.read_capacity = *int_member(*throughput, "ReadCapacityUnits");
                    restored.write_capacity = *int_member(*throughput, "WriteCapacityUnits");
                }
            }
            kept.push_back(std::move(restored));
        }
    }
    for (auto& ix : kept) {
        ix.item_count = ix.size_bytes = 0;
        ix.status = "ACTIVE";
        ix.added_later = ix.backfilling = false;
        ix.backfill_after.reset();
        if (billing == "PAY_PER_REQUEST") ix.read_capacity = ix.write_capacity = 0;
    }
    t.indexes = std::move(kept);
}

// Billing, throughput and encryption of the new table: the source's, or the overrides.
void apply_overrides(TableMeta& t, const Json& request, core::Region& region) {
    auto billing = string_member(request, "BillingModeOverride");
    const Json* throughput = member(request, "ProvisionedThroughputOverride");
    const std::string effective = billing.value_or(t.billing_mode);
    if (throughput && effective != "PROVISIONED")
        throw_validation("Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED");
    if (billing == "PROVISIONED" && !throughput)
        throw_validation(
            "Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED");
    if (const Json* on_demand = member(request, "OnDemandThroughputOverride"))
        for (const char* field : {"MaxReadRequestUnits", "MaxWriteRequestUnits"})
            if (auto v = int_member(*on_demand, field); v && *v < 1 && *v != -1)
                throw_validation(std::string("Requested ") + field +
                                 " for OnDemandThroughput is outside of valid range");
    apply_index_overrides(t, request, effective);

    t.billing_mode_summary =
        t.billing_mode_summary || billing.has_value() || effective == "PAY_PER_REQUEST";
    t.billing_mode = effective;
    t.billing_mode_updated = region.now();
    if (throughput) {
        t.read_capacity = *int_member(*throughput, "ReadCapacityUnits");
        t.write_capacity = *int_member(*throughput, "WriteCapacityUnits");
    }
    if (effective == "PAY_PER_REQUEST") t.read_capacity = t.write_capacity = 0;

    if (const Json* sse = member(request, "SSESpecificationOverride")) {
        // Without Enabled=true the table uses the AWS owned key (observed).
        t.sse_enabled = bool_member(*sse, "Enabled").value_or(false);
        t.sse_kms_key_arn.clear();
        // The key must exist and be enabled in the target's region.
        if (t.sse_enabled)
            t.sse_kms_key_arn =
                kms::resolve_table_key(region, string_member(*sse, "KMSMasterKeyId"));
    }
}

// TableInUseException for a table that a restore is filling, TableAlreadyExistsException
// for any other table of that name (DELETING ones included, as observed).
void check_target(core::Region& region, const std::string& target) {
    TableMeta* existing = region.find_table(target);
    if (!existing) return;
    if (restoring(*existing)) {
        const RestoreJob& r = *existing->recovery.restore;
        throw ApiError("TableInUseException",
                       "Table: " + target + " is already being restored from " +
                           (r.source_backup_arn.empty() ? "table: " + r.source_table_arn
                                                        : "backup: " + r.source_backup_arn));
    }
    throw ApiError("TableAlreadyExistsException", "Table already exists: " + target);
}

void check_restore_limit(core::Region& region) {
    if (region.recovery().restores_in_progress() >= kMaxConcurrentRestores)
        throw ApiError("LimitExceededException",
                       "Subscriber limit exceeded: Only 50 restore operations can be done "
                       "simultaneously");
}

// Creates the target table `table_id` from `t` (the recorded or current source settings,
// overrides applied): new identity, CREATING, only what a restore carries over.
Json create_target(core::Region& region, TableMeta t, const std::string& target,
                   const std::string& table_id, RestoreJob job, RemoteInput remote = {}) {
    t.id = 0;
    t.name = target;
    t.table_id = table_id;
    t.region = std::string(region.code());
    t.account_id = region.core().account_id;
    t.created = region.now();
    t.status = "CREATING";
    t.next_status = "ACTIVE";
    t.status_until = 0;  // set when the restore has filled the table
    t.last_increase = t.last_decrease = 0;
    t.decreases_today = 0;
    t.table_class = "STANDARD";
    t.table_class_updated = 0;
    t.stream_enabled = false;
    t.stream_view_type.clear();
    t.stream_label.clear();
    t.deletion_protection = false;
    t.tags = Json::array();
    t.tag_history = Json::array();
    t.tags_changed_at = 0;
    t.ttl_enabled = false;  // restores drop TTL settings (SEM §4.2)
    t.ttl_attribute.clear();
    t.ttl_changed_at = 0;
    t.item_count = 0;
    t.size_bytes = 0;
    t.recovery = TableRecovery{};
    t.recovery.restore = std::move(job);
    t.key_state = {};
    TableMeta& stored = region.add_table(std::move(t));
    region.publish_status(stored);
    region.recovery().start_restore(stored, std::move(remote));
    return {{"TableDescription", stored.describe()}};
}

void require_sse_override(const Json& request) {
    if (!member(request, "SSESpecificationOverride"))
        throw_validation(
            "Invalid Request: sseSpecificationOverride must be provided for cross-region "
            "restores");
}

void require_reachable(core::Region& region, const std::string& source) {
    if (!source_reachable(region.core(), source, region.code()))
        throw_unreachable(source, region.code());
}

[[noreturn]] void backup_in_use(const std::string& arn) {
    throw ApiError("BackupInUseException", "Backup is being used to restore another table: " + arn);
}
}  // namespace

Json restore_table_from_backup(core::Region& region, const Json& request) {
    const std::string target = request.at("TargetTableName");
    const std::string arn = request.at("BackupArn");
    auto parts = parse_backup_arn(arn, region.core().account_id);
    const bool remote = parts.region != region.code();
    std::optional<RemoteBackup> remote_backup;
    const BackupRecord* b = nullptr;
    if (remote) {
        require_sse_override(request);
        require_reachable(region, parts.region);
        remote_backup = open_remote_backup(region.core(), parts.region, arn);
        if (remote_backup) b = &remote_backup->record;
    } else {
        b = region.recovery().find_backup(parts.table, parts.id);
    }
    if (!b) throw ApiError("BackupNotFoundException", "Backup not found: " + arn);
    TableMeta settings = table_from_source(b->source);
    apply_overrides(settings, request, region);
    check_target(region, target);
    if (b->status != "AVAILABLE")
        throw ApiError("BackupInUseException",
                       "There is another ongoing conflicting backup control plane operation on "
                       "the table. The backup is either being created, deleted or restored to a "
                       "table.");
    // The backup's region keeps the claims on its backups, wherever the restores run.
    BackupClaims& claims =
        remote ? backup_claims_of(region.core(), parts.region) : region.recovery().backup_claims();
    if (claims.held(b->arn)) backup_in_use(b->arn);
    check_restore_limit(region);

    RestoreJob job;
    job.source_backup_arn = b->arn;
    job.backup_id = b->id;
    job.source_table_arn = b->table_arn();
    job.restore_time = b->created;
    RemoteInput input;
    if (remote) {
        job.source_region = parts.region;
        input.backup_items = remote_backup->items;
    }
    const std::string table_id = new_uuid();
    // Checked just before, but a restore in another region may have claimed it since.
    if (!claims.claim(b->arn, table_id)) backup_in_use(b->arn);
    try {
        return create_target(region, std::move(settings), target, table_id, std::move(job),
                             std::move(input));
    } catch (...) {
        claims.release(b->arn, table_id);
        throw;
    }
}

Json restore_table_to_point_in_time(core::Region& region, const Json& request) {
    auto source_name = string_member(request, "SourceTableName");
    auto source_arn = string_member(request, "SourceTableArn");
    if (source_name && source_arn)
        throw_validation("Must provide exactly one of: sourceTableArn, sourceTableName");
    if (!source_name && !source_arn) throw_validation("The parameter 'TableName' is required");
    auto restore_at = member(request, "RestoreDateTime");
    bool use_latest = bool_member(request, "UseLatestRestorableTime").value_or(false);
    if (restore_at && use_latest)
        throw_validation(
            "Invalid Request: Both RestoreDateTime and UseLatestRestorableTime cannot be set for "
            "point-in-time restore request. Please specify either RestoreDateTime time or "
            "UseLatestRestorableTime");
    if (!restore_at && !use_latest)
        throw_validation(
            "Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be "
            "specified, but not both");
    std::string source_region(region.code());
    if (source_arn) {
        // arn:aws:dynamodb:REGION:ACCOUNT:table/NAME
        const std::string& a = *source_arn;
        std::vector<std::string> parts;
        std::size_t begin = 0;
        for (int i = 0; i < 5; ++i) {
            std::size_t colon = a.find(':', begin);
            if (colon == std::string::npos) throw_validation("sourceTableArn is not a valid ARN");
            parts.push_back(a.substr(begin, colon - begin));
            begin = colon + 1;
        }
        std::string resource = a.substr(begin);
        if (parts[0] != "arn" || parts[1] != "aws" || parts[2] != "dynamodb" ||
            resource.rfind("table/", 0) != 0 || resource.size() <= 6 ||
            resource.find('/', 6) != std::string::npos)
            throw_validation("sourceTableArn is not a valid ARN");
        if (parts[4] != region.core().account_id)
            throw_validation(
                "This action is only supported by accounts that match the resource owner's "
                "account");
        if (parts[3] != region.code()) {
            require_sse_override(request);
            source_region = parts[3];
        }
        source_name = resource.substr(6);
    }
    const std::string target = request.at("TargetTableName");

    const bool remote = source_region != region.code();
    std::optional<RemoteTable> remote_table;
    if (remote) {
        require_reachable(region, source_region);
        remote_table = open_remote_table(region.core(), source_region, *source_name);
        // table_for_backups' answer, for the source's region.
        if (!remote_table || remote_table->meta.status == "CREATING")
            throw ApiError("TableNotFoundException", "Table not found: " + *source_name);
    }
    TableMeta& source = remote ? remote_table->meta : table_for_backups(region, *source_name);
    const PitrSettings& pitr = source.recovery.pitr;
    if (!pitr.enabled)
        throw ApiError("PointInTimeRecoveryUnavailableException",
                       "Point in time recovery is not enabled for table '" + source.name + "'");
    auto [earliest, latest] = restorable_window(pitr, region.now());
    const Millis at = use_latest ? latest : millis_from_json(*restore_at);
    if (at < earliest || at > latest)
        throw ApiError("InvalidRestoreTimeException",
                       "RestoreDateTime '" + format_iso8601(at) +
                           "' must be within EarliestRestorableDateTime '" +
                           format_iso8601(earliest) + "' and LatestRestorableDateTime '" +
                           format_iso8601(latest) + "'");
    // The current settings of the source (M: "All these settings come from the current
    // settings of the source table at the time of restore").
    TableMeta settings = table_from_source(record_source(source));
    apply_overrides(settings, request, region);
    check_target(region, target);
    check_restore_limit(region);

    RestoreJob job;
    job.source_table_arn = source.arn();
    job.source_table = source.name;
    job.source_table_id = source.table_id;
    job.restore_time = at;
    RemoteInput input;
    if (remote) {
        job.source_region = source_region;
        input.table_view = remote_table->view;
        input.table = remote_table->meta.id;
    }
    return create_target(region, std::move(settings), target, new_uuid(), std::move(job),
                         std::move(input));
}

}  // namespace tablespan::api
