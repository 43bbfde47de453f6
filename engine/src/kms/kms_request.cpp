#include "kms/kms_request.h"

#include <cctype>
#include <cmath>
#include <initializer_list>
#include <string>
#include <tuple>
#include <vector>

#include "api/request_validator.h"
#include "tablespan/error.h"

namespace tablespan::kms {

namespace {
enum class Type { String, Integer, Boolean, TagList, StringList };

struct Member {
    const char* name;
    Type type;
    long long min = -1, max = -1;                    // length (strings, lists) or value (integers)
    std::initializer_list<const char*> values = {};  // an enum's values
    bool required = false;
};

struct Operation {
    const char* name;
    std::initializer_list<Member> members;
};

constexpr std::initializer_list<const char*> kKeyUsage = {"SIGN_VERIFY", "ENCRYPT_DECRYPT",
                                                          "GENERATE_VERIFY_MAC"};
constexpr std::initializer_list<const char*> kKeySpec = {"RSA_2048",
                                                         "RSA_3072",
                                                         "RSA_4096",
                                                         "ECC_NIST_P256",
                                                         "ECC_NIST_P384",
                                                         "ECC_NIST_P521",
                                                         "ECC_SECG_P256K1",
                                                         "SYMMETRIC_DEFAULT",
                                                         "HMAC_224",
                                                         "HMAC_256",
                                                         "HMAC_384",
                                                         "HMAC_512",
                                                         "SM2"};
constexpr std::initializer_list<const char*> kOrigin = {"AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM",
                                                        "EXTERNAL_KEY_STORE"};

const Operation kOperations[] = {
    {"CreateKey",
     {{"Policy", Type::String, 1, 131072},
      {"Description", Type::String, 0, 8192},
      {"KeyUsage", Type::String, -1, -1, kKeyUsage},
      {"CustomerMasterKeySpec", Type::String, -1, -1, kKeySpec},
      {"KeySpec", Type::String, -1, -1, kKeySpec},
      {"Origin", Type::String, -1, -1, kOrigin},
      {"CustomKeyStoreId", Type::String, 1, 64},
      {"BypassPolicyLockoutSafetyCheck", Type::Boolean},
      {"Tags", Type::TagList},
      {"MultiRegion", Type::Boolean},
      {"XksKeyId", Type::String, 1, 128}}},
    {"DescribeKey",
     {{"KeyId", Type::String, 1, 2048, {}, true}, {"GrantTokens", Type::StringList, 0, 10}}},
    {"ListKeys", {{"Limit", Type::Integer, 1, 1000}, {"Marker", Type::String, 1, 1024}}},
    {"DisableKey", {{"KeyId", Type::String, 1, 2048, {}, true}}},
    {"EnableKey", {{"KeyId", Type::String, 1, 2048, {}, true}}},
    {"ScheduleKeyDeletion",
     {{"KeyId", Type::String, 1, 2048, {}, true}, {"PendingWindowInDays", Type::Integer, 1, 365}}},
    {"CancelKeyDeletion", {{"KeyId", Type::String, 1, 2048, {}, true}}},
};

[[noreturn]] void serialization(std::string message) {
    throw ApiError("SerializationException", std::move(message));
}

bool whole(const Json& v) {
    if (!v.is_number_float()) return v.is_number();
    const double d = v.get<double>();
    return std::isfinite(d) && d == std::floor(d);
}

std::string token(const Json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (v.is_number()) return whole(v) ? "NUMBER_VALUE" : "DECIMAL_VALUE";
    return "STRING_VALUE";
}

void check_scalar(const Json& v, const char* type_name, bool ok) {
    if (v.is_object()) serialization("Start of structure or map found where not expected");
    if (v.is_array()) serialization("Start of list found where not expected");
    if (!ok) serialization(token(v) + " cannot be converted to " + type_name);
}

void check_type(const Member& m, const Json& v) {
    switch (m.type) {
        case Type::String:
            return check_scalar(v, "String", v.is_string());
        case Type::Integer:
            return check_scalar(v, "Integer", v.is_number() && whole(v));
        case Type::Boolean:
            return check_scalar(v, "Boolean", v.is_boolean());
        case Type::StringList:
        case Type::TagList:
            if (!v.is_array()) {
                if (v.is_object())
                    serialization("Start of structure or map found where not expected");
                serialization("Unexpected field type");
            }
            for (const auto& e : v) {
                if (m.type == Type::StringList) {
                    check_scalar(e, "String", e.is_string());
                    continue;
                }
                if (!e.is_object()) serialization("Unexpected field type");
                for (const char* field : {"TagKey", "TagValue"})
                    if (auto it = e.find(field); it != e.end() && !it->is_null())
                        check_scalar(*it, "String", it->is_string());
            }
            return;
    }
}

std::string path_of(const std::string& name) {
    std::string p = name;
    p[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(p[0])));
    return p;
}

std::string text_of(const Json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

void check_length(std::vector<std::string>& errors, const std::string& value_text,
                  const std::string& path, long long length, long long min, long long max) {
    const std::string prefix =
        "Value '" + value_text + "' at '" + path + "' failed to satisfy constraint: ";
    if (min >= 0 && length < min)
        errors.push_back(prefix + "Member must have length greater than or equal to " +
                         std::to_string(min));
    if (max >= 0 && length > max)
        errors.push_back(prefix + "Member must have length less than or equal to " +
                         std::to_string(max));
}

long long utf8_length(const std::string& s) {
    long long n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

void check_constraints(std::vector<std::string>& errors, const Member& m, const Json* v) {
    const std::string path = path_of(m.name);
    if (!v) {
        if (m.required)
            errors.push_back("Value null at '" + path +
                             "' failed to satisfy constraint: Member must not be null");
        return;
    }
    switch (m.type) {
        case Type::String: {
            const std::string s = v->get<std::string>();
            check_length(errors, s, path, utf8_length(s), m.min, m.max);
            if (m.values.size() > 0) {
                bool known = false;
                std::string set;
                for (const char* e : m.values) {
                    known = known || s == e;
                    set += std::string(set.empty() ? "" : ", ") + e;
                }
                if (!known)
                    errors.push_back("Value '" + s + "' at '" + path +
                                     "' failed to satisfy constraint: Member must satisfy enum "
                                     "value set: [" +
                                     set + "]");
            }
            return;
        }
        case Type::Integer: {
            const double d = v->get<double>();
            const std::string prefix =
                "Value '" + text_of(*v) + "' at '" + path + "' failed to satisfy constraint: ";
            if (m.min >= 0 && d < static_cast<double>(m.min))
                errors.push_back(prefix + "Member must have value greater than or equal to " +
                                 std::to_string(m.min));
            if (m.max >= 0 && d > static_cast<double>(m.max))
                errors.push_back(prefix + "Member must have value less than or equal to " +
                                 std::to_string(m.max));
            return;
        }
        case Type::StringList: {
            check_length(errors, v->dump(), path, static_cast<long long>(v->size()), m.min, m.max);
            int i = 1;
            for (const auto& e : *v)
                check_length(errors, e.get<std::string>(),
                             path + "." + std::to_string(i++) + ".member",
                             utf8_length(e.get<std::string>()), 1, 8192);
            return;
        }
        case Type::TagList: {
            int i = 1;
            for (const auto& tag : *v) {
                const std::string at = path + "." + std::to_string(i++) + ".member.";
                for (auto [field, min, max] :
                     {std::tuple{"TagKey", 1, 128}, {"TagValue", 0, 256}}) {
                    auto it = tag.find(field);
                    const std::string fpath = at + path_of(field);
                    if (it == tag.end() || it->is_null()) {
                        errors.push_back("Value null at '" + fpath +
                                         "' failed to satisfy constraint: Member must not be null");
                        continue;
                    }
                    const std::string s = it->get<std::string>();
                    check_length(errors, s, fpath, utf8_length(s), min, max);
                }
            }
            return;
        }
        case Type::Boolean:
            return;
    }
}
}  // namespace

void validate_request(std::string_view operation, const Json& request) {
    for (const auto& op : kOperations) {
        if (operation != op.name) continue;
        for (const auto& m : op.members) {
            auto it = request.find(m.name);
            if (it != request.end() && !it->is_null()) check_type(m, *it);
        }
        std::vector<std::string> errors;
        for (const auto& m : op.members) {
            auto it = request.find(m.name);
            check_constraints(errors, m, it == request.end() || it->is_null() ? nullptr : &*it);
        }
        api::throw_constraint_violations(errors);
        return;
    }
}

}  // namespace tablespan::kms
