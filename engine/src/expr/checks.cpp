#include "expr/checks.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "expr/document_path.h"
#include "expr/expression_error.h"
#include "expr/reserved_words.h"
#include "expr/value_ops.h"

namespace tablespan::expr {

namespace {

using ast::ConditionNode;
using ast::Operand;
using ast::PathStep;
using Type = AttributeValue::Type;

enum class Grammar { Condition, Update, Projection };
enum class Place { Condition, Operand };

struct FunctionInfo {
    std::string_view name;
    std::size_t operands;
    enum class Use { Condition, Operand, Update } use;
};

constexpr std::array<FunctionInfo, 8> kFunctions = {{
    {"attribute_exists", 1, FunctionInfo::Use::Condition},
    {"attribute_not_exists", 1, FunctionInfo::Use::Condition},
    {"attribute_type", 2, FunctionInfo::Use::Condition},
    {"begins_with", 2, FunctionInfo::Use::Condition},
    {"contains", 2, FunctionInfo::Use::Condition},
    {"size", 1, FunctionInfo::Use::Operand},
    {"if_not_exists", 2, FunctionInfo::Use::Update},
    {"list_append", 2, FunctionInfo::Use::Update},
}};

const FunctionInfo* find_function(std::string_view name) {
    for (const auto& f : kFunctions) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

[[noreturn]] void fail(std::string message) {
    throw ExpressionError{std::move(message)};
}

[[noreturn]] void fail_operand_type(std::string_view op, std::string_view type) {
    fail("Incorrect operand type for operator or function; operator or function: " +
         std::string(op) + ", operand type: " + std::string(type));
}

void check_arity(const Operand& call, const FunctionInfo& info) {
    if (call.args.size() != info.operands) {
        fail("Incorrect number of operands for operator or function; operator or function: " +
             call.text + ", number of operands: " + std::to_string(call.args.size()));
    }
}

// The type an operand is known to have before any item is seen: a value's own type,
// N for size(); none for a document path.
std::optional<Type> static_type(const Operand& operand) {
    const Operand& o = ast::unwrap(operand);
    if (o.kind == Operand::Kind::Value) return o.value.type();
    if (o.kind == Operand::Kind::Call && o.text == "size") return Type::N;
    return std::nullopt;
}

std::string bound_text(const AttributeValue& v) {
    std::string out = "AttributeValue: {";
    out += v.type_name();
    out += ':';
    if (v.is(Type::S)) {
        out += v.as_string();
    } else if (v.is(Type::N)) {
        out += v.as_number().to_string();
    } else if (v.is(Type::B)) {
        const std::string size = std::to_string(v.as_binary().size());
        out += "java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]";
    }
    out += '}';
    return out;
}

// Pass 1: what can be judged from the text alone, in the order it is written.
class TextChecks {
public:
    explicit TextChecks(Grammar grammar) : grammar_(grammar) {}

    void path(const ast::DocumentPath& path) const {
        for (const PathStep& step : path.steps) {
            if (step.kind == PathStep::Kind::Index) {
                if (step.text.size() > 10 || std::stoll(step.text) > 2147483647) {
                    fail("List index is not within the allowable range; index: [" + step.text +
                         "]");
                }
            } else if (step.kind == PathStep::Kind::Name && is_reserved_word(step.text)) {
                fail("Attribute name is a reserved keyword; reserved keyword: " + step.text);
            }
        }
    }

    void operand(const Operand& o, Place place) const {
        switch (o.kind) {
            case Operand::Kind::Path:
                path(o.path);
                break;
            case Operand::Kind::Value:
                break;
            case Operand::Kind::Paren:
                operand(o.args[0], place);
                break;
            case Operand::Kind::Call:
                call(o, place);
                break;
            case Operand::Kind::Arithmetic:
                for (const Operand& arg : o.args) operand(arg, Place::Operand);
                break;
        }
    }

    void condition(const ConditionNode& node) const {
        switch (node.kind) {
            case ConditionNode::Kind::Or:
            case ConditionNode::Kind::And:
            case ConditionNode::Kind::Not:
            case ConditionNode::Kind::Paren:
                for (const auto& child : node.children) condition(*child);
                break;
            case ConditionNode::Kind::Function:
                operand(node.operands[0], Place::Condition);
                break;
            default:
                for (const Operand& o : node.operands) operand(o, Place::Operand);
        }
    }

private:
    void call(const Operand& o, Place place) const {
        const FunctionInfo* info = find_function(o.text);
        if (info == nullptr) fail("Invalid function name; function: " + o.text);
        if (grammar_ == Grammar::Update) {
            if (info->use != FunctionInfo::Use::Update) {
                fail("The function is not allowed in an update expression; function: " + o.text);
            }
        } else {
            if (info->use == FunctionInfo::Use::Update) {
                fail("The function is not allowed in a condition expression; function: " + o.text);
            }
            if ((place == Place::Condition) != (info->use == FunctionInfo::Use::Condition)) {
                fail(
                    "The function is not allowed to be used this way in an expression; function: " +
                    o.text);
            }
            check_arity(o, *info);
        }
        for (const Operand& arg : o.args) operand(arg, Place::Operand);
    }

    Grammar grammar_;
};

// Pass 2: placeholders, operand counts and types; resolves paths and values.
class Resolver {
public:
    explicit Resolver(ExpressionContext& ctx) : ctx_(ctx) {}

    // Resolves the #names of a path without the other checks.
    void names(ast::DocumentPath& path) {
        path.resolved.clear();
        for (const PathStep& step : path.steps) {
            switch (step.kind) {
                case PathStep::Kind::Name:
                    path.resolved.push_back({step.text, -1});
                    break;
                case PathStep::Kind::NamePlaceholder: {
                    const std::string* name = ctx_.find_name(step.text);
                    if (name == nullptr) {
                        fail(
                            "An expression attribute name used in the document path is not "
                            "defined; attribute name: " +
                            step.text);
                    }
                    path.resolved.push_back({*name, -1});
                    break;
                }
                case PathStep::Kind::Index:
                    path.resolved.push_back({{}, std::stol(step.text)});
                    break;
            }
        }
    }

    void names(Operand& o) {
        if (o.kind == Operand::Kind::Path) {
            names(o.path);
            return;
        }
        for (Operand& arg : o.args) names(arg);
    }

    void path(ast::DocumentPath& path) {
        names(path);
        if (path.steps.size() > 32) {
            fail("The document path has too many nesting levels; nesting levels: " +
                 std::to_string(path.steps.size()));
        }
    }

    void operand(Operand& o, Grammar grammar) {
        switch (o.kind) {
            case Operand::Kind::Path:
                path(o.path);
                break;
            case Operand::Kind::Value: {
                const AttributeValue* value = ctx_.find_value(o.text);
                if (value == nullptr) {
                    fail(
                        "An expression attribute value used in expression is not defined; "
                        "attribute value: " +
                        o.text);
                }
                o.value = *value;
                break;
            }
            case Operand::Kind::Paren:
                operand(o.args[0], grammar);
                break;
            case Operand::Kind::Call:
                call(o, grammar);
                break;
            case Operand::Kind::Arithmetic:
                for (Operand& arg : o.args) operand(arg, grammar);
                for (const Operand& arg : o.args) {
                    const auto type = static_type(arg);
                    if (type && *type != Type::N) {
                        fail_operand_type(o.text, AttributeValue::type_name(*type));
                    }
                }
                break;
        }
    }

    void condition(ConditionNode& node) {
        switch (node.kind) {
            case ConditionNode::Kind::Or:
            case ConditionNode::Kind::And:
            case ConditionNode::Kind::Not:
            case ConditionNode::Kind::Paren:
                for (auto& child : node.children) condition(*child);
                break;
            case ConditionNode::Kind::Compare:
                for (Operand& o : node.operands) operand(o, Grammar::Condition);
                distinct(node.op, node.operands);
                if (node.op != "=" && node.op != "<>") scalar_operands(node.op, node.operands);
                break;
            case ConditionNode::Kind::Between:
                between(node);
                break;
            case ConditionNode::Kind::In:
                for (Operand& o : node.operands) operand(o, Grammar::Condition);
                if (node.operands.size() - 1 > 100 && !ctx_.generated()) {
                    fail(
                        "The IN operator is provided with too many operands; number of operands: " +
                        std::to_string(node.operands.size() - 1));
                }
                distinct("IN", node.operands);
                break;
            case ConditionNode::Kind::Function:
                operand(node.operands[0], Grammar::Condition);
                break;
        }
    }

private:
    void call(Operand& o, Grammar grammar) {
        const FunctionInfo& info = *find_function(o.text);
        if (grammar == Grammar::Update) check_arity(o, info);
        for (Operand& arg : o.args) operand(arg, grammar);
        const std::string& name = o.text;
        if ((name == "attribute_exists" || name == "attribute_not_exists" ||
             name == "attribute_type" || name == "if_not_exists") &&
            ast::unwrap(o.args[0]).kind != Operand::Kind::Path) {
            fail("Operator or function requires a document path; operator or function: " + name);
        }
        if (name != "size" && name != "list_append") distinct(name, o.args);
        if (name == "size") {
            const auto type = static_type(o.args[0]);
            if (type && (*type == Type::N || *type == Type::BOOL || *type == Type::NUL)) {
                fail_operand_type(name, AttributeValue::type_name(*type));
            }
        } else if (name == "begins_with") {
            for (const Operand& arg : o.args) {
                const auto type = static_type(arg);
                if (type && *type != Type::S && *type != Type::B) {
                    fail_operand_type(name, AttributeValue::type_name(*type));
                }
            }
        } else if (name == "attribute_type") {
            attribute_type(o);
        } else if (name == "list_append") {
            for (const Operand& arg : o.args) {
                const auto type = static_type(arg);
                if (type && *type != Type::L)
                    fail_operand_type(name, AttributeValue::type_name(*type));
            }
        }
    }

    static void attribute_type(const Operand& o) {
        const Operand& second = ast::unwrap(o.args[1]);
        if (second.kind != Operand::Kind::Value) {
            const bool is_size = second.kind == Operand::Kind::Call && second.text == "size";
            fail_operand_type(o.text, is_size
                                          ? "N"
                                          : "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,"
                                            "HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,DOUBLE}");
        }
        if (!second.value.is(Type::S)) fail_operand_type(o.text, second.value.type_name());
        static constexpr std::array<std::string_view, 10> names = {"S",  "N", "B", "SS",   "NS",
                                                                   "BS", "M", "L", "NULL", "BOOL"};
        const std::string& wanted = second.value.as_string();
        if (std::find(names.begin(), names.end(), wanted) == names.end()) {
            fail("Invalid attribute type name found; type: " + wanted +
                 ", valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
        }
    }

    void between(ConditionNode& node) {
        for (Operand& o : node.operands) operand(o, Grammar::Condition);
        distinct("BETWEEN", node.operands);
        scalar_operands("BETWEEN", node.operands);
        const Operand& low = ast::unwrap(node.operands[1]);
        const Operand& high = ast::unwrap(node.operands[2]);
        if (low.kind != Operand::Kind::Value || high.kind != Operand::Kind::Value) return;
        if (low.value.type() != high.value.type()) {
            fail(
                "The BETWEEN operator requires same data type for lower and upper bounds; lower "
                "bound operand: " +
                bound_text(low.value) + ", upper bound operand: " + bound_text(high.value));
        }
        if (order(low.value, high.value).value_or(0) > 0) {
            fail(
                "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                "bound; lower bound operand: " +
                bound_text(low.value) + ", upper bound operand: " + bound_text(high.value));
        }
    }

    static void scalar_operands(std::string_view op, const std::vector<Operand>& operands) {
        for (const Operand& o : operands) {
            const auto type = static_type(o);
            if (type && *type != Type::S && *type != Type::N && *type != Type::B) {
                fail_operand_type(op, AttributeValue::type_name(*type));
            }
        }
    }

    // The service refuses comparing a path with itself ("a = a", "contains(a, a)").
    static void distinct(std::string_view op, const std::vector<Operand>& operands) {
        const Operand& first = ast::unwrap(operands[0]);
        if (first.kind != Operand::Kind::Path) return;
        for (std::size_t i = 1; i < operands.size(); ++i) {
            const Operand& other = ast::unwrap(operands[i]);
            if (other.kind == Operand::Kind::Path &&
                same_path(first.path.resolved, other.path.resolved)) {
                fail(
                    "The first operand must be distinct from the remaining operands for this "
                    "operator or function; operator: " +
                    std::string(op) + ", first operand: " + path_to_string(first.path.resolved));
            }
        }
    }

    ExpressionContext& ctx_;
};

const char* section_name(ast::UpdateAction::Kind kind) {
    switch (kind) {
        case ast::UpdateAction::Kind::Set:
            return "SET";
        case ast::UpdateAction::Kind::Remove:
            return "REMOVE";
        case ast::UpdateAction::Kind::Add:
            return "ADD";
        case ast::UpdateAction::Kind::Delete:
            return "DELETE";
    }
    return "";
}

bool same_step(const PathElement& a, const PathElement& b) {
    return a.index == b.index && (a.index >= 0 || a.name == b.name);
}

}  // namespace

const Operand& ast::unwrap(const Operand& operand) {
    const Operand* o = &operand;
    while (o->kind == Operand::Kind::Paren) o = &o->args[0];
    return *o;
}

const ast::ConditionNode& ast::unwrap(const ast::ConditionNode& node) {
    const ast::ConditionNode* n = &node;
    while (n->kind == ast::ConditionNode::Kind::Paren) n = n->children[0].get();
    return *n;
}

bool same_path(const Path& a, const Path& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_step);
}

void check_overlaps(const std::vector<const Path*>& paths) {
    for (std::size_t j = 1; j < paths.size(); ++j) {
        for (std::size_t i = 0; i < j; ++i) {
            const Path& one = *paths[i];
            const Path& two = *paths[j];
            const std::size_t common = std::min(one.size(), two.size());
            std::size_t k = 0;
            while (k < common && same_step(one[k], two[k])) ++k;
            std::string what;
            if (k == common) {
                what = "overlap";
            } else if ((one[k].index >= 0) != (two[k].index >= 0)) {
                what = "conflict";
            } else {
                continue;
            }
            fail("Two document paths " + what +
                 " with each other; must remove or rewrite one of these paths; path one: " +
                 path_to_string(one) + ", path two: " + path_to_string(two));
        }
    }
}

void check_condition(ast::ConditionNode& root, ExpressionContext& ctx) {
    TextChecks(Grammar::Condition).condition(root);
    Resolver(ctx).condition(root);
}

void check_projection(std::vector<ast::DocumentPath>& paths, ExpressionContext& ctx) {
    const TextChecks text(Grammar::Projection);
    for (const auto& path : paths) text.path(path);
    Resolver resolver(ctx);
    std::vector<const Path*> resolved;
    for (auto& path : paths) {
        resolver.path(path);
        resolved.push_back(&path.resolved);
    }
    check_overlaps(resolved);
}

void check_update(std::vector<ast::UpdateClause>& clauses, ExpressionContext& ctx) {
    // A section at a time, in the order the sections first appear.
    const TextChecks text(Grammar::Update);
    std::vector<ast::UpdateAction::Kind> sections;
    for (const auto& clause : clauses) {
        if (std::find(sections.begin(), sections.end(), clause.kind) == sections.end()) {
            sections.push_back(clause.kind);
        }
    }
    for (const auto kind : sections) {
        int seen = 0;
        for (const auto& clause : clauses) {
            if (clause.kind != kind) continue;
            ++seen;
            for (const auto& action : clause.actions) {
                text.path(action.path);
                if (kind != ast::UpdateAction::Kind::Remove)
                    text.operand(action.value, Place::Operand);
            }
        }
        if (seen > 1) {
            fail(std::string("The \"") + section_name(kind) +
                 "\" section can only be used once in an update expression;");
        }
    }

    std::vector<ast::UpdateAction*> actions;
    for (auto& clause : clauses) {
        for (auto& action : clause.actions) actions.push_back(&action);
    }
    Resolver resolver(ctx);
    std::vector<const Path*> targets;
    for (auto* action : actions) {
        resolver.names(action->path);
        targets.push_back(&action->path.resolved);
    }
    check_overlaps(targets);

    // The service checks the actions from the last back to the first.
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
        resolver.names((*it)->path);
        if ((*it)->kind != ast::UpdateAction::Kind::Remove) resolver.names((*it)->value);
    }
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
        ast::UpdateAction& action = **it;
        resolver.path(action.path);
        if (action.kind == ast::UpdateAction::Kind::Remove) continue;
        resolver.operand(action.value, Grammar::Update);
        if (action.kind == ast::UpdateAction::Kind::Set) continue;
        const Type type = action.value.value.type();
        const bool is_add = action.kind == ast::UpdateAction::Kind::Add;
        const bool allowed =
            type == Type::SS || type == Type::NS || type == Type::BS || (is_add && type == Type::N);
        if (!allowed) {
            fail(std::string("Incorrect operand type for operator or function; operator: ") +
                 section_name(action.kind) + ", operand type: " + long_type_name(type) +
                 ", typeSet: ALLOWED_FOR_" + section_name(action.kind) + "_OPERAND");
        }
    }
}

}  // namespace tablespan::expr
