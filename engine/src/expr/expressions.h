#pragma once

// DynamoDB expressions: ConditionExpression, FilterExpression, KeyConditionExpression,
// UpdateExpression and ProjectionExpression. Parsing validates as the service does
// (syntax errors, reserved words, undefined #names and :values, nesting limits…) and
// throws ApiError("ValidationException", <the service's message>).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tablespan/attribute_value.h"

namespace tablespan::expr {

// ExpressionAttributeNames / ExpressionAttributeValues of one request, and which of
// them the request's expressions used. After parsing every expression of a request the
// handler calls check_all_used(), which raises the service's "unused" errors
// ("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}").
class ExpressionContext {
public:
    ExpressionContext(const std::map<std::string, std::string>* names, const AttributeMap* values);
    // Resolves "#n" (throws "… An expression attribute name used in the document path
    // is not defined; attribute name: #n") and ":v" likewise.
    const std::string& name(std::string_view placeholder);
    const AttributeValue& value(std::string_view placeholder);
    // Like name() and value(), but return nullptr for an undefined placeholder instead of
    // throwing (the parsers report it with the expression's own prefix).
    const std::string* find_name(std::string_view placeholder);
    const AttributeValue* find_value(std::string_view placeholder);
    // Checks the two maps themselves as the service does before reading any expression:
    // "ExpressionAttributeNames must not be empty", "ExpressionAttributeValues contains
    // invalid key: Syntax error; key: \"x\"", "ExpressionAttributeNames contains invalid
    // value: Empty attribute name for key #a".
    void validate() const;
    // Unused keys are listed in the order the service lists them (that of a Java HashSet).
    void check_all_used() const;
    // Marks the expressions as written by Tablespan from a request's legacy parameters
    // (api/legacy_params.h) or a PartiQL statement (GeneratedScope): the limits on what a client
    // writes — 4 KB of text, 100 IN operands — do not apply to them.
    void set_generated() { generated_ = true; }
    bool generated() const { return generated_; }

private:
    const std::map<std::string, std::string>* names_;
    const AttributeMap* values_;
    std::set<std::string, std::less<>> used_names_;
    std::set<std::string, std::less<>> used_values_;
    bool generated_ = false;
};

// While one lives on a thread, every ExpressionContext made there counts as generated
// (set_generated()): PartiQL runs the item operations with expressions it wrote from a
// statement of up to 8192 characters.
class GeneratedScope {
public:
    GeneratedScope();
    ~GeneratedScope();
    GeneratedScope(const GeneratedScope&) = delete;
    GeneratedScope& operator=(const GeneratedScope&) = delete;

private:
    bool previous_;
};

// A document path: a top-level attribute followed by map keys and list indexes.
struct PathElement {
    std::string name;  // map key (when index < 0)
    long index = -1;   // list index (when >= 0)
};
using Path = std::vector<PathElement>;

// Looks a path up in an item; nullptr when any step is missing or of the wrong type.
const AttributeValue* resolve(const Item& item, const Path& path);

struct ConditionNode;  // private to the implementation

// ConditionExpression / FilterExpression.
class Condition {
public:
    // `parameter` names the request parameter in messages ("ConditionExpression").
    static Condition parse(std::string_view text, ExpressionContext& ctx,
                           std::string_view parameter = "ConditionExpression");
    // Evaluates against an item; `item` null means no item (attribute_not_exists is
    // true, every comparison false). Throws ValidationException for runtime type errors
    // the service reports (e.g. size() of an unsupported type is simply false, but an
    // invalid operand for contains is an error only at parse time).
    bool evaluate(const Item* item) const;
    // The top-level attributes the expression reads, in order of first appearance.
    std::vector<std::string> attribute_names() const;
    Condition();
    ~Condition();
    Condition(Condition&&) noexcept;
    Condition& operator=(Condition&&) noexcept;

private:
    std::shared_ptr<const ConditionNode> root_;
};

// One attribute of a key schema, as key conditions check it.
struct KeyAttribute {
    std::string name;
    AttributeValue::Type type;
};

// KeyConditionExpression, checked against the table's key schema.
struct KeyCondition {
    enum class SortOp { None, EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH };
    AttributeValue partition_value;  // the first (usually only) HASH attribute's value
    // Multi-attribute GSI keys: every HASH attribute's value in KeySchema order, and the
    // equalities on leading RANGE attributes before the one `sort_op` applies to.
    std::vector<AttributeValue> partition_values;
    std::vector<AttributeValue> sort_prefix;
    SortOp sort_op = SortOp::None;
    AttributeValue sort_value1;  // operand (lower bound for BETWEEN)
    AttributeValue sort_value2;  // upper bound for BETWEEN

    // Throws the service's messages, e.g. "Query condition missed key schema element:
    // pk", "Query key condition not supported", "One or more parameter values were
    // invalid: Condition parameter type does not match schema type".
    static KeyCondition parse(std::string_view text, ExpressionContext& ctx,
                              const std::string& partition_key, AttributeValue::Type partition_type,
                              const std::optional<std::string>& sort_key,
                              AttributeValue::Type sort_type);
    // The same for a key schema of up to four HASH and four RANGE attributes (a GSI's
    // multi-attribute key, ../shared/reference/dynamodb-data-plane.md §1.8): every HASH
    // attribute needs an equality; RANGE attributes are taken left to right without a
    // gap, and only the last one given may use a comparison, BETWEEN or begins_with.
    static KeyCondition parse(std::string_view text, ExpressionContext& ctx,
                              const std::vector<KeyAttribute>& hash,
                              const std::vector<KeyAttribute>& range);
};

struct UpdateNode;  // private

// UpdateExpression: SET (with if_not_exists, list_append, + and -), REMOVE, ADD, DELETE.
class UpdateExpression {
public:
    static UpdateExpression parse(std::string_view text, ExpressionContext& ctx);
    // Applies the update to `item` in place. Throws ValidationException with the
    // service's message when an operand has the wrong type ("An operand in the update
    // expression has an incorrect data type") or a path is invalid ("The document path
    // provided in the update expression is invalid for update").
    void apply(Item& item) const;
    // Top-level attribute names the update writes (for the key-attribute check and
    // ReturnValues UPDATED_OLD / UPDATED_NEW).
    const std::vector<std::string>& top_level_names() const;
    // Full paths the update writes, in order (for UPDATED_OLD / UPDATED_NEW projection).
    const std::vector<Path>& paths() const;
    UpdateExpression();
    ~UpdateExpression();
    UpdateExpression(UpdateExpression&&) noexcept;
    UpdateExpression& operator=(UpdateExpression&&) noexcept;

private:
    std::shared_ptr<const UpdateNode> root_;
};

// ProjectionExpression: a comma-separated list of document paths.
class Projection {
public:
    static Projection parse(std::string_view text, ExpressionContext& ctx);
    // Builds a projection of `item` (missing paths are left out; list elements picked
    // by index are compacted in index order as the service does).
    Item apply(const Item& item) const;
    const std::vector<Path>& paths() const { return paths_; }
    // A projection of the given paths (used for UPDATED_OLD / UPDATED_NEW).
    static Item project(const Item& item, const std::vector<Path>& paths);

private:
    std::vector<Path> paths_;
};

}  // namespace tablespan::expr
