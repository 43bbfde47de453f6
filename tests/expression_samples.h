#pragma once

// Sample placeholders, items and helpers shared by the expression tests.

#include <map>
#include <optional>
#include <string>

#include <QByteArray>
#include <QString>

#include "expr/expressions.h"
#include "tablespan/error.h"
#include "tablespan/json_codec.h"

using namespace tablespan;
using namespace tablespan::expr;

namespace expression_samples {

using Names = std::map<std::string, std::string>;

inline Item item_from(const char* json) {
    return decode_item(Json::parse(json));
}

inline QByteArray dump(const Item& item) {
    return QByteArray::fromStdString(encode_item(item).dump());
}
inline QByteArray dump(const char* json) {
    return QByteArray::fromStdString(Json::parse(json).dump());
}

// The placeholders every row may use; rows that test unused placeholders bring their own.
inline const Names& sample_names() {
    static const Names names = {{"#st", "status"}, {"#a", "a"}, {"#pk", "pk"}, {"#k", "k"}};
    return names;
}

inline const AttributeMap& sample_values() {
    static const AttributeMap values = decode_item(Json::parse(R"({
        ":abc": {"S": "abc"}, ":ab": {"S": "ab"}, ":abd": {"S": "abd"}, ":x": {"S": "x"},
        ":a": {"S": "a"}, ":v": {"S": "v"}, ":found": {"S": "found"}, ":active": {"S": "active"},
        ":five_s": {"S": "5"}, ":empty": {"S": ""}, ":badtype": {"S": "STRING"},
        ":tS": {"S": "S"}, ":tNULL": {"S": "NULL"}, ":tSS": {"S": "SS"}, ":tL": {"S": "L"},
        ":n1": {"N": "1"}, ":n2": {"N": "2"}, ":n3": {"N": "3"}, ":n5": {"N": "5"},
        ":n10": {"N": "10"}, ":b1": {"B": "AQ=="}, ":b12": {"B": "AQI="},
        ":true": {"BOOL": true}, ":null": {"NULL": true},
        ":l": {"L": [{"S": "x"}, {"N": "1"}, {"M": {"k": {"S": "v"}}}]},
        ":ld": {"L": [{"S": "d"}]}, ":map": {"M": {"k": {"S": "v"}}},
        ":ssab": {"SS": ["b", "a"]}, ":ssc": {"SS": ["c"]}, ":ns23": {"NS": ["2", "3"]},
        ":big": {"N": "99999999999999999999999999999999999999"}
    })"));
    return values;
}

// An item with one attribute of every type, nested documents and a reserved word.
inline const Item& sample_item() {
    static const Item item = item_from(R"({
        "s": {"S": "abc"}, "n": {"N": "5"}, "b": {"B": "AQID"}, "t": {"BOOL": true},
        "z": {"NULL": true}, "u": {"S": "h\u00e9llo"}, "status": {"S": "active"},
        "l": {"L": [{"S": "x"}, {"N": "1"}, {"M": {"k": {"S": "v"}}}]},
        "m": {"M": {"k": {"S": "v"}, "deep": {"L": [{"N": "1"}, {"M": {"c": {"S": "found"}}}]}}},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]}
    })");
    return item;
}

// Parses `text` as the given kind of expression with the sample placeholders; returns
// the error it raised, or nothing.
inline std::optional<Error> parse_error(const QString& kind, const std::string& text,
                                        AttributeValue::Type sort_type = AttributeValue::Type::N) {
    ExpressionContext ctx(&sample_names(), &sample_values());
    try {
        if (kind == QLatin1String("condition")) {
            Condition::parse(text, ctx);
        } else if (kind == QLatin1String("filter")) {
            Condition::parse(text, ctx, "FilterExpression");
        } else if (kind == QLatin1String("update")) {
            UpdateExpression::parse(text, ctx);
        } else if (kind == QLatin1String("projection")) {
            Projection::parse(text, ctx);
        } else {
            KeyCondition::parse(text, ctx, "pk", AttributeValue::Type::S, std::string("sk"),
                                sort_type);
        }
    } catch (const ApiError& e) {
        return e.error();
    }
    return std::nullopt;
}

inline std::string repeated(const std::string& head, const std::string& part, int count,
                            const std::string& tail) {
    std::string out = head;
    for (int i = 0; i < count; ++i) out += part;
    return out + tail;
}

}  // namespace expression_samples

using namespace expression_samples;
