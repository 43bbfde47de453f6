#pragma once

// Where a table stands with its KMS key: kept with the table's metadata so that the
// timeline of an inaccessible key (kms/key_watch.h) goes on after a restart. A default
// value means the key is usable and nothing is pending.

#include <string>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::kms {

struct TableKeyState {
    // Engine times; 0 means "not".
    Millis unusable_since = 0;   // the key became unusable (disabled, pending deletion, gone)
    Millis usable_since = 0;     // the key is usable again while the table still suffers
    Millis failing_since = 0;    // data-plane requests are refused since
    Millis inaccessible_at = 0;  // detected inaccessible (InaccessibleEncryptionDateTime)
    Millis archived_at = 0;      // archival began (ArchivalDateTime)
    std::string reason;          // why the key is unusable: disabled, pending, deleted
    std::string archival_backup_arn;
    Millis next_at = 0;  // when the timeline moves next

    bool affected() const {
        return unusable_since || usable_since || failing_since || inaccessible_at || archived_at;
    }

    Json to_storage() const;
    static TableKeyState from_storage(const Json& j);
};

}  // namespace tablespan::kms
