#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <variant>

#include "expr/ast.h"
#include "expr/checks.h"
#include "expr/expression_text.h"
#include "expr/parser.h"

namespace tablespan::expr {

namespace {

constexpr std::string_view kParameter = "ProjectionExpression";

// The requested paths as a tree: map keys and list indexes below each node, or a leaf
// that takes the whole value.
struct Selection {
    bool whole = false;
    std::map<std::string, Selection, std::less<>> keys;
    std::map<long, Selection> indexes;
};

std::optional<AttributeValue> copy_selected(const AttributeValue& value, const Selection& sel) {
    if (sel.whole) return value;
    if (value.is(AttributeValue::Type::M)) {
        AttributeMap out;
        const AttributeMap& map = value.as_map();
        for (const auto& [key, sub] : sel.keys) {
            const auto it = map.find(key);
            if (it == map.end()) continue;
            if (auto v = copy_selected(it->second, sub)) out.emplace(key, std::move(*v));
        }
        if (out.empty()) return std::nullopt;
        return AttributeValue::map(std::move(out));
    }
    if (value.is(AttributeValue::Type::L)) {
        // Picked elements are compacted, in index order.
        AttributeList out;
        const AttributeList& list = value.as_list();
        for (const auto& [index, sub] : sel.indexes) {
            if (static_cast<std::size_t>(index) >= list.size()) continue;
            if (auto v = copy_selected(list[index], sub)) out.push_back(std::move(*v));
        }
        if (out.empty()) return std::nullopt;
        return AttributeValue::list(std::move(out));
    }
    return std::nullopt;
}

}  // namespace

Projection Projection::parse(std::string_view text, ExpressionContext& ctx) {
    check_expression_text(text, kParameter, ctx);
    auto parsed = with_parameter(kParameter, [&] {
        auto paths = Parser(text).parse_projection();
        check_projection(paths, ctx);
        return paths;
    });
    Projection projection;
    for (auto& path : parsed) projection.paths_.push_back(std::move(path.resolved));
    return projection;
}

Item Projection::apply(const Item& item) const {
    return project(item, paths_);
}

Item Projection::project(const Item& item, const std::vector<Path>& paths) {
    std::map<std::string, Selection, std::less<>> top;
    for (const Path& path : paths) {
        if (path.empty()) continue;
        Selection* node = &top[path.front().name];
        for (std::size_t i = 1; i < path.size(); ++i) {
            node = path[i].index >= 0 ? &node->indexes[path[i].index] : &node->keys[path[i].name];
        }
        node->whole = true;
    }
    Item out;
    for (const auto& [name, sel] : top) {
        const auto it = item.find(name);
        if (it == item.end()) continue;
        if (auto v = copy_selected(it->second, sel)) out.emplace(name, std::move(*v));
    }
    return out;
}

}  // namespace tablespan::expr
