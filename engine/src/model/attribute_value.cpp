#include "tablespan/attribute_value.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace tablespan {

namespace {

// Sets hold no duplicates, so equal size plus equal sorted contents means equal sets.
template <typename T>
bool same_elements(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    if (a == b) return true;  // the common case: same order
    std::vector<const T*> x, y;
    x.reserve(a.size());
    y.reserve(b.size());
    for (const T& v : a) x.push_back(&v);
    for (const T& v : b) y.push_back(&v);
    auto less = [](const T* l, const T* r) { return *l < *r; };
    std::sort(x.begin(), x.end(), less);
    std::sort(y.begin(), y.end(), less);
    return std::equal(x.begin(), x.end(), y.begin(),
                      [](const T* l, const T* r) { return *l == *r; });
}

}  // namespace

AttributeValue AttributeValue::string(std::string s) {
    AttributeValue v;
    v.type_ = Type::S;
    v.text_ = std::move(s);
    return v;
}

AttributeValue AttributeValue::number(Number n) {
    AttributeValue v;
    v.type_ = Type::N;
    v.number_ = std::move(n);
    return v;
}

AttributeValue AttributeValue::binary(std::string bytes) {
    AttributeValue v;
    v.type_ = Type::B;
    v.text_ = std::move(bytes);
    return v;
}

AttributeValue AttributeValue::boolean(bool b) {
    AttributeValue v;
    v.type_ = Type::BOOL;
    v.bool_ = b;
    return v;
}

AttributeValue AttributeValue::null() {
    return AttributeValue{};
}

AttributeValue AttributeValue::map(AttributeMap m) {
    AttributeValue v;
    v.type_ = Type::M;
    v.map_ = std::move(m);
    return v;
}

AttributeValue AttributeValue::list(AttributeList l) {
    AttributeValue v;
    v.type_ = Type::L;
    v.list_ = std::move(l);
    return v;
}

AttributeValue AttributeValue::string_set(std::vector<std::string> values) {
    AttributeValue v;
    v.type_ = Type::SS;
    v.text_set_ = std::move(values);
    return v;
}

AttributeValue AttributeValue::number_set(std::vector<Number> values) {
    AttributeValue v;
    v.type_ = Type::NS;
    v.number_set_ = std::move(values);
    return v;
}

AttributeValue AttributeValue::binary_set(std::vector<std::string> values) {
    AttributeValue v;
    v.type_ = Type::BS;
    v.text_set_ = std::move(values);
    return v;
}

const std::string& AttributeValue::as_string() const {
    assert(type_ == Type::S);
    return text_;
}

const std::string& AttributeValue::as_binary() const {
    assert(type_ == Type::B);
    return text_;
}

const Number& AttributeValue::as_number() const {
    assert(type_ == Type::N);
    return number_;
}

bool AttributeValue::as_bool() const {
    assert(type_ == Type::BOOL);
    return bool_;
}

const AttributeMap& AttributeValue::as_map() const {
    assert(type_ == Type::M);
    return map_;
}

AttributeMap& AttributeValue::as_map() {
    assert(type_ == Type::M);
    return map_;
}

const AttributeList& AttributeValue::as_list() const {
    assert(type_ == Type::L);
    return list_;
}

AttributeList& AttributeValue::as_list() {
    assert(type_ == Type::L);
    return list_;
}

const std::vector<std::string>& AttributeValue::as_string_set() const {
    assert(type_ == Type::SS);
    return text_set_;
}

const std::vector<std::string>& AttributeValue::as_binary_set() const {
    assert(type_ == Type::BS);
    return text_set_;
}

const std::vector<Number>& AttributeValue::as_number_set() const {
    assert(type_ == Type::NS);
    return number_set_;
}

const char* AttributeValue::type_name(Type t) {
    switch (t) {
        case Type::S:
            return "S";
        case Type::N:
            return "N";
        case Type::B:
            return "B";
        case Type::BOOL:
            return "BOOL";
        case Type::NUL:
            return "NULL";
        case Type::M:
            return "M";
        case Type::L:
            return "L";
        case Type::SS:
            return "SS";
        case Type::NS:
            return "NS";
        case Type::BS:
            return "BS";
    }
    return "?";
}

bool operator==(const AttributeValue& a, const AttributeValue& b) {
    if (a.type_ != b.type_) return false;
    switch (a.type_) {
        case AttributeValue::Type::S:
        case AttributeValue::Type::B:
            return a.text_ == b.text_;
        case AttributeValue::Type::N:
            return a.number_ == b.number_;
        case AttributeValue::Type::BOOL:
            return a.bool_ == b.bool_;
        case AttributeValue::Type::NUL:
            return true;
        case AttributeValue::Type::M:
            return a.map_ == b.map_;
        case AttributeValue::Type::L:
            return a.list_ == b.list_;
        case AttributeValue::Type::SS:
        case AttributeValue::Type::BS:
            return same_elements(a.text_set_, b.text_set_);
        case AttributeValue::Type::NS:
            return same_elements(a.number_set_, b.number_set_);
    }
    return false;
}

}  // namespace tablespan
