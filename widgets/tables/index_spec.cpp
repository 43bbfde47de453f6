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

// An index's key attributes as (name, type): partition keys first, then sort keys.
IndexSpec::KeyAttributes keysOf(const CreateTableSpec& table, const IndexSpec& index) {
    return partitionKeysOf(table, index) + sortKeysOf(index);
}

// A GSI's multi-attribute key: at most 4 of each kind, every attribute named, none twice.
void validateKeyAttributes(const CreateTableSpec& spec, const IndexSpec& index,
                           const QString& label, QList<SpecProblem>& problems) {
    const auto add = [&](const QString& message) {
        problems.append({SpecProblem::Indexes, message});
    };
    const auto partition = partitionKeysOf(spec, index);
    const auto sort = sortKeysOf(index);
    if (partition.size() > IndexSpec::kMaxKeyAttributes)
        add(QCoreApplication::translate("IndexSpec",
                                        "%1: a partition key has at most %2 attributes.")
                .arg(label)
                .arg(IndexSpec::kMaxKeyAttributes));
    if (sort.size() > IndexSpec::kMaxKeyAttributes)
        add(QCoreApplication::translate("IndexSpec", "%1: a sort key has at most %2 attributes.")
                .arg(label)
                .arg(IndexSpec::kMaxKeyAttributes));
    for (qsizetype i = 1; i < partition.size(); ++i)
        if (partition[i].first.isEmpty())
            add(QCoreApplication::translate("IndexSpec",
                                            "%1: enter the name of partition key attribute %2.")
                    .arg(label)
                    .arg(i + 1));
    for (qsizetype i = 1; i < sort.size(); ++i)
        if (sort[i].first.isEmpty())
            add(QCoreApplication::translate("IndexSpec",
                                            "%1: enter the name of sort key attribute %2.")
                    .arg(label)
                    .arg(i + 1));
    const auto keys = partition + sort;
    QSet<QString> seen, reported;
    for (const auto& [key, type] : keys) {
        if (key.isEmpty()) continue;
        if (seen.contains(key) && !reported.contains(key)) {
            reported.insert(key);
            // The words of a two-attribute key, where this is all that can go wrong.
            if (partition.size() == 1 && sort.size() == 1)
                add(QCoreApplication::translate(
                        "IndexSpec", "%1: the sort key must differ from the partition key.")
                        .arg(label));
            else
                add(QCoreApplication::translate(
                        "IndexSpec", "%1: attribute %2 is in the key twice: use it once.")
                        .arg(label, key));
        }
        seen.insert(key);
    }
}
}  // namespace

IndexSpec::KeyAttributes partitionKeysOf(const CreateTableSpec& table, const IndexSpec& index) {
    if (index.local) return {{table.partitionKey, table.partitionType}};
    return IndexSpec::KeyAttributes{{index.partitionKey, index.partitionType}} +
           index.morePartitionKeys;
}

IndexSpec::KeyAttributes sortKeysOf(const IndexSpec& index) {
    if (!index.local && !index.hasSortKey) return {};
    IndexSpec::KeyAttributes keys = {{index.sortKey, index.sortType}};
    if (!index.local) keys += index.moreSortKeys;
    return keys;
}

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
        validateKeyAttributes(spec, index, label, problems);
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
        for (const auto& [keyType, list] : {std::pair{"HASH", partitionKeysOf(spec, index)},
                                            std::pair{"RANGE", sortKeysOf(index)}})
            for (const auto& [name, type] : list) {
                keys.push_back({{"AttributeName", s(name)}, {"KeyType", keyType}});
                define(name, type);
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
