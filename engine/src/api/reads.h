#pragma once

// Query as other parts of the engine run it, with the checks that guard what a client
// writes relaxed where the caller wrote the request itself.

#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

struct ReadOptions {
    // A PartiQL SELECT filters each partition it queries with its whole WHERE, key
    // attributes included; a client's FilterExpression may not name them.
    bool filter_may_read_keys = false;
    // The endpoint's Query or Scan (CallOptions::items_as_text): the Items go to
    // Region::items_text() as JSON text instead of into the answer.
    bool items_as_text = false;
};

Json query(core::Region& region, const Json& request, const ReadOptions& options);
Json scan(core::Region& region, const Json& request, const ReadOptions& options);

}  // namespace tablespan::api
