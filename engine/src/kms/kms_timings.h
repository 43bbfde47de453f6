#pragma once

// How the simulated service reacts to a table's KMS key becoming unusable, on engine time.
// Observed values come from the ack-api-quirks probes against live AWS, summarised in
// ../shared/reference/dynamodb-semantics.md §6.2 (aws-controllers-k8s/dynamodb-controller,
// docs/api-quirks/table-streams-encryption-class.md: DDB-TABLE-331, -333, -335; and
// details/DDB-TABLE-329.md for replicas). Where a range was observed the constant sits in
// its middle; documented limits are taken as documented.

#include "tablespan/clock.h"

namespace tablespan::kms {

inline constexpr Millis kMinute = 60'000;
inline constexpr Millis kHour = 60 * kMinute;
inline constexpr Millis kDay = 24 * kHour;

// Data-plane requests keep working on a cached data key for this long after the key
// became unusable (observed: the first failure 5.5 min after DisableKey).
inline constexpr Millis kDataKeyCacheMs = 5 * kMinute + 30'000;
// ... and work again this long after the key is usable again (observed: reads worked
// within 7 min of EnableKey, long before the status recovered).
inline constexpr Millis kDataPlaneRecoveryMs = 5 * kMinute;
// A single-Region table shows INACCESSIBLE_ENCRYPTION_CREDENTIALS this long after its key
// became unusable (observed 13-75 min).
inline constexpr Millis kTableDetectionMs = 44 * kMinute;
// A replica of a global table does so later (observed once: ~80 min).
inline constexpr Millis kReplicaDetectionMs = 80 * kMinute;
// An inaccessible table is ACTIVE again this long after its key is usable again
// (observed 18-57 min).
inline constexpr Millis kRecoveryMs = 37 * kMinute + 30'000;
// A replica whose key stays inaccessible leaves its replication group this long after the
// detection (documented: "20 hours after detecting the customer managed key as
// inaccessible"; DG encryption.howitworks and the ReplicaStatus model documentation).
inline constexpr Millis kReplicaRemovalMs = 20 * kHour;
// A single-Region table whose key stays inaccessible is archived this long after the
// detection (documented: "longer than seven days").
inline constexpr Millis kArchivalMs = 7 * kDay;
// How long a table stays ARCHIVING before ARCHIVED (not observed; the 7-day path was
// never probed, DDB-TABLE-336): a few minutes, like a small table's backup.
inline constexpr Millis kArchivingMs = 5 * kMinute;

// ScheduleKeyDeletion: the waiting period, in days (KMS API reference: "between 7 and
// 30, inclusive. If you do not include a value, it defaults to 30").
inline constexpr int kMinPendingWindowDays = 7;
inline constexpr int kMaxPendingWindowDays = 30;
inline constexpr int kDefaultPendingWindowDays = 30;

}  // namespace tablespan::kms
