#include "kms/key.h"

#include <cstdint>
#include <cstdio>

namespace tablespan::kms {

namespace {
double epoch_seconds(Millis t) {
    return static_cast<double>(t) / 1000.0;
}

KeyState state_from(const std::string& name) {
    if (name == "Disabled") return KeyState::Disabled;
    if (name == "PendingDeletion") return KeyState::PendingDeletion;
    return KeyState::Enabled;
}

// FNV-1a, 64 bits.
std::uint64_t fnv(const std::string& text, std::uint64_t seed) {
    std::uint64_t h = 1469598103934665603ULL ^ seed;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

bool hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
}  // namespace

const char* state_name(KeyState state) {
    switch (state) {
        case KeyState::Enabled:
            return "Enabled";
        case KeyState::Disabled:
            return "Disabled";
        case KeyState::PendingDeletion:
            return "PendingDeletion";
    }
    return "Enabled";
}

Json Key::metadata(const std::string& account) const {
    // The members and their values as KMS shows a symmetric key (LocalStack's snapshot
    // tests recorded against AWS, tests/aws/services/kms/test_kms.snapshot.json:
    // test_create_key, test_get_key_in_different_region).
    Json m = {
        {"AWSAccountId", account},
        {"KeyId", id},
        {"Arn", arn},
        {"CreationDate", epoch_seconds(created)},
        {"Enabled", state == KeyState::Enabled},
        {"Description", description},
        {"KeyUsage", "ENCRYPT_DECRYPT"},
        {"KeyState", state_name(state)},
        {"Origin", "AWS_KMS"},
        {"KeyManager", aws_managed ? "AWS" : "CUSTOMER"},
        {"CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"},
        {"KeySpec", "SYMMETRIC_DEFAULT"},
        {"EncryptionAlgorithms", Json::array({"SYMMETRIC_DEFAULT"})},
        {"MultiRegion", false},
    };
    if (state == KeyState::PendingDeletion) m["DeletionDate"] = epoch_seconds(deletion_date);
    return m;
}

Json Key::to_storage() const {
    return {{"id", id},
            {"arn", arn},
            {"description", description},
            {"state", state_name(state)},
            {"aws_managed", aws_managed},
            {"created", created},
            {"deletion_date", deletion_date}};
}

Key Key::from_storage(const Json& j) {
    Key k;
    k.id = j.at("id");
    k.arn = j.at("arn");
    k.description = j.at("description");
    k.state = state_from(j.at("state"));
    k.aws_managed = j.at("aws_managed");
    k.created = j.at("created");
    k.deletion_date = j.at("deletion_date");
    return k;
}

std::string key_arn(const std::string& region, const std::string& account, const std::string& id) {
    return "arn:aws:kms:" + region + ":" + account + ":key/" + id;
}

std::string aws_managed_key_id(const std::string& region, const std::string& account) {
    const std::string name = account + "/" + region + "/" + kDynamoDbAlias;
    const std::uint64_t a = fnv(name, 0), b = fnv(name, 0x9e3779b97f4a7c15ULL);
    char text[37];
    // Shaped as a version-4 UUID, as every KMS key id is.
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return text;
}

std::string aws_managed_key_arn(const std::string& region, const std::string& account) {
    return key_arn(region, account, aws_managed_key_id(region, account));
}

bool is_aws_managed_arn(const std::string& arn) {
    // arn:aws:kms:<region>:<account>:key/<id>
    const std::string prefix = "arn:aws:kms:";
    if (arn.rfind(prefix, 0) != 0) return false;
    const auto region_end = arn.find(':', prefix.size());
    if (region_end == std::string::npos) return false;
    const auto account_end = arn.find(':', region_end + 1);
    if (account_end == std::string::npos) return false;
    const std::string region = arn.substr(prefix.size(), region_end - prefix.size());
    const std::string account = arn.substr(region_end + 1, account_end - region_end - 1);
    return arn == aws_managed_key_arn(region, account);
}

bool looks_like_key_id(const std::string& text) {
    if (text.rfind("mrk-", 0) == 0) {
        if (text.size() != 36) return false;
        for (std::size_t i = 4; i < text.size(); ++i)
            if (!hex(text[i])) return false;
        return true;
    }
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !hex(text[i])) return false;
    }
    return true;
}

}  // namespace tablespan::kms
