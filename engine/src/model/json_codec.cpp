#include "tablespan/json_codec.h"

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tablespan/error.h"

namespace tablespan {

namespace {

// The service accepts a value at level 32 (the attribute itself is level 1) and rejects
// anything deeper.
constexpr int kMaxNestingLevel = 32;
// Beyond this the shape check stops recursing, to bound stack use on hostile input.
constexpr int kMaxShapeDepth = 1000;

const char* const kMapOfValues =
    "Unrecognized collection type java.util.Map<java.lang.String, "
    "com.amazonaws.dynamodb.v20120810.AttributeValue>";
const char* const kUnexpectedStructure = "Start of structure or map found where not expected";

[[noreturn]] void throw_serialization(std::string message) {
    throw ApiError("SerializationException", std::move(message));
}

[[noreturn]] void throw_nesting() {
    throw_validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
        "levels beyond supported limit");
}

// The wire JSON is read by a Java deserialiser; a JSON number where it wants a string or
// boolean is reported by the token's kind.
std::string number_token(const Json& j) {
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (std::trunc(d) != d) return "DECIMAL_VALUE";
    }
    return "NUMBER_VALUE";
}

bool is_scalar(const Json& j) {
    return j.is_boolean() || j.is_number() || j.is_string();
}

// --- Pass 1: the shapes the deserialiser accepts (SerializationException) ---------------

void check_string(const Json& j) {
    if (j.is_null() || j.is_string()) return;
    if (j.is_boolean()) {
        throw_serialization(std::string(j.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE") +
                            " cannot be converted to String");
    }
    if (j.is_number()) throw_serialization(number_token(j) + " cannot be converted to String");
    if (j.is_array()) throw_serialization("Unrecognized collection type class java.lang.String");
    throw_serialization(kUnexpectedStructure);
}

void check_blob(const Json& j) {
    if (j.is_null()) return;
    if (j.is_boolean() || j.is_number()) {
        throw_serialization("only base-64-encoded strings are convertible to bytes");
    }
    if (j.is_array()) {
        throw_serialization("Unrecognized collection type class java.nio.ByteBuffer");
    }
    if (!j.is_string()) throw_serialization(kUnexpectedStructure);
    const auto& text = j.get_ref<const std::string&>();
    if (text.size() % 4 != 0) {
        throw_serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                            std::to_string(text.size()));
    }
    // sic: the service's spelling
    if (!base64_valid(text)) throw_serialization("Invalid last non-pad Base64 character dectected");
}

// The deserialiser coerces these strings to booleans, case-insensitively.
std::optional<bool> boolean_from_string(std::string_view s) {
    auto equals = [s](std::string_view word) {
        if (s.size() != word.size()) return false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c =
                (s[i] >= 'a' && s[i] <= 'z') ? static_cast<char>(s[i] - 'a' + 'A') : s[i];
            if (c != word[i]) return false;
        }
        return true;
    };
    if (equals("TRUE") || equals("1") || equals("YES")) return true;
    if (equals("FALSE") || equals("0") || equals("NO")) return false;
    return std::nullopt;
}

void check_boolean(const Json& j) {
    if (j.is_null() || j.is_boolean()) return;
    if (j.is_number()) throw_serialization(number_token(j) + " cannot be converted to Boolean");
    if (j.is_string()) {
        if (!boolean_from_string(j.get_ref<const std::string&>())) {
            throw_serialization("Unexpected token received from parser");
        }
        return;
    }
    if (j.is_array()) throw_serialization("Unrecognized collection type class java.lang.Boolean");
    throw_serialization(kUnexpectedStructure);
}

template <typename CheckElement>
void check_list(const Json& j, CheckElement check_element) {
    if (j.is_null()) return;
    if (is_scalar(j)) throw_serialization("Unexpected field type");
    if (!j.is_array()) throw_serialization(kUnexpectedStructure);
    for (const auto& element : j) check_element(element);
}

void check_value_shape(const Json& j, int depth);

void check_map_shape(const Json& j, int depth) {
    if (j.is_null()) return;
    if (is_scalar(j)) throw_serialization("Unexpected field type");
    if (j.is_array()) throw_serialization(kMapOfValues);
    if (!j.is_object()) throw_serialization(kUnexpectedStructure);
    for (const auto& [name, value] : j.items()) check_value_shape(value, depth);
}

