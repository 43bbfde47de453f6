#include "kms/region_kms.h"

#include "api/ids.h"
#include "core/region.h"
#include "kms/kms_timings.h"

namespace tablespan::kms {

namespace {
// The description KMS gives DynamoDB's AWS managed key (as exported from AWS by
// Terraform, e.g. "description = Default key that protects my DynamoDB data when no
// other key is defined"; LocalStack's DynamoDB provider uses the same text).
constexpr const char* kAwsManagedDescription =
    "Default key that protects my DynamoDB data when no other key is defined";

const char* reason_of(const Key& key) {
    return key.state == KeyState::PendingDeletion ? "pending" : "disabled";
}
}  // namespace

RegionKms::RegionKms(core::Region& region)
    : region_(region), code_(region.code()), account_(region.core().account_id), watch_(region) {}

void RegionKms::load() {
    auto s = region_.store().db().prepare("SELECT meta FROM kms_keys ORDER BY created, id");
    {
        std::lock_guard lock(mutex_);
        while (s.step()) {
            Key k = Key::from_storage(Json::parse(s.column_text(0)));
            keys_.emplace(k.id, std::move(k));
        }
    }
    for (const auto& [id, key] : keys_)
        if (key.state == KeyState::PendingDeletion) schedule_deletion_date(key);
    watch_.resume();
}

void RegionKms::persist(const Key& key) {
    region_.begin_write();
    region_.store()
        .db()
        .prepare(
            "INSERT INTO kms_keys(id, created, meta) VALUES(?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET meta=excluded.meta")
        .bind_text(1, key.id)
        .bind(2, key.created)
        .bind_text(3, key.to_storage().dump())
        .run();
}

void RegionKms::persist_unsaved() {
    std::vector<Key> keys;
    {
        std::lock_guard lock(mutex_);
        for (const auto& id : unsaved_)
            if (auto it = keys_.find(id); it != keys_.end()) keys.push_back(it->second);
        unsaved_.clear();
    }
    for (const auto& k : keys) persist(k);
}

Key RegionKms::aws_managed() {
    const std::string id = aws_managed_key_id(code_, account_);
    Key k;
    {
        std::lock_guard lock(mutex_);
        if (auto it = keys_.find(id); it != keys_.end()) return it->second;
        k.id = id;
        k.arn = key_arn(code_, account_, id);
        k.description = kAwsManagedDescription;
        k.aws_managed = true;
        k.created = region_.now();
        keys_.emplace(id, k);
        unsaved_.insert(id);
    }
    // Stored by the region's own strand, whoever asked (its id never changes, so a key
    // lost in a crash before this comes back the same).
    region_.post([this] { region_.run_internal([this] { persist_unsaved(); }); });
    return k;
}

std::variant<Key, KmsFailure> RegionKms::find(const std::string& key_id) {
    // Resolution as KMS does it (LocalStack's provider, _get_key_id_from_any_id, whose
    // texts its snapshot tests recorded against AWS).
    std::string alias, id = key_id, arn;
    if (key_id.rfind("arn:", 0) == 0) {
        const auto alias_at = key_id.find(":alias/");
        const auto key_at = key_id.find(":key/");
        if (alias_at != std::string::npos) {
            alias = "alias/" + key_id.substr(alias_at + 7);
        } else if (key_id.rfind("arn:aws:kms:", 0) == 0 && key_at != std::string::npos) {
            const auto region_end = key_id.find(':', 12);
            const std::string region = key_id.substr(12, region_end - 12);
            if (region != code_) return invalid_arn(region);
            arn = key_id;
            id = key_id.substr(key_at + 5);
        } else {
            return invalid_key_id(key_id);
        }
    } else if (key_id.rfind("alias/", 0) == 0) {
        alias = key_id;
    }
    if (!alias.empty()) {
        if (alias == kDynamoDbAlias) return aws_managed();
        return alias_not_found("arn:aws:kms:" + code_ + ":" + account_ + ":" + alias);
    }
    if (!looks_like_key_id(id)) return invalid_key_id(id);
    if (arn.empty()) arn = key_arn(code_, account_, id);
    if (id == aws_managed_key_id(code_, account_) && arn == key_arn(code_, account_, id))
        return aws_managed();
    std::lock_guard lock(mutex_);
    auto it = keys_.find(id);
    if (it == keys_.end() || it->second.arn != arn) return key_not_found(arn);
    return it->second;
}

Key RegionKms::describe(const std::string& key_id) {
    auto found = find(key_id);
    if (auto* failure = std::get_if<KmsFailure>(&found)) throw_kms(*failure);
    return std::get<Key>(found);
}

std::string RegionKms::customer_key(const std::string& key_id, const char* action) {
    auto found = find(key_id);
    if (auto* failure = std::get_if<KmsFailure>(&found)) throw_kms(*failure);
    const Key& key = std::get<Key>(found);
    if (key.aws_managed)
        // The AWS managed key's policy lets only the service use it (the text of KMS's
        // AccessDeniedException for a policy that allows nothing, as DynamoDB relays it in
        // details/DDB-TABLE-461.md).
        throw ApiError("AccessDeniedException",
                       "User: arn:aws:iam::" + account_ + ":root is not authorized to perform: " +
                           action + " on resource: " + key.arn +
                           " because no resource-based policy allows the " + action + " action");
    return key.id;
}

Key RegionKms::create_key(const std::string& description) {
    Key k;
    k.id = api::new_uuid();
    k.arn = key_arn(code_, account_, k.id);
    k.description = description;
    k.created = region_.now();
    {
        std::lock_guard lock(mutex_);
        keys_.emplace(k.id, k);
    }
    persist(k);
    return k;
}

std::vector<Key> RegionKms::list() {
    // The AWS managed key exists once a table uses it (a replica made here by another
    // region included).
    const std::string managed = aws_managed_key_arn(code_, account_);
    for (auto* t : region_.tables())
        if (t->sse_enabled && t->sse_kms_key_arn == managed) {
            aws_managed();
            persist_unsaved();
            break;
        }
    std::vector<Key> out;
    std::lock_guard lock(mutex_);
    for (const auto& [id, key] : keys_) out.push_back(key);
    std::sort(out.begin(), out.end(), [](const Key& a, const Key& b) {
        return a.created != b.created ? a.created < b.created : a.id < b.id;
    });
    return out;
}

void RegionKms::disable(const std::string& key_id) {
    Key changed_key;
    const std::string id = customer_key(key_id, "kms:DisableKey");
    {
        std::lock_guard lock(mutex_);
        Key& key = keys_.at(id);
        if (key.state == KeyState::PendingDeletion) throw_kms(key_pending_deletion(key.arn));
        if (key.state == KeyState::Disabled) return;  // allowed, nothing changes
        key.state = KeyState::Disabled;
        changed_key = key;
    }
    persist(changed_key);
    changed(changed_key);
}

void RegionKms::enable(const std::string& key_id) {
    Key changed_key;
    const std::string id = customer_key(key_id, "kms:EnableKey");
    {
        std::lock_guard lock(mutex_);
        Key& key = keys_.at(id);
        if (key.state == KeyState::PendingDeletion) throw_kms(key_pending_deletion(key.arn));
        if (key.state == KeyState::Enabled) return;
        key.state = KeyState::Enabled;
        changed_key = key;
    }
    persist(changed_key);
    changed(changed_key);
}

Key RegionKms::schedule_deletion(const std::string& key_id, int days) {
    const std::string id = customer_key(key_id, "kms:ScheduleKeyDeletion");
    Key changed_key;
    {
        std::lock_guard lock(mutex_);
        Key& key = keys_.at(id);
        if (key.state == KeyState::PendingDeletion) throw_kms(key_pending_deletion(key.arn));
        key.state = KeyState::PendingDeletion;
        key.deletion_date = region_.now() + days * kDay;
        changed_key = key;
    }
    persist(changed_key);
    changed(changed_key);
    schedule_deletion_date(changed_key);
    return changed_key;
}

Key RegionKms::cancel_deletion(const std::string& key_id) {
    Key changed_key;
    const std::string id = customer_key(key_id, "kms:CancelKeyDeletion");
    {
        std::lock_guard lock(mutex_);
        Key& key = keys_.at(id);
        // Not verified against AWS: the text two independent emulators use.
        if (key.state != KeyState::PendingDeletion)
            throw ApiError("KMSInvalidStateException", key.arn + " is not pending deletion.");
        // "the key state of the KMS key is Disabled" (KMS API reference, CancelKeyDeletion).
        key.state = KeyState::Disabled;
        key.deletion_date = 0;
        changed_key = key;
    }
    persist(changed_key);
    changed(changed_key);
    return changed_key;
}

void RegionKms::changed(const Key& key) {
    watch_.key_changed(key.arn, key.usable(), reason_of(key));
}

void RegionKms::schedule_deletion_date(const Key& key) {
    region_.core().scheduler.schedule_at(key.deletion_date, [this, id = key.id] {
        region_.post([this, id] { delete_if_due(id); });
    });
}

void RegionKms::delete_if_due(const std::string& id) {
    Key gone;
    {
        std::lock_guard lock(mutex_);
        auto it = keys_.find(id);
        if (it == keys_.end() || it->second.state != KeyState::PendingDeletion ||
            it->second.deletion_date > region_.now())
            return;  // cancelled, or scheduled again later
        gone = it->second;
        keys_.erase(it);
    }
    region_.run_internal([&] {
        region_.begin_write();
        region_.store().db().prepare("DELETE FROM kms_keys WHERE id=?").bind_text(1, id).run();
        watch_.key_changed(gone.arn, false, "deleted");
    });
}

}  // namespace tablespan::kms
