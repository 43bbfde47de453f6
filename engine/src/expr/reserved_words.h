// DynamoDB's reserved words (developer guide, "Reserved words in DynamoDB"). CONVERT and SIZE are
// on the published list, but the service accepts them as names; AND, OR, NOT, BETWEEN, IN, SET,
// REMOVE, ADD and DELETE are keywords of the expression grammar and give syntax errors instead.
#pragma once

#include <string_view>

namespace tablespan::expr {

// Case-insensitive: "Status" and "status" are both reserved.
bool is_reserved_word(std::string_view word);

}  // namespace tablespan::expr
