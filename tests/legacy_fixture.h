#pragma once

// What the legacy-parameter tests share: the seeded tables and small helpers.

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace legacy_test {
inline const char* const kInvalid = "One or more parameter values were invalid: ";

// Table Tab (pk S, sk N) with items of every shape the conditions look at; table Hash (pk S).
inline void seed(TestEngine& t) {
    t.create_table("Tab", "pk", "S", "sk", "N");
    t.create_table("Hash", "pk", "S");
    const char* items[] = {
        R"j({"pk": {"S": "p"}, "sk": {"N": "1"}, "s": {"S": "apple"}, "n": {"N": "1"},
            "ss": {"SS": ["a", "b"]}, "l": {"L": [{"S": "a"}, {"N": "1"}]}})j",
        R"j({"pk": {"S": "p"}, "sk": {"N": "2"}, "s": {"S": "banana"}, "n": {"N": "2"},
            "ns": {"NS": ["1", "2"]}})j",
        R"j({"pk": {"S": "p"}, "sk": {"N": "3"}, "s": {"S": "cherry"}, "n": {"S": "3"},
            "z": {"NULL": true}})j",
        R"j({"pk": {"S": "p"}, "sk": {"N": "4"}, "n": {"N": "10"}, "flag": {"BOOL": true}})j",
        R"j({"pk": {"S": "p"}, "sk": {"N": "5"}, "s": {"S": "6"}, "n": {"N": "6"}, "b": {"B": "AAEC"}})j",
        R"j({"pk": {"S": "q"}, "sk": {"N": "1"}, "s": {"S": "apricot"}, "n": {"N": "5"}})j",
    };
    for (const char* item : items) t.ok("PutItem", {{"TableName", "Tab"}, {"Item", J(item)}});
}

// What a call answered: its body, or its error's type and message.
inline Json outcome(TestEngine& t, const std::string& op, const Json& request) {
    auto r = t.call(op, request);
    if (r.ok()) return r.body;
    return {{"error", r.error->type}, {"message", r.error->message}};
}

inline Json item_at(TestEngine& t, const Json& key) {
    Json got = t.ok("GetItem", {{"TableName", "Tab"}, {"Key", key}, {"ConsistentRead", true}});
    return got.contains("Item") ? got["Item"] : Json();
}

inline QString invalid(const char* detail) {
    return QString::fromLatin1(kInvalid) + QString::fromLatin1(detail);
}

inline QByteArray with_values(const char* values) {
    if (QByteArray(values).isEmpty()) return {};
    return QByteArray(R"j(, "ExpressionAttributeValues": )j") + values;
}
}  // namespace legacy_test
