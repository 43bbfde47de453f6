#pragma once

// Turns a statement's WHERE and SET/REMOVE into DynamoDB expressions over generated
// placeholders (#n0, :v0, …), so that PartiQL runs through the same parsers and the same
// evaluator as ConditionExpression, FilterExpression and UpdateExpression do.

#include <map>
#include <string>
#include <vector>

#include "partiql/ast.h"

namespace tablespan::partiql {

class ExpressionBuilder {
public:
    // A condition: comparisons, BETWEEN, IN, IS [NOT] MISSING / NULL / <type>, AND, OR,
    // NOT, and begins_with, contains, attribute_type, attribute_exists,
    // attribute_not_exists; size() as an operand.
    std::string condition(const Expr& e);
    // SET and REMOVE of an UPDATE statement; set_add and set_delete become ADD and
    // DELETE actions, list_append and + / - stay SET.
    std::string update(const std::vector<Assignment>& assignments);
    std::string path(const Path& p);
    std::string value(const Json& v);
    // Adds ExpressionAttributeNames / ExpressionAttributeValues to `request` when used.
    void add_to(Json& request) const;

private:
    std::string operand(const Expr& e, bool condition);
    std::string predicate_call(const Expr& e);
    const Path& path_argument(const Expr& e, const std::string& function);

    Json names_ = Json::object();
    Json values_ = Json::object();
    std::map<std::string, std::string> placeholders_;  // attribute name → #nK
};

}  // namespace tablespan::partiql
