#include "expr/value_ops.h"

#include <algorithm>
#include <string>

namespace tablespan::expr {

namespace {

using Type = AttributeValue::Type;

int sign(int v) {
    return (v > 0) - (v < 0);
}

std::size_t utf16_length(std::string_view utf8) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t length = 1;
        if (lead >= 0xF0) {
            length = 4;
            units += 2;  // a surrogate pair
        } else {
            length = lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            units += 1;
        }
        i += length;
    }
    return units;
}

}  // namespace

std::optional<int> order(const AttributeValue& a, const AttributeValue& b) {
    if (a.type() != b.type()) return std::nullopt;
    switch (a.type()) {
        case Type::S:
            return sign(a.as_string().compare(b.as_string()));
        case Type::B:
            return sign(a.as_binary().compare(b.as_binary()));
        case Type::N: {
            const auto c = a.as_number() <=> b.as_number();
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        default:
            return std::nullopt;
    }
}

std::optional<std::size_t> size_of(const AttributeValue& v) {
    switch (v.type()) {
        case Type::S:
            return utf16_length(v.as_string());
        case Type::B:
            return v.as_binary().size();
        case Type::SS:
            return v.as_string_set().size();
        case Type::BS:
            return v.as_binary_set().size();
        case Type::NS:
            return v.as_number_set().size();
        case Type::L:
            return v.as_list().size();
        case Type::M:
            return v.as_map().size();
        default:
            return std::nullopt;
    }
}

bool begins_with(const AttributeValue& value, const AttributeValue& prefix) {
    if (value.type() != prefix.type()) return false;
    if (value.is(Type::S)) return value.as_string().starts_with(prefix.as_string());
    if (value.is(Type::B)) return value.as_binary().starts_with(prefix.as_binary());
    return false;
}

bool contains(const AttributeValue& haystack, const AttributeValue& needle) {
    switch (haystack.type()) {
        case Type::S:
            return needle.is(Type::S) &&
                   haystack.as_string().find(needle.as_string()) != std::string::npos;
        case Type::B:
            return needle.is(Type::B) &&
                   haystack.as_binary().find(needle.as_binary()) != std::string::npos;
        case Type::SS: {
            const auto& set = haystack.as_string_set();
            return needle.is(Type::S) &&
                   std::find(set.begin(), set.end(), needle.as_string()) != set.end();
        }
        case Type::BS: {
            const auto& set = haystack.as_binary_set();
            return needle.is(Type::B) &&
                   std::find(set.begin(), set.end(), needle.as_binary()) != set.end();
        }
        case Type::NS: {
            const auto& set = haystack.as_number_set();
            return needle.is(Type::N) &&
                   std::find(set.begin(), set.end(), needle.as_number()) != set.end();
        }
        case Type::L: {
            const auto& list = haystack.as_list();
            return std::find(list.begin(), list.end(), needle) != list.end();
        }
        default:
            return false;
    }
}

const char* long_type_name(AttributeValue::Type type) {
    switch (type) {
        case Type::S:
            return "STRING";
        case Type::N:
            return "NUMBER";
        case Type::B:
            return "BINARY";
        case Type::BOOL:
            return "BOOLEAN";
        case Type::NUL:
            return "NULL";
        case Type::M:
            return "MAP";
        case Type::L:
            return "LIST";
        case Type::SS:
            return "STRING_SET";
        case Type::NS:
            return "NUMBER_SET";
        case Type::BS:
            return "BINARY_SET";
    }
    return "";
}

}  // namespace tablespan::expr
