#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "expr/expressions.h"
#include "tablespan/error.h"

namespace tablespan::expr {

namespace {

bool valid_placeholder(std::string_view key, char sigil) {
    if (key.size() < 2 || key[0] != sigil) return false;
    return std::all_of(key.begin() + 1, key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

// The service lists unused keys in the iteration order of a java.util.HashSet built from
// all the keys; reproducing it keeps multi-key messages identical.
std::vector<std::string> java_hash_set_order(std::vector<std::string> keys, std::size_t total) {
    std::size_t capacity = 1;
    const std::size_t wanted = std::max<std::size_t>(total * 4 / 3 + 1, 16);
    while (capacity < wanted) capacity *= 2;
    auto slot = [capacity](const std::string& key) {
        std::uint32_t h = 0;
        for (unsigned char c : key) h = 31 * h + c;
        return (h ^ (h >> 16)) & static_cast<std::uint32_t>(capacity - 1);
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const std::string& a, const std::string& b) { return slot(a) < slot(b); });
    return keys;
}

std::string join_keys(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& key : keys) {
        if (!out.empty()) out += ", ";
        out += key;
    }
    return out;
}

}  // namespace

namespace {
thread_local bool t_generated = false;
}

GeneratedScope::GeneratedScope() : previous_(t_generated) {
    t_generated = true;
}
GeneratedScope::~GeneratedScope() {
    t_generated = previous_;
}

ExpressionContext::ExpressionContext(const std::map<std::string, std::string>* names,
                                     const AttributeMap* values)
    : names_(names), values_(values), generated_(t_generated) {}

const std::string* ExpressionContext::find_name(std::string_view placeholder) {
    if (names_ == nullptr) return nullptr;
    const auto it = names_->find(std::string(placeholder));
    if (it == names_->end()) return nullptr;
    used_names_.insert(it->first);
    return &it->second;
}

const AttributeValue* ExpressionContext::find_value(std::string_view placeholder) {
    if (values_ == nullptr) return nullptr;
    const auto it = values_->find(placeholder);
    if (it == values_->end()) return nullptr;
    used_values_.insert(it->first);
    return &it->second;
}

const std::string& ExpressionContext::name(std::string_view placeholder) {
    if (const std::string* found = find_name(placeholder)) return *found;
    throw_validation(
        "An expression attribute name used in the document path is not defined; attribute name: " +
        std::string(placeholder));
}

const AttributeValue& ExpressionContext::value(std::string_view placeholder) {
    if (const AttributeValue* found = find_value(placeholder)) return *found;
    throw_validation(
        "An expression attribute value used in expression is not defined; attribute value: " +
        std::string(placeholder));
}

void ExpressionContext::validate() const {
    if (names_ != nullptr) {
        if (names_->empty()) throw_validation("ExpressionAttributeNames must not be empty");
        for (const auto& [key, name] : *names_) {
            if (!valid_placeholder(key, '#')) {
                throw_validation(
                    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key +
                    "\"");
            }
        }
        for (const auto& [key, name] : *names_) {
            if (name.empty()) {
                throw_validation(
                    "ExpressionAttributeNames contains invalid value: Empty attribute name for "
                    "key " +
                    key);
            }
        }
    }
    if (values_ != nullptr) {
        if (values_->empty()) throw_validation("ExpressionAttributeValues must not be empty");
        for (const auto& [key, value] : *values_) {
            if (!valid_placeholder(key, ':')) {
                throw_validation(
                    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key +
                    "\"");
            }
        }
    }
}

void ExpressionContext::check_all_used() const {
    if (names_ != nullptr) {
        std::vector<std::string> unused;
        for (const auto& [key, name] : *names_) {
            if (!used_names_.contains(key)) unused.push_back(key);
        }
        if (!unused.empty()) {
            throw_validation(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {" +
                join_keys(java_hash_set_order(unused, names_->size())) + "}");
        }
    }
    if (values_ != nullptr) {
        std::vector<std::string> unused;
        for (const auto& [key, value] : *values_) {
            if (!used_values_.contains(key)) unused.push_back(key);
        }
        if (!unused.empty()) {
            throw_validation(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {" +
                join_keys(java_hash_set_order(unused, values_->size())) + "}");
        }
    }
}

}  // namespace tablespan::expr
