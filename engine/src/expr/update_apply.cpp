#include "expr/update_apply.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "expr/document_path.h"
#include "tablespan/error.h"

namespace tablespan::expr {

namespace {

using ast::Operand;
using ast::UpdateAction;
using Type = AttributeValue::Type;

constexpr const char* kTypeError = "An operand in the update expression has an incorrect data type";
constexpr const char* kMissingError =
    "The provided expression refers to an attribute that does not exist in the item";
constexpr const char* kPathError =
    "The document path provided in the update expression is invalid for update";

Path parent_of(const Path& path) {
    return Path(path.begin(), path.end() - 1);
}

// Whether the place a path names can be written: everything before its last step
// exists and is a map before a name, a list before an index.
bool writable(const Item& item, const Path& path) {
    if (path.size() == 1) return true;
    const AttributeValue* parent = resolve(item, parent_of(path));
    if (parent == nullptr) return false;
    return path.back().index >= 0 ? parent->is(Type::L) : parent->is(Type::M);
}

struct Problems {
    std::optional<std::string> missing;
    std::optional<std::string> number;
};

std::optional<AttributeValue> set_value(const Operand& operand, const Item& item,
                                        Problems& problems) {
    const Operand& o = ast::unwrap(operand);
    switch (o.kind) {
        case Operand::Kind::Value:
            return o.value;
        case Operand::Kind::Path: {
            const AttributeValue* v = resolve(item, o.path.resolved);
            if (v == nullptr) {
                if (!problems.missing) problems.missing = kMissingError;
                return std::nullopt;
            }
            return *v;
        }
        case Operand::Kind::Arithmetic: {
            auto a = set_value(o.args[0], item, problems);
            if (a && !a->is(Type::N)) throw_validation(kTypeError);
            auto b = set_value(o.args[1], item, problems);
            if (b && !b->is(Type::N)) throw_validation(kTypeError);
            if (!a || !b) return std::nullopt;
            std::string error;
            const auto result = o.text == "+"
                                    ? Number::add(a->as_number(), b->as_number(), &error)
                                    : Number::subtract(a->as_number(), b->as_number(), &error);
            if (!result) {
                if (!problems.number) problems.number = error;
                return AttributeValue::number(Number());
            }
            return AttributeValue::number(*result);
        }
        case Operand::Kind::Call: {
            if (o.text == "if_not_exists") {
                const AttributeValue* current = resolve(item, ast::unwrap(o.args[0]).path.resolved);
                if (current != nullptr) return *current;
                return set_value(o.args[1], item, problems);
            }
            auto a = set_value(o.args[0], item, problems);
            if (a && !a->is(Type::L)) throw_validation(kTypeError);
            auto b = set_value(o.args[1], item, problems);
            if (b && !b->is(Type::L)) throw_validation(kTypeError);
            if (!a || !b) return std::nullopt;
            AttributeList joined = a->as_list();
            const AttributeList& tail = b->as_list();
            joined.insert(joined.end(), tail.begin(), tail.end());
            return AttributeValue::list(std::move(joined));
        }
        case Operand::Kind::Paren:
            break;
    }
    return std::nullopt;
}

template <typename T>
std::vector<T> set_union(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out = a;
    for (const T& x : b) {
        if (std::find(a.begin(), a.end(), x) == a.end()) out.push_back(x);
    }
    return out;
}

template <typename T>
std::vector<T> set_difference(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out;
    for (const T& x : a) {
        if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
    }
    return out;
}

AttributeValue combine_sets(const AttributeValue& a, const AttributeValue& b, bool add) {
    switch (a.type()) {
        case Type::SS:
            return AttributeValue::string_set(
                add ? set_union(a.as_string_set(), b.as_string_set())
                    : set_difference(a.as_string_set(), b.as_string_set()));
        case Type::NS:
            return AttributeValue::number_set(
                add ? set_union(a.as_number_set(), b.as_number_set())
                    : set_difference(a.as_number_set(), b.as_number_set()));
        default:
            return AttributeValue::binary_set(
                add ? set_union(a.as_binary_set(), b.as_binary_set())
                    : set_difference(a.as_binary_set(), b.as_binary_set()));
    }
}

bool set_is_empty(const AttributeValue& set) {
    switch (set.type()) {
        case Type::SS:
            return set.as_string_set().empty();
        case Type::NS:
            return set.as_number_set().empty();
        default:
            return set.as_binary_set().empty();
    }
}

struct Write {
    const Path* path;
    std::optional<AttributeValue> value;  // nullopt: remove
};

struct PlannedAction {
    const UpdateAction* action;
    std::size_t clause;
    std::optional<AttributeValue> value;  // SET: the value; ADD/DELETE: the new value
    bool remove = false;                  // DELETE emptied the set
    std::optional<std::string> missing;
};

struct ListEdit {
    std::map<long, AttributeValue> replace;
    std::vector<long> remove;
};

void apply_list_edits(AttributeList& list, ListEdit& edit) {
    std::vector<AttributeValue> appended;
    AttributeList kept;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const long index = static_cast<long>(i);
        if (std::find(edit.remove.begin(), edit.remove.end(), index) != edit.remove.end()) continue;
        const auto it = edit.replace.find(index);
        kept.push_back(it != edit.replace.end() ? std::move(it->second) : std::move(list[i]));
    }
    for (auto& [index, value] : edit.replace) {
        if (index >= static_cast<long>(list.size())) kept.push_back(std::move(value));
    }
    list = std::move(kept);
}

Item write_all(const Item& original, const std::vector<Write>& writes) {
    Item out = original;
    // List edits wait until every other write is placed, deepest lists first, so that
    // indexes keep meaning the positions before the update.
    std::map<std::size_t, std::vector<std::pair<Path, ListEdit>>, std::greater<>> list_edits;
    for (const Write& w : writes) {
        const Path& path = *w.path;
        if (path.size() == 1) {
            if (w.value) {
                out.insert_or_assign(path[0].name, *w.value);
            } else {
                out.erase(path[0].name);
            }
            continue;
        }
        const Path parent_path = parent_of(path);
        AttributeValue* parent = resolve_mutable(out, parent_path);
        if (parent->is(Type::M)) {
            if (w.value) {
                parent->as_map().insert_or_assign(path.back().name, *w.value);
            } else {
                parent->as_map().erase(path.back().name);
            }
            continue;
        }
        auto& edits = list_edits[parent_path.size()];
        auto it = std::find_if(edits.begin(), edits.end(), [&](const auto& e) {
            return e.first.size() == parent_path.size() &&
                   std::equal(e.first.begin(), e.first.end(), parent_path.begin(),
                              [](const PathElement& a, const PathElement& b) {
                                  return a.index == b.index && a.name == b.name;
                              });
        });
        if (it == edits.end()) {
            edits.emplace_back(parent_path, ListEdit{});
            it = edits.end() - 1;
        }
        if (w.value) {
            it->second.replace.insert_or_assign(path.back().index, *w.value);
        } else {
            it->second.remove.push_back(path.back().index);
        }
    }
    for (auto& [depth, edits] : list_edits) {
        for (auto& [parent_path, edit] : edits) {
            apply_list_edits(resolve_mutable(out, parent_path)->as_list(), edit);
        }
    }
    return out;
}

}  // namespace

