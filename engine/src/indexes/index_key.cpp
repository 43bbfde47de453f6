#include "indexes/index_key.h"

#include "tablespan/json_codec.h"

namespace tablespan::indexes {

namespace {
std::string escaped(const AttributeValue& v) {
    std::string out;
    for (char c : encode_key_value(v)) {
        out += c;
        if (c == '\0') out += '\xff';
    }
    return out;
}

std::string component(const AttributeValue& v) {
    return escaped(v) + std::string(2, '\0');
}

// The smallest byte string greater than every string starting with `prefix`, if any.
std::optional<std::string> prefix_successor(std::string prefix) {
    while (!prefix.empty()) {
        auto& c = reinterpret_cast<unsigned char&>(prefix.back());
        if (c != 0xff) {
            ++c;
            return prefix;
        }
        prefix.pop_back();
    }
    return std::nullopt;
}

using Op = expr::KeyCondition::SortOp;

SortBounds plain_bounds(const expr::KeyCondition& kc) {
    SortBounds b;
    if (kc.sort_op == Op::None) return b;
    std::string v1 = encode_key_value(kc.sort_value1);
    switch (kc.sort_op) {
        case Op::EQ:
            b.lower = b.upper = storage::RangeBound{v1, true};
            break;
        case Op::LT:
            b.upper = storage::RangeBound{v1, false};
            break;
        case Op::LE:
            b.upper = storage::RangeBound{v1, true};
            break;
        case Op::GT:
            b.lower = storage::RangeBound{v1, false};
            break;
        case Op::GE:
            b.lower = storage::RangeBound{v1, true};
            break;
        case Op::BETWEEN:
            b.lower = storage::RangeBound{v1, true};
            b.upper = storage::RangeBound{encode_key_value(kc.sort_value2), true};
            break;
        case Op::BEGINS_WITH:
            b.lower = storage::RangeBound{v1, true};
            if (auto succ = prefix_successor(v1)) b.upper = storage::RangeBound{*succ, false};
            break;
        case Op::None:
            break;
    }
    return b;
}

// Tuples: the equality prefix P, then the condition on the next element. Bounds are
// half-open [lower, upper) except where P is empty and a side is unbounded.
SortBounds tuple_bounds(const expr::KeyCondition& kc) {
    std::string prefix;
    for (const auto& v : kc.sort_prefix) prefix += component(v);
    auto at_least = [](std::string s) { return storage::RangeBound{std::move(s), true}; };
    auto below = [](std::optional<std::string> s) -> std::optional<storage::RangeBound> {
        if (!s) return std::nullopt;
        return storage::RangeBound{std::move(*s), false};
    };
    const std::optional<std::string> end_of_prefix =
        prefix.empty() ? std::nullopt : prefix_successor(prefix);
    SortBounds b;
    if (!prefix.empty()) b.lower = at_least(prefix);
    b.upper = below(end_of_prefix);
    if (kc.sort_op == Op::None) return b;
    const std::string c1 = prefix + component(kc.sort_value1);
    switch (kc.sort_op) {
        case Op::EQ:
            b.lower = at_least(c1);
            b.upper = below(prefix_successor(c1));
            break;
        case Op::LT:
            b.upper = below(c1);
            break;
        case Op::LE:
            b.upper = below(prefix_successor(c1));
            break;
        case Op::GT:
            if (auto s = prefix_successor(c1)) b.lower = at_least(*s);
            break;
        case Op::GE:
            b.lower = at_least(c1);
            break;
        case Op::BETWEEN:
            b.lower = at_least(c1);
            b.upper = below(prefix_successor(prefix + component(kc.sort_value2)));
            break;
        case Op::BEGINS_WITH: {
            const std::string start = prefix + escaped(kc.sort_value1);
            b.lower = at_least(start);
            if (auto s = prefix_successor(start)) b.upper = below(s);
            break;
        }
        case Op::None:
            break;
    }
    return b;
}
}  // namespace

std::optional<std::string> encode_key_part(const std::vector<api::KeyElement>& keys,
                                           const AttributeMap& attrs) {
    std::string out;
    for (const auto& k : keys) {
        auto it = attrs.find(k.name);
        if (it == attrs.end() || it->second.type() != k.type) return std::nullopt;
        out += keys.size() == 1 ? encode_key_value(it->second) : component(it->second);
    }
    return out;
}

std::string encode_key_part(const std::vector<AttributeValue>& values) {
    if (values.size() == 1) return encode_key_value(values.front());
    std::string out;
    for (const auto& v : values) out += component(v);
    return out;
}

SortBounds sort_bounds(const expr::KeyCondition& condition, std::size_t range_arity) {
    return range_arity > 1 ? tuple_bounds(condition) : plain_bounds(condition);
}

}  // namespace tablespan::indexes
