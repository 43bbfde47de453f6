#include "tables/index_spec.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include "tables/create_table_request.h"

namespace {
// S, N, B as the dialog's type pickers name them.
QString typeName(const QString& type) {
    if (type == QLatin1String("N")) return QCoreApplication::translate("IndexSpec", "Number");
    if (type == QLatin1String("B")) return QCoreApplication::translate("IndexSpec", "Binary");
    return QCoreApplication::translate("IndexSpec", "String");
}

std::string s(const QString& q) {
    return q.toStdString();
}

// An index's key attributes as (name, type), partition key first.
QList<QPair<QString, QString>> keysOf(const CreateTableSpec& table, const IndexSpec& index) {
    QList<QPair<QString, QString>> keys;
    if (index.local)
        keys.append({table.partitionKey, table.partitionType});
    else
        keys.append({index.partitionKey, index.partitionType});
    if (index.local || index.hasSortKey) keys.append({index.sortKey, index.sortType});
    return keys;
}
}  // namespace

void validateIndexes(const CreateTableSpec& spec, QList<SpecProblem>& problems) {
    static const QRegularExpression namePattern(QStringLiteral("^[a-zA-Z0-9_.-]+$"));
    const auto add = [&](const QString& message) {
        problems.append({SpecProblem::Indexes, message});
    };
    QSet<QString> names;
    int globals = 0, locals = 0;
    qsizetype nonKey = 0;
    for (int i = 0; i < spec.indexes.size(); ++i) {
        const IndexSpec& index = spec.indexes[i];
        const QString label = index.name.isEmpty()
                                  ? QCoreApplication::translate("IndexSpec", "Index %1").arg(i + 1)
                                  : index.name;
        (index.local ? locals : globals) += 1;
        if (index.name.size() < 3 || index.name.size() > 255)
            add(QCoreApplication::translate("IndexSpec",
                                            "%1: an index name has 3 to 255 characters.")
                    .arg(label));
        else if (!namePattern.match(index.name).hasMatch())
            add(QCoreApplication::translate(
                    "IndexSpec",
                    "%1: an index name may contain only a–z, A–Z, 0–9, underscore (_), "
                    "hyphen (-) and period (.).")
                    .arg(label));
        else if (names.contains(index.name))
            add(QCoreApplication::translate("IndexSpec",
                                            "Two indexes are named %1: index names must be unique.")
                    .arg(index.name));
        names.insert(index.name);
        if (index.local && !spec.hasSortKey)
            add(QCoreApplication::translate(
                    "IndexSpec", "%1: a local secondary index needs a table with a sort key.")
                    .arg(label));
        if (!index.local && index.partitionKey.isEmpty())
            add(QCoreApplication::translate("IndexSpec", "%1: enter the partition key.")
                    .arg(label));
        if ((index.local || index.hasSortKey) && index.sortKey.isEmpty())
            add(QCoreApplication::translate("IndexSpec", "%1: enter the sort key.").arg(label));
        const auto keys = keysOf(spec, index);
        if (keys.size() == 2 && !keys[1].first.isEmpty() && keys[0].first == keys[1].first)
            add(QCoreApplication::translate("IndexSpec",
                                            "%1: the sort key must differ from the partition key.")
                    .arg(label));
        for (const auto& [key, type] : keys)
            if (key.toUtf8().size() > 255)
                add(QCoreApplication::translate("IndexSpec",
                                                "%1: an attribute name has at most 255 bytes.")
                        .arg(label));
        if (index.projection == QLatin1String("INCLUDE")) {
            if (index.nonKeyAttributes.isEmpty())
                add(QCoreApplication::translate("IndexSpec",
                                                "%1: INCLUDE needs at least one non-key attribute.")
                        .arg(label));
            nonKey += index.nonKeyAttributes.size();
        }
    }
    if (globals > 20)
        add(QCoreApplication::translate("IndexSpec",
                                        "A table has at most 20 global secondary indexes."));
    if (locals > 5)
        add(QCoreApplication::translate("IndexSpec",
                                        "A table has at most 5 local secondary indexes."));
    if (nonKey > 100)
        add(QCoreApplication::translate(
            "IndexSpec", "The indexes project at most 100 non-key attributes in all."));

    // One type per attribute across the table's and the indexes' keys.
    QHash<QString, QString> types;
    if (!spec.partitionKey.isEmpty()) types.insert(spec.partitionKey, spec.partitionType);
    if (spec.hasSortKey && !spec.sortKey.isEmpty()) types.insert(spec.sortKey, spec.sortType);
    QSet<QString> reported;
    for (int i = 0; i < spec.indexes.size(); ++i) {
        for (const auto& [key, type] : keysOf(spec, spec.indexes[i])) {
            if (key.isEmpty()) continue;
            const auto known = types.constFind(key);
            if (known == types.constEnd()) {
                types.insert(key, type);
            } else if (*known != type && !reported.contains(key)) {
                reported.insert(key);
                add(QCoreApplication::translate("IndexSpec",
                                                "Attribute %1 is given two types: %2 and %3.")
                        .arg(key, typeName(*known), typeName(type)));
            }
        }
    }
}

void addIndexesToRequest(const CreateTableSpec& spec, tablespan::Json& request) {
    using tablespan::Json;
    Json globals = Json::array();
    Json locals = Json::array();
    Json& defs = request["AttributeDefinitions"];
    const auto define = [&defs](const QString& name, const QString& type) {
        for (const auto& d : defs)
            if (d.value("AttributeName", "") == s(name)) return;
        defs.push_back({{"AttributeName", s(name)}, {"AttributeType", s(type)}});
    };
    for (const IndexSpec& index : spec.indexes) {
        Json keys = Json::array();
        const auto keyList = keysOf(spec, index);
        for (qsizetype k = 0; k < keyList.size(); ++k) {
            keys.push_back(
                {{"AttributeName", s(keyList[k].first)}, {"KeyType", k == 0 ? "HASH" : "RANGE"}});
            define(keyList[k].first, keyList[k].second);
        }
        Json projection = {{"ProjectionType", s(index.projection)}};
        if (index.projection == QLatin1String("INCLUDE")) {
            Json attributes = Json::array();
            for (const QString& a : index.nonKeyAttributes) attributes.push_back(s(a));
            projection["NonKeyAttributes"] = attributes;
        }
        Json definition = {
            {"IndexName", s(index.name)}, {"KeySchema", keys}, {"Projection", projection}};
        // A GSI on a provisioned table gets its own throughput: the table's, as the AWS
        // console proposes.
        if (!index.local && !spec.onDemand)
            definition["ProvisionedThroughput"] = {{"ReadCapacityUnits", spec.readCapacity},
                                                   {"WriteCapacityUnits", spec.writeCapacity}};
        (index.local ? locals : globals).push_back(definition);
    }
    if (!globals.empty()) request["GlobalSecondaryIndexes"] = globals;
    if (!locals.empty()) request["LocalSecondaryIndexes"] = locals;
}
