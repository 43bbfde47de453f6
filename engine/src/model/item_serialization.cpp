#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/item_reader.h"
#include "tablespan/json_codec.h"

// Layout, version 1:
//   item   := version:u8 map-body
//   map-body := count:varint (name:bytes value)*       names in ascending byte order
//   value  := type:u8 payload
//   bytes  := length:varint raw
// Payloads: S, B: bytes. N: bytes of Number::encode_ordered(). BOOL: one byte 0/1.
// NULL: nothing. M: map-body. L: count:varint value*. SS, BS: count:varint bytes*.
// NS: count:varint bytes* (each Number::encode_ordered()).
// Varints are LEB128, low group first.

namespace tablespan {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void put_bytes(std::string& out, std::string_view bytes) {
    put_varint(out, bytes.size());
    out.append(bytes);
}

void put_value(std::string& out, const AttributeValue& v);

void put_map(std::string& out, const AttributeMap& m) {
    put_varint(out, m.size());
    for (const auto& [name, value] : m) {
        put_bytes(out, name);
        put_value(out, value);
    }
}

void put_value(std::string& out, const AttributeValue& v) {
    using Type = AttributeValue::Type;
    out.push_back(static_cast<char>(v.type()));
    switch (v.type()) {
        case Type::S:
            put_bytes(out, v.as_string());
            break;
        case Type::B:
            put_bytes(out, v.as_binary());
            break;
        case Type::N:
            put_bytes(out, v.as_number().encode_ordered());
            break;
        case Type::BOOL:
            out.push_back(v.as_bool() ? 1 : 0);
            break;
        case Type::NUL:
            break;
        case Type::M:
            put_map(out, v.as_map());
            break;
        case Type::L:
            put_varint(out, v.as_list().size());
            for (const auto& e : v.as_list()) put_value(out, e);
            break;
        case Type::SS:
        case Type::BS: {
            const auto& set = v.is(Type::SS) ? v.as_string_set() : v.as_binary_set();
            put_varint(out, set.size());
            for (const auto& e : set) put_bytes(out, e);
            break;
        }
        case Type::NS:
            put_varint(out, v.as_number_set().size());
            for (const auto& n : v.as_number_set()) put_bytes(out, n.encode_ordered());
            break;
    }
}

class Reader : public SerializedItemReader {
public:
    using SerializedItemReader::SerializedItemReader;

    AttributeMap map(int depth) {
        AttributeMap m;
        const std::size_t n = count();
        for (std::size_t i = 0; i < n; ++i) {
            std::string name(bytes());
            if (!m.empty() && !(m.rbegin()->first < name)) corrupt("map names out of order");
            m.emplace_hint(m.end(), std::move(name), value(depth));
        }
        return m;
    }

    AttributeValue value(int depth) {
        using Type = AttributeValue::Type;
        if (depth > kMaxItemDepth) corrupt("nested too deeply");
        const unsigned char type = byte();
        switch (static_cast<Type>(type)) {
            case Type::S:
                return AttributeValue::string(std::string(bytes()));
            case Type::B:
                return AttributeValue::binary(std::string(bytes()));
            case Type::N:
                return AttributeValue::number(number());
            case Type::BOOL: {
                const unsigned char b = byte();
                if (b > 1) corrupt("bad boolean");
                return AttributeValue::boolean(b == 1);
            }
            case Type::NUL:
                return AttributeValue::null();
            case Type::M:
                return AttributeValue::map(map(depth + 1));
            case Type::L: {
                const std::size_t n = count();
                AttributeList list;
                list.reserve(n);
                for (std::size_t i = 0; i < n; ++i) list.push_back(value(depth + 1));
                return AttributeValue::list(std::move(list));
            }
            case Type::SS:
            case Type::BS: {
                const std::size_t n = count();
                std::vector<std::string> set;
                set.reserve(n);
                for (std::size_t i = 0; i < n; ++i) set.emplace_back(bytes());
                return static_cast<Type>(type) == Type::SS
                           ? AttributeValue::string_set(std::move(set))
                           : AttributeValue::binary_set(std::move(set));
            }
            case Type::NS: {
                const std::size_t n = count();
                std::vector<Number> set;
                set.reserve(n);
                for (std::size_t i = 0; i < n; ++i) set.push_back(number());
                return AttributeValue::number_set(std::move(set));
            }
        }
        corrupt("unknown type");
    }
};

}  // namespace

std::string serialize_item(const Item& item) {
    std::string out;
    out.reserve(64 + item.size() * 16);
    out.push_back(static_cast<char>(kItemFormatVersion));
    put_map(out, item);
    return out;
}

Item deserialize_item(std::string_view bytes) {
    Reader reader(bytes);
    if (reader.byte() != kItemFormatVersion) Reader::corrupt("unknown format version");
    Item item = reader.map(0);
    if (!reader.at_end()) Reader::corrupt("trailing bytes");
    return item;
}

}  // namespace tablespan