void apply_update(const std::vector<ast::UpdateClause>& clauses, Item& item) {
    const Item& original = item;
    std::vector<PlannedAction> plan;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
        for (const auto& action : clauses[c].actions) plan.push_back({&action, c, {}, false, {}});
    }

    for (const auto& p : plan) {
        const Path& path = p.action->path.resolved;
        if (path.size() > 1 && resolve(original, parent_of(path)) != nullptr &&
            !writable(original, path)) {
            throw_validation(kPathError);
        }
    }

    std::optional<std::string> number_error;
    for (auto& p : plan) {
        const Path& path = p.action->path.resolved;
        switch (p.action->kind) {
            case UpdateAction::Kind::Set: {
                Problems problems;
                p.value = set_value(p.action->value, original, problems);
                p.missing = problems.missing;
                if (!number_error) number_error = problems.number;
                break;
            }
            case UpdateAction::Kind::Remove:
                break;
            case UpdateAction::Kind::Add:
            case UpdateAction::Kind::Delete: {
                const AttributeValue& operand = p.action->value.value;
                const AttributeValue* current =
                    writable(original, path) ? resolve(original, path) : nullptr;
                const bool add = p.action->kind == UpdateAction::Kind::Add;
                if (current == nullptr) {
                    if (add) p.value = operand;
                    break;
                }
                if (add && operand.is(Type::N)) {
                    if (!current->is(Type::N)) throw_validation(kTypeError);
                    std::string error;
                    const auto sum = Number::add(current->as_number(), operand.as_number(), &error);
                    if (!sum && !number_error) number_error = error;
                    p.value = AttributeValue::number(sum.value_or(Number()));
                    break;
                }
                if (current->type() != operand.type()) throw_validation(kTypeError);
                p.value = combine_sets(*current, operand, add);
                p.remove = !add && set_is_empty(*p.value);
                break;
            }
        }
    }

    for (std::size_t c = clauses.size(); c-- > 0;) {
        for (const auto& p : plan) {
            if (p.clause == c && !writable(original, p.action->path.resolved))
                throw_validation(kPathError);
        }
        for (const auto& p : plan) {
            if (p.clause == c && p.missing) throw_validation(*p.missing);
        }
    }
    if (number_error) throw_validation(*number_error);

    std::vector<Write> writes;
    for (auto& p : plan) {
        const Path* path = &p.action->path.resolved;
        switch (p.action->kind) {
            case UpdateAction::Kind::Remove:
                writes.push_back({path, std::nullopt});
                break;
            case UpdateAction::Kind::Delete:
                if (p.remove) {
                    writes.push_back({path, std::nullopt});
                } else if (p.value) {
                    writes.push_back({path, std::move(p.value)});
                }
                break;
            default:
                writes.push_back({path, std::move(p.value)});
                break;
        }
    }
    item = write_all(original, writes);
}

}  // namespace tablespan::expr
