// UpdateContinuousBackups and DescribeContinuousBackups: point-in-time recovery settings,
// per table and per region (each replica of a global table has its own).

#include "api/handlers.h"
#include "api/recovery.h"
#include "api/request_util.h"
#include "api/table_recovery.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
// ContinuousBackupsStatus is not the PITR flag: it turns ENABLED by itself shortly after
// the table became ACTIVE and stays so (observed). The window's bounds show only while
// PITR is enabled.
Json continuous_backups(const TableMeta& t, Millis now) {
    const PitrSettings& p = t.recovery.pitr;
    Json pitr = {{"PointInTimeRecoveryStatus", p.enabled ? "ENABLED" : "DISABLED"}};
    if (p.enabled) {
        auto [earliest, latest] = restorable_window(p, now);
        pitr["RecoveryPeriodInDays"] = p.period_days;
        pitr["EarliestRestorableDateTime"] = epoch_seconds(earliest);
        pitr["LatestRestorableDateTime"] = epoch_seconds(latest);
    }
    return {{"ContinuousBackupsStatus", now >= backups_ready_at(t) ? "ENABLED" : "DISABLED"},
            {"PointInTimeRecoveryDescription", pitr}};
}
}  // namespace

Json update_continuous_backups(core::Region& region, const Json& request) {
    const Json& spec = request.at("PointInTimeRecoverySpecification");
    const bool enable = bool_member(spec, "PointInTimeRecoveryEnabled").value_or(false);
    auto period = int_member(spec, "RecoveryPeriodInDays");
    if (!enable && period)
        throw_validation(
            "Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time "
            "recovery.");
    TableMeta& t = table_for_backups(region, request.at("TableName"));
    const Millis now = region.now();
    if (now < backups_ready_at(t))
        throw ApiError(
            "ContinuousBackupsUnavailableException",
            "Backups are being enabled for the table: " + t.name + ". Please retry later");
    PitrSettings& p = t.recovery.pitr;
    if (enable) {
        if (!p.enabled) {
            // A new window: "you can only immediately restore that table using the
            // LatestRestorableDateTime".
            p.enabled = true;
            p.enabled_at = now;
            p.period_days = period.value_or(kDefaultRecoveryPeriodDays);
        } else if (period) {
            p.period_days = *period;
        }
        region.recovery().pitr_enabled(t);
    } else if (p.enabled) {
        p = PitrSettings{};
        region.recovery().pitr_disabled(t);
    }
    region.save_table(t);
    return {{"ContinuousBackupsDescription", continuous_backups(t, now)}};
}

Json describe_continuous_backups(core::Region& region, const Json& request) {
    const TableMeta& t = table_for_backups(region, request.at("TableName"));
    return {{"ContinuousBackupsDescription", continuous_backups(t, region.now())}};
}

}  // namespace tablespan::api
