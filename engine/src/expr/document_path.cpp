#include "expr/document_path.h"

namespace tablespan::expr {

namespace {

template <typename Value>
Value* step_into(Value* current, const PathElement& step) {
    if (step.index >= 0) {
        if (!current->is(AttributeValue::Type::L)) return nullptr;
        auto& list = current->as_list();
        return static_cast<std::size_t>(step.index) < list.size() ? &list[step.index] : nullptr;
    }
    if (!current->is(AttributeValue::Type::M)) return nullptr;
    auto& map = current->as_map();
    const auto it = map.find(step.name);
    return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::string path_to_string(const Path& path) {
    std::string out = "[";
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0) out += ", ";
        if (path[i].index >= 0) {
            out += "[" + std::to_string(path[i].index) + "]";
        } else {
            out += path[i].name;
        }
    }
    out += "]";
    return out;
}

const AttributeValue* resolve_in(const AttributeValue& root, const Path& path, std::size_t from) {
    const AttributeValue* current = &root;
    for (std::size_t i = from; i < path.size() && current != nullptr; ++i) {
        current = step_into(current, path[i]);
    }
    return current;
}

const AttributeValue* resolve(const Item& item, const Path& path) {
    if (path.empty() || path.front().index >= 0) return nullptr;
    const auto it = item.find(path.front().name);
    if (it == item.end()) return nullptr;
    return resolve_in(it->second, path, 1);
}

AttributeValue* resolve_mutable(Item& item, const Path& path) {
    if (path.empty() || path.front().index >= 0) return nullptr;
    const auto it = item.find(path.front().name);
    if (it == item.end()) return nullptr;
    AttributeValue* current = &it->second;
    for (std::size_t i = 1; i < path.size() && current != nullptr; ++i) {
        current = step_into(current, path[i]);
    }
    return current;
}

}  // namespace tablespan::expr
