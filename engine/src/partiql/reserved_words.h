#pragma once

#include <string_view>

namespace tablespan::partiql {

// Whether `word` (any case) is one of PartiQL's reserved words, which a statement may use
// as a name only in double quotes (DynamoDB refuses `WHERE pad = 'x'` and runs
// `WHERE "pad" = 'x'`: DynamoDB Local's recordings in xo/dbimp's dynamodb notes).
bool is_reserved(std::string_view word);

}  // namespace tablespan::partiql
