#include "api/table_recovery.h"

#include <algorithm>

#include "api/lifecycle.h"
#include "api/table_meta.h"

namespace tablespan::api {

namespace {
Json key_to_json(const std::pair<std::string, std::string>& key) {
    return Json::array({base64_encode(key.first), base64_encode(key.second)});
}

std::pair<std::string, std::string> key_from_json(const Json& j) {
    std::pair<std::string, std::string> key;
    base64_decode(j.at(0).get<std::string>(), key.first);
    base64_decode(j.at(1).get<std::string>(), key.second);
    return key;
}
}  // namespace

Json TableRecovery::to_storage() const {
    Json j = {{"pitr",
               {{"enabled", pitr.enabled},
                {"period_days", pitr.period_days},
                {"enabled_at", pitr.enabled_at}}},
              {"backups_ready", backups_ready}};
    if (restore) {
        Json r = {{"source_backup_arn", restore->source_backup_arn},
                  {"backup_id", restore->backup_id},
                  {"source_table_arn", restore->source_table_arn},
                  {"source_table", restore->source_table},
                  {"source_table_id", restore->source_table_id},
                  {"restore_time", restore->restore_time},
                  {"filled", restore->filled},
                  {"backup_cursor", restore->backup_cursor}};
        if (restore->cursor) r["cursor"] = key_to_json(*restore->cursor);
        if (!restore->source_region.empty()) r["source_region"] = restore->source_region;
        j["restore"] = r;
    }
    return j;
}

TableRecovery TableRecovery::from_storage(const Json& j) {
    TableRecovery out;
    const Json& p = j.at("pitr");
    out.pitr = {p.at("enabled"), p.at("period_days"), p.at("enabled_at")};
    out.backups_ready = j.at("backups_ready");
    if (j.contains("restore")) {
        const Json& r = j.at("restore");
        RestoreJob job;
        job.source_backup_arn = r.at("source_backup_arn");
        job.backup_id = r.at("backup_id");
        job.source_table_arn = r.at("source_table_arn");
        job.source_region = r.value("source_region", std::string());
        job.source_table = r.at("source_table");
        job.source_table_id = r.at("source_table_id");
        job.restore_time = r.at("restore_time");
        job.filled = r.at("filled");
        job.backup_cursor = r.value("backup_cursor", std::int64_t{0});
        if (r.contains("cursor")) job.cursor = key_from_json(r.at("cursor"));
        out.restore = std::move(job);
    }
    return out;
}

Millis backups_ready_at(const TableMeta& table) {
    if (table.recovery.backups_ready) return table.recovery.backups_ready;
    return table.created + kCreatingMs + kBackupsEnablingMs;
}

bool restoring(const TableMeta& table) {
    return table.status == "CREATING" && table.recovery.restore.has_value();
}

std::pair<Millis, Millis> restorable_window(const PitrSettings& pitr, Millis now) {
    Millis earliest = std::max(pitr.enabled_at, now - pitr.period_days * kDayMs);
    Millis latest = std::max(pitr.enabled_at, now - kPitrLagMs);
    return {earliest, latest};
}

void describe_restore(const TableMeta& table, Json& description) {
    if (!restoring(table)) return;
    const RestoreJob& r = *table.recovery.restore;
    Json summary = Json::object();
    if (!r.source_backup_arn.empty()) summary["SourceBackupArn"] = r.source_backup_arn;
    summary["SourceTableArn"] = r.source_table_arn;
    summary["RestoreDateTime"] = epoch_seconds(r.restore_time);
    summary["RestoreInProgress"] = true;
    description["RestoreSummary"] = summary;
}

}  // namespace tablespan::api
