#pragma once

#include <map>
#include <string>
#include <vector>

#include "tablespan/number.h"

namespace tablespan {

class AttributeValue;

// DynamoDB's map and item: attribute name → value. Names compare as UTF-8 bytes.
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using Item = AttributeMap;
using AttributeList = std::vector<AttributeValue>;

// One DynamoDB attribute value of any of the ten types. Sets keep the order in which
// their elements were given and hold no duplicates; two sets are equal when they hold
// the same elements in any order.
class AttributeValue {
public:
    enum class Type : unsigned char { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

    AttributeValue() : type_(Type::NUL) {}

    static AttributeValue string(std::string s);
    static AttributeValue number(Number n);
    static AttributeValue binary(std::string bytes);
    static AttributeValue boolean(bool b);
    static AttributeValue null();
    static AttributeValue map(AttributeMap m);
    static AttributeValue list(AttributeList l);
    static AttributeValue string_set(std::vector<std::string> values);
    static AttributeValue number_set(std::vector<Number> values);
    static AttributeValue binary_set(std::vector<std::string> values);

    Type type() const { return type_; }
    bool is(Type t) const { return type_ == t; }
    bool is_set() const { return type_ == Type::SS || type_ == Type::NS || type_ == Type::BS; }

    // Accessors; calling one for another type is a programming error (asserts).
    const std::string& as_string() const;  // S
    const std::string& as_binary() const;  // B
    const Number& as_number() const;       // N
    bool as_bool() const;                  // BOOL
    const AttributeMap& as_map() const;    // M
    AttributeMap& as_map();
    const AttributeList& as_list() const;  // L
    AttributeList& as_list();
    const std::vector<std::string>& as_string_set() const;  // SS
    const std::vector<std::string>& as_binary_set() const;  // BS
    const std::vector<Number>& as_number_set() const;       // NS

    // The type's wire name: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
    static const char* type_name(Type t);
    const char* type_name() const { return type_name(type_); }

    friend bool operator==(const AttributeValue& a, const AttributeValue& b);

private:
    Type type_;
    bool bool_ = false;
    std::string text_;                   // S, B
    Number number_;                      // N
    AttributeMap map_;                   // M
    AttributeList list_;                 // L
    std::vector<std::string> text_set_;  // SS, BS
    std::vector<Number> number_set_;     // NS
};

// Size of an item as DynamoDB bills and limits it (attribute names plus values).
std::size_t item_size(const Item& item);
// Size of one value by the same rules (without any name).
std::size_t value_size(const AttributeValue& v);

inline constexpr std::size_t kMaxItemSize = 400 * 1024;
inline constexpr std::size_t kMaxPartitionKeySize = 2048;
inline constexpr std::size_t kMaxSortKeySize = 1024;

}  // namespace tablespan
