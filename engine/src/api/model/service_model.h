#pragma once

// DynamoDB's API model, compiled for request validation: every shape reachable from an
// operation's input, with its constraints precomputed (regexes compiled, enum texts
// rendered) and shapes referring to each other by index.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace tablespan::api::validation {

enum class shape_kind : std::uint8_t {
    string,
    integer,
    long_,
    boolean,
    double_,
    timestamp,
    blob,
    structure,
    list,
    map,
};

// Structures have at most this many members (the validator sorts present members on
// the stack).
inline constexpr std::size_t max_members = 64;

struct member {
    std::string name;       // on the wire: "TableName"
    std::string path_name;  // in messages: "tableName"
    int shape = -1;
    bool required = false;
};

struct shape {
    std::string name;
    shape_kind kind = shape_kind::string;
    // The service's Java type: "java.lang.String", "com.amazonaws.dynamodb.v20120810.Tag",
    // "java.util.Map<java.lang.String, java.lang.String>", …
    std::string java_type;
    // The name in "… cannot be converted to <type_name>": "String", "Long", …
    std::string type_name;

    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;
    std::string pattern;  // as the model writes it (Java syntax), for messages
    std::unique_ptr<const std::wregex> regex;
    std::vector<std::string> enum_values;
    std::string enum_text;  // "[A, B]"

    std::vector<member> members;  // structure, in model order
    int element = -1;             // list
    int key = -1;                 // map
    int value = -1;               // map

    // Unions (AttributeValue) are type-checked only; the codec validates their meaning.
    bool opaque = false;
    // Something at or below this shape has a constraint or a required member.
    bool constrained = false;
    // Same, not counting the shape's own constraints.
    bool constrained_below = false;

    bool has_own_constraints() const { return min || max || regex || !enum_values.empty(); }
    // Index into `members`, or -1.
    int find_member(std::string_view wire_name) const;
};

struct service_model {
    std::vector<shape> shapes;
    std::map<std::string, int, std::less<>> operations;  // operation → input shape

    const shape& at(int index) const { return shapes[static_cast<std::size_t>(index)]; }
    // The input shape of `operation`, or -1.
    int input_of(std::string_view operation) const;
};

// The embedded DynamoDB model, parsed and compiled on first use (thread-safe).
const service_model& dynamodb_model();

// Compiles the model JSON written by scripts/gen-api-model. Throws std::runtime_error
// when it holds something the validator cannot check.
service_model compile_model(std::string_view model_json);

}  // namespace tablespan::api::validation