const Json* member(const Json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

// Members are checked in the deserialiser's field order, not the document's.
void check_value_shape(const Json& j, int depth) {
    if (depth > kMaxShapeDepth) throw_nesting();
    if (j.is_null()) return;
    if (is_scalar(j)) throw_serialization("Unexpected value type in payload");
    if (j.is_array()) {
        throw_serialization(
            "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    }
    if (!j.is_object()) throw_serialization(kUnexpectedStructure);
    if (const Json* s = member(j, "S")) check_string(*s);
    if (const Json* b = member(j, "B")) check_blob(*b);
    if (const Json* n = member(j, "N")) check_string(*n);
    if (const Json* b = member(j, "BOOL")) check_boolean(*b);
    if (const Json* n = member(j, "NULL")) check_boolean(*n);
    if (const Json* bs = member(j, "BS")) check_list(*bs, check_blob);
    if (const Json* ns = member(j, "NS")) check_list(*ns, check_string);
    if (const Json* ss = member(j, "SS")) check_list(*ss, check_string);
    if (const Json* l = member(j, "L")) {
        check_list(*l, [depth](const Json& e) { check_value_shape(e, depth + 1); });
    }
    if (const Json* m = member(j, "M")) check_map_shape(*m, depth + 1);
}

// --- Pass 2: the service's validation, building the value (ValidationException) ---------

enum class Member { S, N, B, BOOL, NUL, M, L, SS, NS, BS, unknown };

Member member_of(std::string_view key) {
    static constexpr std::array<std::pair<std::string_view, Member>, 10> kMembers{{
        {"S", Member::S},
        {"N", Member::N},
        {"B", Member::B},
        {"BOOL", Member::BOOL},
        {"NULL", Member::NUL},
        {"M", Member::M},
        {"L", Member::L},
        {"SS", Member::SS},
        {"NS", Member::NS},
        {"BS", Member::BS},
    }};
    for (const auto& [name, m] : kMembers) {
        if (name == key) return m;
    }
    return Member::unknown;
}

Number parse_number(const Json& j) {
    // A null element of a number set reaches here; the service treats it as no text.
    static const std::string kEmpty;
    const std::string& text = j.is_string() ? j.get_ref<const std::string&>() : kEmpty;
    std::string error;
    auto n = Number::parse(text, &error);
    if (!n) throw_validation(std::move(error));
    return std::move(*n);
}

bool boolean_of(const Json& j) {
    if (j.is_boolean()) return j.get<bool>();
    return *boolean_from_string(j.get_ref<const std::string&>());
}

std::string base64_bytes(const Json& j) {
    std::string out;
    base64_decode(j.get_ref<const std::string&>(), out);
    return out;
}

// "[a, b, a]", as the service prints a rejected collection.
std::string collection_text(const std::vector<std::string>& elements) {
    std::string out = "[";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i) out += ", ";
        out += elements[i];
    }
    out += "]";
    return out;
}

bool has_duplicate(const std::vector<std::string>& elements) {
    std::unordered_set<std::string_view> seen;
    seen.reserve(elements.size());
    for (const auto& e : elements) {
        if (!seen.insert(e).second) return true;
    }
    return false;
}

std::vector<std::string> string_elements(const Json& j) {
    std::vector<std::string> out;
    out.reserve(j.size());
    for (const auto& e : j) {
        if (!e.is_string()) throw_serialization("Unexpected value type in payload");
        out.push_back(e.get<std::string>());
    }
    return out;
}

AttributeValue build_value(const Json& j, int level);

AttributeMap build_map(const Json& j, int level) {
    AttributeMap out;
    for (const auto& [name, value] : j.items()) {
        out.emplace_hint(out.end(), name, build_value(value, level));
    }
    return out;
}

AttributeValue build_value(const Json& j, int level) {
    if (level > kMaxNestingLevel) throw_nesting();
    const char* const kEmptyValue =
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
    if (!j.is_object()) throw_validation(kEmptyValue);

    int present = 0;
    AttributeValue result;
    for (const auto& [key, member_value] : j.items()) {
        const Member m = member_of(key);
        if (m == Member::unknown || member_value.is_null()) continue;
        ++present;
        switch (m) {
            case Member::S:
                result = AttributeValue::string(member_value.get<std::string>());
                break;
            case Member::N:
                result = AttributeValue::number(parse_number(member_value));
                break;
            case Member::B:
                result = AttributeValue::binary(base64_bytes(member_value));
                break;
            case Member::BOOL:
                result = AttributeValue::boolean(boolean_of(member_value));
                break;
            case Member::NUL:
                if (!boolean_of(member_value)) {
                    throw_invalid_parameter(
                        "Null attribute value types must have the value of true");
                }
                result = AttributeValue::null();
                break;
            case Member::SS: {
                if (member_value.empty())
                    throw_invalid_parameter("An string set  may not be empty");
                auto elements = string_elements(member_value);
                if (has_duplicate(elements)) {
                    throw_invalid_parameter("Input collection " + collection_text(elements) +
                                            " contains duplicates.");
                }
                result = AttributeValue::string_set(std::move(elements));
                break;
            }
            case Member::NS: {
                if (member_value.empty())
                    throw_invalid_parameter("An number set  may not be empty");
                std::vector<Number> numbers;
                numbers.reserve(member_value.size());
                std::vector<std::string> canonical;
                canonical.reserve(member_value.size());
                for (const auto& e : member_value) {
                    numbers.push_back(parse_number(e));
                    canonical.push_back(numbers.back().to_string());
                }
                // Compared by value: "1" and "1.0" are the same number.
                if (has_duplicate(canonical))
                    throw_validation("Input collection contains duplicates");
                result = AttributeValue::number_set(std::move(numbers));
                break;
            }
            case Member::BS: {
                if (member_value.empty()) {
                    throw_invalid_parameter("Binary sets should not be empty");
                }
                auto encoded = string_elements(member_value);
                // Base64 was checked to be canonical, so equal texts mean equal bytes.
                if (has_duplicate(encoded)) {
                    // sic: no space before "of"
                    throw_invalid_parameter("Input collection " + collection_text(encoded) +
                                            "of type BS contains duplicates.");
                }
                std::vector<std::string> values;
                values.reserve(encoded.size());
                for (const auto& e : encoded) {
                    std::string bytes;
                    base64_decode(e, bytes);
                    values.push_back(std::move(bytes));
                }
                result = AttributeValue::binary_set(std::move(values));
                break;
            }
            case Member::M:
                result = AttributeValue::map(build_map(member_value, level + 1));
                break;
            case Member::L: {
                AttributeList list;
                list.reserve(member_value.size());
                for (const auto& e : member_value) list.push_back(build_value(e, level + 1));
                result = AttributeValue::list(std::move(list));
                break;
            }
            case Member::unknown:
                break;
        }
    }
    if (present == 0) throw_validation(kEmptyValue);
    if (present > 1) {
        throw_validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
            "the supported datatypes");
    }
    return result;
}

}  // namespace

