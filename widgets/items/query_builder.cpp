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
        QList<KeyCondition> partition = {
            {spec.partitionKey, spec.partitionType, QStringLiteral("="), spec.partitionValue, {}}};
        partition += spec.morePartition;
        QStringList missing;
        for (const KeyCondition& k : partition)
            if (k.value.isEmpty()) missing << k.attribute;
        if (!missing.isEmpty()) {
            *error = partition.size() == 1
                         ? tr("Enter the partition key value.")
                         : tr("Enter a value for every partition key attribute (missing: %1).")
                               .arg(missing.join(QStringLiteral(", ")));
            return {};
        }
        QStringList terms;
        for (const KeyCondition& k : partition) {
            const QString n = p.name(k.attribute);  // numbered before its value
            terms << QStringLiteral("%1 = %2").arg(n, value(k.type, k.value));
        }
        QList<KeyCondition> sort;
        if (!spec.sortKey.isEmpty())
            sort = QList<KeyCondition>{{spec.sortKey, spec.sortType, spec.sortOp, spec.sortValue,
                                        spec.sortValue2}} +
                   spec.moreSort;
        // Left to right without a gap; only the last one given may be a range.
        qsizetype given = 0;
        while (given < sort.size() && !sort[given].op.isEmpty()) ++given;
        for (qsizetype i = given; i < sort.size(); ++i)
            if (!sort[i].op.isEmpty()) {
                *error = tr("Give the sort key attributes from the left: enter %1 before %2.")
                             .arg(sort[given].attribute, sort[i].attribute);
                return {};
            }
        for (qsizetype i = 0; i + 1 < given; ++i)
            if (sort[i].op != QLatin1String("=")) {
                *error = tr("Only the last sort key attribute given may use %1: %2 needs = "
                            "because %3 follows it.")
                             .arg(sort[i].op, sort[i].attribute, sort[i + 1].attribute);
                return {};
            }
        // A key value cannot be empty: say so rather than send what the service refuses.
        for (qsizetype i = 0; i < given; ++i) {
            if (sort[i].value.isEmpty()) {
                *error = tr("Enter the value of the sort key %1.").arg(sort[i].attribute);
                return {};
            }
            if (sort[i].op == QLatin1String("BETWEEN") && sort[i].value2.isEmpty()) {
                *error =
                    tr("Enter both bounds of BETWEEN for the sort key %1.").arg(sort[i].attribute);
                return {};
            }
        }
        for (qsizetype i = 0; i < given; ++i) {
            const KeyCondition& k = sort[i];
            const QString sk = p.name(k.attribute);
            // Placeholders are numbered in reading order: evaluate left to right.
            if (k.op == QLatin1String("BETWEEN")) {
                const QString low = value(k.type, k.value);
                const QString high = value(k.type, k.value2);
                terms << QStringLiteral("%1 BETWEEN %2 AND %3").arg(sk, low, high);
            } else if (k.op == QLatin1String("begins_with"))
                terms << QStringLiteral("begins_with(%1, %2)").arg(sk, value(k.type, k.value));
            else
                terms << QStringLiteral("%1 %2 %3").arg(sk, k.op, value(k.type, k.value));
        }
        const QString key = terms.join(QStringLiteral(" AND "));
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
