#include "kms/table_key_state.h"

namespace tablespan::kms {

Json TableKeyState::to_storage() const {
    return {{"unusable_since", unusable_since},
            {"usable_since", usable_since},
            {"failing_since", failing_since},
            {"inaccessible_at", inaccessible_at},
            {"archived_at", archived_at},
            {"reason", reason},
            {"archival_backup", archival_backup_arn},
            {"next_at", next_at}};
}

TableKeyState TableKeyState::from_storage(const Json& j) {
    TableKeyState s;
    s.unusable_since = j.value("unusable_since", Millis{0});
    s.usable_since = j.value("usable_since", Millis{0});
    s.failing_since = j.value("failing_since", Millis{0});
    s.inaccessible_at = j.value("inaccessible_at", Millis{0});
    s.archived_at = j.value("archived_at", Millis{0});
    s.reason = j.value("reason", std::string());
    s.archival_backup_arn = j.value("archival_backup", std::string());
    s.next_at = j.value("next_at", Millis{0});
    return s;
}

}  // namespace tablespan::kms