AttributeValue decode_value(const Json& j) {
    check_value_shape(j, 1);
    return build_value(j, 1);
}

AttributeMap decode_item(const Json& j) {
    check_map_shape(j, 1);
    if (j.is_null()) return {};
    return build_map(j, 1);
}

Json encode_value(const AttributeValue& v) {
    using Type = AttributeValue::Type;
    Json out = Json::object();
    switch (v.type()) {
        case Type::S:
            out["S"] = v.as_string();
            break;
        case Type::N:
            out["N"] = v.as_number().to_string();
            break;
        case Type::B:
            out["B"] = base64_encode(v.as_binary());
            break;
        case Type::BOOL:
            out["BOOL"] = v.as_bool();
            break;
        case Type::NUL:
            out["NULL"] = true;
            break;
        case Type::M:
            out["M"] = encode_item(v.as_map());
            break;
        case Type::L: {
            Json list = Json::array();
            for (const auto& e : v.as_list()) list.push_back(encode_value(e));
            out["L"] = std::move(list);
            break;
        }
        case Type::SS:
            out["SS"] = v.as_string_set();
            break;
        case Type::NS: {
            Json list = Json::array();
            for (const auto& n : v.as_number_set()) list.push_back(n.to_string());
            out["NS"] = std::move(list);
            break;
        }
        case Type::BS: {
            Json list = Json::array();
            for (const auto& b : v.as_binary_set()) list.push_back(base64_encode(b));
            out["BS"] = std::move(list);
            break;
        }
    }
    return out;
}

Json encode_item(const AttributeMap& item) {
    Json out = Json::object();
    for (const auto& [name, value] : item) out[name] = encode_value(value);
    return out;
}

}  // namespace tablespan
