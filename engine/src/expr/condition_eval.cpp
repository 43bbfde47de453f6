#include "expr/condition_eval.h"

#include <string>

#include "expr/value_ops.h"

namespace tablespan::expr {

namespace {

using ast::ConditionNode;
using ast::Operand;

bool compare(const std::string& op, const AttributeValue* a, const AttributeValue* b) {
    if (op == "=") return a != nullptr && b != nullptr && *a == *b;
    if (op == "<>") return !(a != nullptr && b != nullptr && *a == *b);
    if (a == nullptr || b == nullptr) return false;
    const auto o = order(*a, *b);
    if (!o) return false;
    if (op == "<") return *o < 0;
    if (op == "<=") return *o <= 0;
    if (op == ">") return *o > 0;
    return *o >= 0;
}

bool between(const ConditionNode& node, const Item* item) {
    AttributeValue s1, s2, s3;
    const AttributeValue* v = operand_value(node.operands[0], item, s1);
    const AttributeValue* low = operand_value(node.operands[1], item, s2);
    const AttributeValue* high = operand_value(node.operands[2], item, s3);
    if (v == nullptr || low == nullptr || high == nullptr) return false;
    const auto above = order(*low, *v);
    const auto below = order(*v, *high);
    return above && below && *above <= 0 && *below <= 0;
}

bool in_list(const ConditionNode& node, const Item* item) {
    AttributeValue scratch;
    const AttributeValue* v = operand_value(node.operands[0], item, scratch);
    if (v == nullptr) return false;
    for (std::size_t i = 1; i < node.operands.size(); ++i) {
        AttributeValue other_scratch;
        const AttributeValue* other = operand_value(node.operands[i], item, other_scratch);
        if (other != nullptr && *other == *v) return true;
    }
    return false;
}

bool function(const Operand& call, const Item* item) {
    AttributeValue s1, s2;
    const AttributeValue* first = operand_value(call.args[0], item, s1);
    const std::string& name = call.text;
    if (name == "attribute_exists") return first != nullptr;
    if (name == "attribute_not_exists") return first == nullptr;
    const AttributeValue* second = operand_value(call.args[1], item, s2);
    if (first == nullptr || second == nullptr) return false;
    if (name == "attribute_type") {
        return second->is(AttributeValue::Type::S) && second->as_string() == first->type_name();
    }
    if (name == "begins_with") return begins_with(*first, *second);
    return contains(*first, *second);
}

}  // namespace

const AttributeValue* operand_value(const Operand& operand, const Item* item,
                                    AttributeValue& scratch) {
    const Operand& o = ast::unwrap(operand);
    switch (o.kind) {
        case Operand::Kind::Value:
            return &o.value;
        case Operand::Kind::Path:
            return item == nullptr ? nullptr : resolve(*item, o.path.resolved);
        case Operand::Kind::Call: {
            // Only size() yields a value inside a condition.
            AttributeValue inner;
            const AttributeValue* v = operand_value(o.args[0], item, inner);
            if (v == nullptr) return nullptr;
            const auto size = size_of(*v);
            if (!size) return nullptr;
            scratch = AttributeValue::number(*Number::parse(std::to_string(*size)));
            return &scratch;
        }
        default:
            return nullptr;
    }
}

bool evaluate_condition(const ast::ConditionNode& node, const Item* item) {
    using ast::ConditionNode;
    switch (node.kind) {
        case ConditionNode::Kind::Or:
            return evaluate_condition(*node.children[0], item) ||
                   evaluate_condition(*node.children[1], item);
        case ConditionNode::Kind::And:
            return evaluate_condition(*node.children[0], item) &&
                   evaluate_condition(*node.children[1], item);
        case ConditionNode::Kind::Not:
            return !evaluate_condition(*node.children[0], item);
        case ConditionNode::Kind::Paren:
            return evaluate_condition(*node.children[0], item);
        case ConditionNode::Kind::Compare: {
            AttributeValue s1, s2;
            return compare(node.op, operand_value(node.operands[0], item, s1),
                           operand_value(node.operands[1], item, s2));
        }
        case ConditionNode::Kind::Between:
            return between(node, item);
        case ConditionNode::Kind::In:
            return in_list(node, item);
        case ConditionNode::Kind::Function:
            return function(ast::unwrap(node.operands[0]), item);
    }
    return false;
}

}  // namespace tablespan::expr
