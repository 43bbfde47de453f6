#include <set>

#include "statements/run.h"
#include "tablespan/error.h"

namespace tablespan::statements {

namespace {
// The name a path's value is returned under: its last name step and the index steps
// after it ("m.k[1]" → "k[1]").
std::string label(const partiql::Path& path) {
    std::size_t last = 0;
    for (std::size_t i = 0; i < path.size(); ++i)
        if (path[i].index < 0) last = i;
    std::string out = path[last].name;
    for (std::size_t i = last + 1; i < path.size(); ++i)
        out += "[" + std::to_string(path[i].index) + "]";
    return out;
}

const Json* resolve(const Json& item, const partiql::Path& path) {
    auto top = item.find(path[0].name);
    if (top == item.end()) return nullptr;
    const Json* at = &*top;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const auto& step = path[i];
        if (step.index >= 0) {
            auto list = at->find("L");
            if (list == at->end() || static_cast<std::size_t>(step.index) >= list->size())
                return nullptr;
            at = &(*list)[static_cast<std::size_t>(step.index)];
        } else {
            auto map = at->find("M");
            if (map == at->end()) return nullptr;
            auto member = map->find(step.name);
            if (member == map->end()) return nullptr;
            at = &*member;
        }
    }
    return at;
}
}  // namespace

void check_projection(const partiql::Statement& select) {
    std::set<std::string> seen;
    for (const auto& p : select.projection) {
        std::string name = label(p);
        if (!seen.insert(name).second)
            throw_validation("Duplicate identifiers in select clause: " + name);
    }
}

Json project(const partiql::Statement& select, const Json& item) {
    if (select.select_all) return item;
    Json out = Json::object();
    for (const auto& p : select.projection)
        if (const Json* v = resolve(item, p)) out[label(p)] = *v;
    return out;
}

}  // namespace tablespan::statements
