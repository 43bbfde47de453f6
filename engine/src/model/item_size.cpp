#include <cstddef>
#include <cstdint>

#include "tablespan/attribute_value.h"

namespace tablespan {

namespace {

// The service stores a number as a sign/exponent byte followed by base-100 digits
// aligned on the decimal exponent, with one more terminator byte for negative numbers.
// This refines the documented "1 byte per two significant digits + 1 byte".
std::size_t number_size(const Number& n) {
    if (n.is_zero()) return 1;
    const std::size_t digits = n.significant_digits();
    const std::int32_t scientific_exponent = n.exponent() - 1;  // d1.d2… × 10^x
    std::size_t size = 1 + (digits + 1) / 2;
    // An even number of digits starting on an even exponent straddles one more pair.
    if (digits % 2 == 0 && scientific_exponent % 2 == 0) ++size;
    if (n.is_negative()) ++size;
    return size;
}

}  // namespace

std::size_t value_size(const AttributeValue& v) {
    using Type = AttributeValue::Type;
    switch (v.type()) {
        case Type::S:
            return v.as_string().size();
        case Type::B:
            return v.as_binary().size();
        case Type::N:
            return number_size(v.as_number());
        case Type::BOOL:
        case Type::NUL:
            return 1;
        case Type::M: {
            std::size_t size = 3;
            for (const auto& [name, element] : v.as_map()) {
                size += 1 + name.size() + value_size(element);
            }
            return size;
        }
        case Type::L: {
            std::size_t size = 3;
            for (const auto& element : v.as_list()) size += 1 + value_size(element);
            return size;
        }
        case Type::SS: {
            std::size_t size = 0;
            for (const auto& s : v.as_string_set()) size += s.size();
            return size;
        }
        case Type::BS: {
            std::size_t size = 0;
            for (const auto& b : v.as_binary_set()) size += b.size();
            return size;
        }
        case Type::NS: {
            std::size_t size = 0;
            for (const auto& n : v.as_number_set()) size += number_size(n);
            return size;
        }
    }
    return 0;
}

std::size_t item_size(const Item& item) {
    std::size_t size = 0;
    for (const auto& [name, value] : item) size += name.size() + value_size(value);
    return size;
}

}  // namespace tablespan
