#pragma once

// A table's backup and point-in-time recovery state in one region: its PITR settings
// (per replica, like the service) and, while the table is being filled by a restore,
// where the restore reads from and how far it got.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

struct TableMeta;

// How long after a table turns ACTIVE the service keeps answering "Backups are being
// enabled" (observed 2.6-6 s).
inline constexpr Millis kBackupsEnablingMs = 3'000;
// LatestRestorableDateTime trails the current time by this much.
inline constexpr Millis kPitrLagMs = 5 * 60'000;
inline constexpr std::int64_t kDefaultRecoveryPeriodDays = 35;
inline constexpr Millis kDayMs = 24 * 3'600'000LL;

struct PitrSettings {
    bool enabled = false;
    std::int64_t period_days = kDefaultRecoveryPeriodDays;
    Millis enabled_at = 0;  // history starts here (re-enabling resets it)
};

struct RestoreJob {
    std::string source_backup_arn;  // restores from a backup
    std::int64_t backup_id = 0;     // its items in the backups file
    std::string source_table_arn;
    std::string source_region;    // cross-region restores: where the source is ("": here)
    std::string source_table;     // point-in-time restores: the source, by name
    std::string source_table_id;  // and TableId, to recognise it
    Millis restore_time = 0;      // RestoreDateTime
    std::optional<std::pair<std::string, std::string>> cursor;  // last key written (PITR)
    std::int64_t backup_cursor = 0;  // position of the last backup item written
    bool filled = false;
};

struct TableRecovery {
    PitrSettings pitr;
    std::optional<RestoreJob> restore;
    Millis backups_ready = 0;  // 0: CreationDateTime + CREATING + kBackupsEnablingMs

    Json to_storage() const;
    static TableRecovery from_storage(const Json& j);
};

// When backups become available for the table (ContinuousBackupsStatus ENABLED).
Millis backups_ready_at(const TableMeta& table);
// Whether a restore is filling the table (it is CREATING meanwhile).
bool restoring(const TableMeta& table);
// The recovery window [earliest, latest] of a table with PITR enabled, at `now`.
std::pair<Millis, Millis> restorable_window(const PitrSettings& pitr, Millis now);
// Adds RestoreSummary to a TableDescription while a restore fills the table.
void describe_restore(const TableMeta& table, Json& description);

}  // namespace tablespan::api
