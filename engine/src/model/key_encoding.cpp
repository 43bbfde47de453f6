#include <stdexcept>
#include <string>
#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan {

std::string encode_key_value(const AttributeValue& v) {
    switch (v.type()) {
        case AttributeValue::Type::S:
            return v.as_string();
        case AttributeValue::Type::B:
            return v.as_binary();
        case AttributeValue::Type::N:
            return v.as_number().encode_ordered();
        default:
            throw std::invalid_argument(std::string("not a key type: ") + v.type_name());
    }
}

AttributeValue decode_key_value(AttributeValue::Type type, std::string_view bytes) {
    switch (type) {
        case AttributeValue::Type::S:
            return AttributeValue::string(std::string(bytes));
        case AttributeValue::Type::B:
            return AttributeValue::binary(std::string(bytes));
        case AttributeValue::Type::N: {
            auto n = Number::decode_ordered(bytes);
            if (!n) throw std::invalid_argument("corrupt encoded number key");
            return AttributeValue::number(std::move(*n));
        }
        default:
            throw std::invalid_argument(std::string("not a key type: ") +
                                        AttributeValue::type_name(type));
    }
}

}  // namespace tablespan
