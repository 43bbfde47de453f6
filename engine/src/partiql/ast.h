#pragma once

// The parsed form of a PartiQL statement. Values are kept as DynamoDB JSON (`{"S": "x"}`)
// with `?` parameters already bound, so that a statement can be turned into the request
// of the item operation that runs it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tablespan/json_codec.h"

namespace tablespan::partiql {

// One step of a document path: a name (map key or top-level attribute) or a list index.
struct PathStep {
    std::string name;
    long index = -1;  // >= 0 for an index step
};
using Path = std::vector<PathStep>;

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
    enum class Kind {
        Path,        // path
        Value,       // a literal or a bound parameter: value
        Missing,     // the literal MISSING
        Call,        // name(args…), name lower-cased
        Compare,     // args[0] op args[1]; op one of = <> < <= > >=
        Between,     // args[0] BETWEEN args[1] AND args[2]
        In,          // args[0] IN (args[1…])
        Is,          // args[0] IS [NOT] type; type upper-cased in `op`
        And,         // args[0] AND args[1]
        Or,          // args[0] OR args[1]
        Not,         // NOT args[0]
        Arithmetic,  // args[0] op args[1]; op + or -
    };
    Kind kind;
    Path path;
    Json value;
    std::string op;        // Compare / Arithmetic operator, Call name, Is type
    bool negated = false;  // Between, In, Is: NOT BETWEEN, NOT IN, IS NOT
    std::vector<ExprPtr> args;
    int line = 1;
    int column = 1;
};

struct Assignment {
    Path path;
    ExprPtr value;  // null for REMOVE
};

struct OrderKey {
    std::string name;
    bool descending = false;
};

struct Statement {
    enum class Kind { Select, Insert, Update, Delete, Exists };
    Kind kind = Kind::Select;
    std::string table;
    std::optional<std::string> index;  // SELECT … FROM "table"."index"
    bool select_all = true;            // SELECT *
    std::vector<Path> projection;      // SELECT a, b.c
    ExprPtr where;                     // null without WHERE
    std::vector<OrderKey> order_by;
    Json item;                        // INSERT … VALUE {…}: an M value's map
    std::vector<Assignment> updates;  // UPDATE: SET and REMOVE in order
    std::string returning;            // "", "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW"
};

// The text of a path as PartiQL prints it, for messages: a.b[1].
std::string path_text(const Path& path);

}  // namespace tablespan::partiql
