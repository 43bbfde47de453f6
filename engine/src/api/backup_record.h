#pragma once

// One on-demand (USER) or SYSTEM backup as the region's catalog keeps it: its identity,
// status and size, and what it recorded of its source table; how the service renders it
// (BackupDetails, BackupDescription, BackupSummary); backup ARNs.

#include <cstdint>
#include <string>

#include "api/table_meta.h"
#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

// SYSTEM backups (left by deleting a table with PITR enabled) are kept this long.
inline constexpr Millis kSystemBackupRetentionMs = 35 * 24 * 3'600'000LL;

struct BackupRecord {
    std::int64_t id = 0;  // catalog row id; also keys its items in the backups file
    std::string arn;
    std::string name;
    std::string status = "CREATING";  // CREATING, AVAILABLE
    std::string type = "USER";        // USER, SYSTEM
    Millis created = 0;
    Millis expires = 0;  // SYSTEM backups only
    std::int64_t size_bytes = 0;
    std::int64_t item_count = 0;
    // The source table as recorded at backup time (see record_source()).
    Json source = Json::object();

    std::string table_name() const { return source.at("name"); }
    std::string table_arn() const { return source.at("arn"); }

    Json to_storage() const;
    static BackupRecord from_storage(std::int64_t id, const Json& j);

    // CreateBackup's BackupDetails.
    Json details() const;
    // DescribeBackup's and DeleteBackup's BackupDescription, with `status` shown.
    Json description(const std::string& status) const;
    // A ListBackups entry.
    Json summary() const;
};

// What a backup records of its table: keys, billing and throughput, streams and
// encryption, counters (not tags, PITR, table class or deletion protection).
Json record_source(const TableMeta& table);
// A table with the recorded settings (name, keys, billing, throughput, SSE, stream).
TableMeta table_from_source(const Json& source);

// "arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/01489173575360-b308cd7d": the
// creation time in epoch milliseconds and 8 hex digits (all zero for SYSTEM backups).
std::string backup_arn(const std::string& table_arn, Millis created, bool system);

struct BackupArnParts {
    std::string region;
    std::string account;
    std::string table;
    std::string id;      // "01489173575360-b308cd7d"
    Millis created = 0;  // from the id
};
// Parses a BackupArn member, throwing the service's errors: ValidationException "Invalid
// Backup ARN" when it is not a backup ARN, "BackupArn is not valid" for an unknown
// partition, service or region, AccessDeniedException for another account.
BackupArnParts parse_backup_arn(const std::string& arn, const std::string& account_id);

}  // namespace tablespan::api
