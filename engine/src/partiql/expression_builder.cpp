#include "partiql/expression_builder.h"

#include "tablespan/error.h"

namespace tablespan::partiql {

namespace {
const char* type_code(const std::string& type) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {"NULL", "NULL"}, {"BOOLEAN", "BOOL"}, {"BOOL", "BOOL"}, {"BLOB", "B"},  {"STRING", "S"},
        {"NUMERIC", "N"}, {"NUMBER", "N"},     {"STRUCT", "M"},  {"TUPLE", "M"}, {"LIST", "L"}};
    for (const auto& [name, code] : kTypes)
        if (type == name) return code;
    return nullptr;
}

[[noreturn]] void not_boolean() {
    throw_validation("WHERE clause must contain an expression that resolves to a boolean");
}
}  // namespace

std::string ExpressionBuilder::path(const Path& p) {
    std::string out;
    for (const auto& step : p) {
        if (step.index >= 0) {
            out += "[" + std::to_string(step.index) + "]";
            continue;
        }
        auto [it, added] = placeholders_.try_emplace(step.name, "");
        if (added) {
            it->second = "#n" + std::to_string(placeholders_.size() - 1);
            names_[it->second] = step.name;
        }
        out += (out.empty() ? "" : ".") + it->second;
    }
    return out;
}

std::string ExpressionBuilder::value(const Json& v) {
    std::string name = ":v" + std::to_string(values_.size());
    values_[name] = v;
    return name;
}

void ExpressionBuilder::add_to(Json& request) const {
    if (!names_.empty()) request["ExpressionAttributeNames"] = names_;
    if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
}

const Path& ExpressionBuilder::path_argument(const Expr& e, const std::string& function) {
    if (e.kind != Expr::Kind::Path)
        throw_validation("Unsupported operation: the first argument to " + function +
                         " must be a path");
    return e.path;
}

std::string ExpressionBuilder::operand(const Expr& e, bool condition) {
    switch (e.kind) {
        case Expr::Kind::Path:
            return path(e.path);
        case Expr::Kind::Value:
            return value(e.value);
        case Expr::Kind::Missing:
            throw_validation("MISSING must be compared using IS operator");
        case Expr::Kind::Call:
            if (e.op == "size" && e.args.size() == 1)
                return "size(" + path(path_argument(*e.args[0], "size")) + ")";
            if (!condition && (e.op == "list_append" || e.op == "if_not_exists") &&
                e.args.size() == 2) {
                // One after the other, so that placeholders number from left to right.
                const std::string first = e.op == "list_append"
                                              ? operand(*e.args[0], false)
                                              : path(path_argument(*e.args[0], e.op));
                return e.op + "(" + first + ", " + operand(*e.args[1], false) + ")";
            }
            throw_validation("Unrecognized function: " + e.op);
        case Expr::Kind::Arithmetic:
            if (condition)
                throw_validation("Unsupported operator in Condition Expression. Operator: " + e.op);
            {
                const std::string left = operand(*e.args[0], false);
                return left + " " + e.op + " " + operand(*e.args[1], false);
            }
        default:
            if (condition) not_boolean();
            throw_validation("Unsupported operator in Update Expression. Operator: " + e.op);
    }
}

std::string ExpressionBuilder::predicate_call(const Expr& e) {
    const std::string& f = e.op;
    if ((f == "attribute_exists" || f == "attribute_not_exists" || f == "exists") &&
        e.args.size() == 1) {
        const std::string p = path(path_argument(*e.args[0], f));
        return (f == "attribute_not_exists" ? "attribute_not_exists(" : "attribute_exists(") + p +
               ")";
    }
    if ((f == "begins_with" || f == "contains" || f == "attribute_type") && e.args.size() == 2) {
        const std::string first = path(path_argument(*e.args[0], f));
        return f + "(" + first + ", " + operand(*e.args[1], true) + ")";
    }
    if (f == "size" || f == "list_append" || f == "set_add" || f == "set_delete") not_boolean();
    throw_validation("Unrecognized function: " + f);
}

