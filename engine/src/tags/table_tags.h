#pragma once

// A table's tags: the checks the service applies to them (on CreateTable and
// TagResource), and how TagResource / UntagResource change them. Texts and rules:
// ../shared/reference/dynamodb-data-plane.md §5.

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::tags {

inline constexpr std::size_t kMaxTags = 50;
// Since August 2024 ListTagsOfResource serves the previous set for about two seconds
// after a change (p50 1.9 s in the ACK controller's probes).
inline constexpr Millis kListLagMs = 1'900;
// Another change within this window of an effective one is refused (ACK#440, #103).
inline constexpr Millis kChangeLockMs = 1'500;

// Refuses a tag whose key or value the service refuses ("The Tag Key provided is
// invalid, Key: …", "Tag Key cannot be prefixed with aws:, Key: …").
void check_tag(const Json& tag);

// check_tag for each tag of a request, and no key twice ("Duplicate Tag Keys provided as
// input: Duplicate Tag Key found …").
void check_tags(const Json& tags);

// `current` with `added` upserted (an existing key keeps its place, a new one goes last);
// refuses a set of more than 50.
Json merged(const Json& current, const Json& added);

// `current` without the keys in `keys` (absent keys are no error).
Json without(const Json& current, const Json& keys);

}  // namespace tablespan::tags
