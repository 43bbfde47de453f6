#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/model/type_checker.h"
#include "tablespan/error.h"

namespace tablespan::api::validation {
namespace {

using nlohmann::json;

// Where a value sits decides some of the service's texts.
enum class position { field, element };

[[noreturn]] void fail(std::string message) {
    throw ApiError("SerializationException", std::move(message));
}

bool is_whole(const json& v) {
    if (!v.is_number_float()) return true;
    const double d = v.get<double>();
    return std::isfinite(d) && d == std::floor(d);
}

std::string token_of(const json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (v.is_number()) return is_whole(v) ? "NUMBER_VALUE" : "DECIMAL_VALUE";
    return "STRING_VALUE";
}

[[noreturn]] void not_convertible(const json& v, const shape& s) {
    fail(token_of(v) + " cannot be converted to " + s.type_name);
}

[[noreturn]] void unexpected_structure() {
    fail("Start of structure or map found where not expected");
}

[[noreturn]] void unexpected_scalar(position pos) {
    if (pos == position::field) fail("Unexpected field type");
    // Collections inside collections are read through Java generics.
    fail(
        "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to "
        "class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
        "java.lang.Class are in module java.base of loader 'bootstrap')");
}

bool accepted_boolean_text(const std::string& text) {
    std::string upper = text;
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return upper == "TRUE" || upper == "1" || upper == "YES" || upper == "FALSE" || upper == "0" ||
           upper == "NO";
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Canonical standard base64: alphabet only, padding only at the end, unused bits zero.
bool canonical_base64(std::string_view text) {
    std::size_t pad = 0;
    while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
    const std::size_t data = text.size() - pad;
    int last = 0;
    for (std::size_t i = 0; i < data; ++i) {
        last = base64_value(text[i]);
        if (last < 0) return false;
    }
    if (pad == 1) return (last & 0x3) == 0;
    if (pad == 2) return (last & 0xF) == 0;
    return true;
}

std::size_t utf16_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) {
        const auto b = static_cast<unsigned char>(c);
        n += ((b & 0xC0) != 0x80) + (b >= 0xF0);
    }
    return n;
}

class type_checker {
public:
    explicit type_checker(const service_model& model) : model_(model) {}

    void check(const json& v, int shape_index, position pos) const {
        if (v.is_null()) return;
        const shape& s = model_.at(shape_index);
        switch (s.kind) {
            case shape_kind::string:
                if (v.is_string()) return;
                scalar_mismatch(v, s);
            case shape_kind::integer:
            case shape_kind::long_:
            case shape_kind::double_:
            case shape_kind::timestamp:
                if (v.is_number()) return;
                scalar_mismatch(v, s);
            case shape_kind::boolean:
                if (v.is_boolean()) return;
                if (v.is_string()) {
                    if (accepted_boolean_text(v.get_ref<const std::string&>())) return;
                    fail("Unexpected token received from parser");
                }
                scalar_mismatch(v, s);
            case shape_kind::blob:
                check_blob(v, s);
                return;
            case shape_kind::structure:
                check_structure(v, s, pos);
                return;
            case shape_kind::list:
                if (v.is_object()) unexpected_structure();
                if (!v.is_array()) unexpected_scalar(pos);
                for (const json& element : v) check(element, s.element, position::element);
                return;
            case shape_kind::map:
                if (v.is_array()) fail("Unrecognized collection type " + s.java_type);
                if (!v.is_object()) unexpected_scalar(pos);
                for (const auto& [key, value] : v.items()) check(value, s.value, position::element);
                return;
        }
    }

    void check_structure(const json& v, const shape& s, position pos) const {
        if (v.is_array()) fail("Unrecognized collection type class " + s.java_type);
        if (!v.is_object()) {
            fail(pos == position::field ? "Unexpected field type"
                                        : "Unexpected value type in payload");
        }
        // Errors are raised in model order, so present members are visited in that order.
        struct present_member {
            int index;
            const json* value;
        };
        present_member present[max_members];  // left uninitialized: this runs per value
        std::size_t count = 0;
        for (auto it = v.begin(); it != v.end(); ++it) {
            const int index = s.find_member(it.key());
            if (index >= 0 && !it->is_null()) present[count++] = {index, &*it};
        }
        if (count > 1) {
            std::sort(present, present + count,
                      [](const auto& a, const auto& b) { return a.index < b.index; });
        }
        for (std::size_t i = 0; i < count; ++i) {
            const member& m = s.members[static_cast<std::size_t>(present[i].index)];
            check(*present[i].value, m.shape, position::field);
        }
    }

private:
    [[noreturn]] static void scalar_mismatch(const json& v, const shape& s) {
        if (v.is_object()) unexpected_structure();
        if (v.is_array()) fail("Unrecognized collection type class " + s.java_type);
        not_convertible(v, s);
    }

    static void check_blob(const json& v, const shape& s) {
        if (v.is_boolean() || v.is_number()) {
            fail("only base-64-encoded strings are convertible to bytes");
        }
        if (!v.is_string()) scalar_mismatch(v, s);
        const auto& text = v.get_ref<const std::string&>();
        const std::size_t length = utf16_length(text);
        if (length % 4 != 0) {
            fail("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                 std::to_string(length));
        }
        if (!canonical_base64(text)) fail("Invalid last non-pad Base64 character dectected");
    }

    const service_model& model_;
};

}  // namespace

void check_types(const service_model& model, int input_shape, const json& request) {
    type_checker(model).check(request, input_shape, position::field);
}

}  // namespace tablespan::api::validation