std::string ExpressionBuilder::condition(const Expr& e) {
    switch (e.kind) {
        case Expr::Kind::And:
        case Expr::Kind::Or: {
            const std::string left = condition(*e.args[0]);
            return "(" + left + (e.kind == Expr::Kind::And ? ") AND (" : ") OR (") +
                   condition(*e.args[1]) + ")";
        }
        case Expr::Kind::Not:
            return "NOT (" + condition(*e.args[0]) + ")";
        case Expr::Kind::Compare: {
            const std::string left = operand(*e.args[0], true);
            return left + " " + e.op + " " + operand(*e.args[1], true);
        }
        case Expr::Kind::Between: {
            const std::string tested = operand(*e.args[0], true);
            const std::string low = operand(*e.args[1], true);
            std::string out = tested + " BETWEEN " + low + " AND " + operand(*e.args[2], true);
            return e.negated ? "NOT (" + out + ")" : out;
        }
        case Expr::Kind::In: {
            if (e.args[0]->kind != Expr::Kind::Path)
                throw_validation(
                    "IN operator must have a left hand argument of type Variable Reference and "
                    "right "
                    "hand argument of type Seq with at least one member");
            std::string out = path(e.args[0]->path) + " IN (";
            for (std::size_t i = 1; i < e.args.size(); ++i)
                out += (i > 1 ? ", " : "") + operand(*e.args[i], true);
            out += ")";
            return e.negated ? "NOT (" + out + ")" : out;
        }
        case Expr::Kind::Is: {
            if (e.args[0]->kind != Expr::Kind::Path)
                throw_validation(
                    "The left hand side argument to IS must be a Variable Reference, Literal, or "
                    "Path");
            const std::string p = path(e.args[0]->path);
            if (e.op == "MISSING")
                return (e.negated ? "attribute_exists(" : "attribute_not_exists(") + p + ")";
            const char* code = type_code(e.op);
            if (!code)
                throw_validation(
                    "Unsupported data type for IS operator: " + e.op +
                    ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, "
                    "NUMERIC, STRUCT, TUPLE, LIST]");
            std::string out = "attribute_type(" + p + ", " + value(Json{{"S", code}}) + ")";
            return e.negated ? "NOT (" + out + ")" : out;
        }
        case Expr::Kind::Call:
            return predicate_call(e);
        default:
            not_boolean();
    }
}

std::string ExpressionBuilder::update(const std::vector<Assignment>& assignments) {
    std::vector<std::string> set, remove, add, del;
    for (const auto& a : assignments) {
        if (!a.value) {
            remove.push_back(path(a.path));
            continue;
        }
        const Expr& v = *a.value;
        if (v.kind == Expr::Kind::Call && (v.op == "set_add" || v.op == "set_delete")) {
            const std::string op = v.op == "set_add" ? "ADD" : "DELETE";
            if (v.args.size() != 2)
                throw_validation("SET_" + op + " must have exactly two arguments");
            if (v.args[0]->kind != Expr::Kind::Path || v.args[0]->path.size() != a.path.size() ||
                path_text(v.args[0]->path) != path_text(a.path))
                throw_validation("The first argument to SET_" + op +
                                 " must equal the assignment value");
            const Expr& set_value = *v.args[1];
            if (set_value.kind != Expr::Kind::Value || !set_value.value.is_object() ||
                set_value.value.empty() ||
                (!set_value.value.contains("SS") && !set_value.value.contains("NS") &&
                 !set_value.value.contains("BS")))
                throw_validation("The second argument to SET_" + op +
                                 " must be a value with type SET");
            const std::string target = path(a.path);
            (op == "ADD" ? add : del).push_back(target + " " + value(set_value.value));
            continue;
        }
        if (v.kind == Expr::Kind::Is)
            throw_validation("IS operator is not supported in update expressions");
        const std::string target = path(a.path);
        set.push_back(target + " = " + operand(v, false));
    }
    std::string out;
    auto clause = [&out](const char* keyword, const std::vector<std::string>& actions) {
        if (actions.empty()) return;
        out += (out.empty() ? "" : " ") + std::string(keyword) + " ";
        for (std::size_t i = 0; i < actions.size(); ++i) out += (i ? ", " : "") + actions[i];
    };
    clause("SET", set);
    clause("REMOVE", remove);
    clause("ADD", add);
    clause("DELETE", del);
    return out;
}

}  // namespace tablespan::partiql
