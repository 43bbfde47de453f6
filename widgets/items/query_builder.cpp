#include "items/query_builder.h"

#include <QRegularExpression>

#include "tablespan/json_codec.h"

using tablespan::Json;

namespace {
class Placeholders {
public:
    QString name(const QString& n) {
        const std::string key = n.toStdString();
        for (auto it = m_names.begin(); it != m_names.end(); ++it)
            if (it.value() == key) return QString::fromStdString(it.key());
        const QString p = QStringLiteral("#n%1").arg(m_names.size());
        m_names[p.toStdString()] = key;
        return p;
    }
    QString value(const Json& v) {
        const QString p = QStringLiteral(":v%1").arg(m_values.size());
        m_values[p.toStdString()] = v;
        return p;
    }
    void addTo(Json& request) const {
        if (!m_names.empty()) request["ExpressionAttributeNames"] = m_names;
        if (!m_values.empty()) request["ExpressionAttributeValues"] = m_values;
    }

private:
    Json m_names = Json::object();
    Json m_values = Json::object();
};
}  // namespace

QStringList QueryBuilder::filterOperators() {
    return {QStringLiteral("="),
            QStringLiteral("<>"),
            QStringLiteral("<"),
            QStringLiteral("<="),
            QStringLiteral(">"),
            QStringLiteral(">="),
            QStringLiteral("BETWEEN"),
            QStringLiteral("begins_with"),
            QStringLiteral("contains"),
            QStringLiteral("not contains"),
            QStringLiteral("attribute_exists"),
            QStringLiteral("attribute_not_exists"),
            QStringLiteral("attribute_type")};
}

QStringList QueryBuilder::sortKeyOperators() {
    return {QStringLiteral("="),          QStringLiteral("<"),  QStringLiteral("<="),
            QStringLiteral(">"),          QStringLiteral(">="), QStringLiteral("BETWEEN"),
            QStringLiteral("begins_with")};
}

int QueryBuilder::operandCount(const QString& op) {
    if (op == QLatin1String("attribute_exists") || op == QLatin1String("attribute_not_exists"))
        return 0;
    return op == QLatin1String("BETWEEN") ? 2 : 1;
}

Json QueryBuilder::typedValue(const QString& type, const QString& text, QString* error) {
    const std::string s = text.toStdString();
    if (type == QLatin1String("S")) return {{"S", s}};
    if (type == QLatin1String("N")) {
        static const QRegularExpression number(
            QStringLiteral("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$"));
        if (!number.match(text).hasMatch()) {
            *error = tr("%1 is not a number.").arg(text.isEmpty() ? tr("An empty value") : text);
            return {};
        }
        return {{"N", text.trimmed().toStdString()}};
    }
    if (type == QLatin1String("B")) {
        if (!tablespan::base64_valid(s)) {
            *error = tr("A binary value is written in base64.");
            return {};
        }
        return {{"B", s}};
    }
    if (type == QLatin1String("BOOL")) {
        const QString t = text.trimmed().toLower();
        if (t != QLatin1String("true") && t != QLatin1String("false")) {
            *error = tr("A boolean is true or false.");
            return {};
        }
        return {{"BOOL", t == QLatin1String("true")}};
    }
    if (type == QLatin1String("NULL")) return {{"NULL", true}};
    *error = tr("Unknown type %1.").arg(type);
    return {};
}

Json QueryBuilder::build(const QuerySpec& spec, QString* error) {
    Placeholders p;
    Json request = Json::object();
    QString problem;
    const auto value = [&](const QString& type, const QString& text) -> QString {
        Json v = typedValue(type, text, &problem);
        return v.is_null() ? QString() : p.value(v);
    };

    if (spec.query) {
        if (spec.partitionValue.isEmpty()) {
            *error = tr("Enter the partition key value.");
            return {};
        }
        // A key value cannot be empty: say so rather than send what the service refuses.
        if (!spec.sortKey.isEmpty() && !spec.sortOp.isEmpty()) {
            if (spec.sortValue.isEmpty()) {
                *error = tr("Enter the value of the sort key %1.").arg(spec.sortKey);
                return {};
            }
            if (spec.sortOp == QLatin1String("BETWEEN") && spec.sortValue2.isEmpty()) {
                *error = tr("Enter both bounds of BETWEEN for the sort key %1.").arg(spec.sortKey);
                return {};
            }
        }
        QString key = QStringLiteral("%1 = %2").arg(p.name(spec.partitionKey),
                                                    value(spec.partitionType, spec.partitionValue));
        if (!spec.sortKey.isEmpty() && !spec.sortOp.isEmpty()) {
            const QString sk = p.name(spec.sortKey);
            // Placeholders are numbered in reading order: evaluate left to right.
            if (spec.sortOp == QLatin1String("BETWEEN")) {
                const QString low = value(spec.sortType, spec.sortValue);
                const QString high = value(spec.sortType, spec.sortValue2);
                key += QStringLiteral(" AND %1 BETWEEN %2 AND %3").arg(sk, low, high);
            } else if (spec.sortOp == QLatin1String("begins_with"))
                key += QStringLiteral(" AND begins_with(%1, %2)")
                           .arg(sk, value(spec.sortType, spec.sortValue));
            else
                key += QStringLiteral(" AND %1 %2 %3")
                           .arg(sk, spec.sortOp, value(spec.sortType, spec.sortValue));
        }
        request["KeyConditionExpression"] = key.toStdString();
        if (spec.descending) request["ScanIndexForward"] = false;
    }

    QStringList terms;
    for (const Condition& c : spec.filters) {
        if (c.attribute.isEmpty()) {
            problem = tr("A filter needs an attribute name.");
            break;
        }
        const QString n = p.name(c.attribute);
        const QString& op = c.op;
        if (op == QLatin1String("attribute_exists") || op == QLatin1String("attribute_not_exists"))
            terms << QStringLiteral("%1(%2)").arg(op, n);
        else if (op == QLatin1String("attribute_type"))
            terms << QStringLiteral("attribute_type(%1, %2)")
                         .arg(n, p.value(Json{{"S", c.value.trimmed().toUpper().toStdString()}}));
        else if (op == QLatin1String("BETWEEN")) {
            const QString low = value(c.type, c.value);
            const QString high = value(c.type, c.value2);
            terms << QStringLiteral("%1 BETWEEN %2 AND %3").arg(n, low, high);
        } else if (op == QLatin1String("begins_with") || op == QLatin1String("contains"))
            terms << QStringLiteral("%1(%2, %3)").arg(op, n, value(c.type, c.value));
        else if (op == QLatin1String("not contains"))
            terms << QStringLiteral("NOT contains(%1, %2)").arg(n, value(c.type, c.value));
        else
            terms << QStringLiteral("%1 %2 %3").arg(n, op, value(c.type, c.value));
    }
    if (!terms.isEmpty()) {
        const QString glue = spec.matchAll ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
        request["FilterExpression"] =
            (terms.size() > 1 ? QStringLiteral("(%1)").arg(
                                    terms.join(QStringLiteral(")") + glue + QStringLiteral("(")))
                              : terms.first())
                .toStdString();
    }
    if (!spec.projection.isEmpty()) {
        QStringList names;
        for (const QString& a : spec.projection) names << p.name(a);
        request["ProjectionExpression"] = names.join(QStringLiteral(", ")).toStdString();
    }
    if (!problem.isEmpty()) {
        *error = problem;
        return {};
    }
    p.addTo(request);
    if (!spec.indexName.isEmpty()) request["IndexName"] = spec.indexName.toStdString();
    return request;
}
