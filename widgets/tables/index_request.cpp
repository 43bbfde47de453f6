#include "tables/index_request.h"

#include <tuple>

#include <QCoreApplication>

using tablespan::Json;

namespace {
QString str(const Json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QString typeOf(const Json& table, const QString& attribute) {
    for (const auto& d : table.value("AttributeDefinitions", Json::array()))
        if (str(d, "AttributeName") == attribute) return str(d, "AttributeType");
    return QStringLiteral("S");
}

// (name, type) of the HASH or RANGE keys in `keySchema`, in key order.
IndexSpec::KeyAttributes keysOf(const Json& table, const Json& keySchema, const char* keyType) {
    IndexSpec::KeyAttributes keys;
    for (const auto& k : keySchema)
        if (k.value("KeyType", "") == keyType) {
            const QString name = str(k, "AttributeName");
            keys.append({name, typeOf(table, name)});
        }
    return keys;
}

// (name, type) of the first HASH or RANGE key in `keySchema`; the name is empty when absent.
QPair<QString, QString> keyOf(const Json& table, const Json& keySchema, const char* keyType) {
    return keysOf(table, keySchema, keyType).value(0);
}
}  // namespace

CreateTableSpec tableSpecOf(const Json& table) {
    CreateTableSpec spec;
    if (!table.is_object()) return spec;
    spec.name = str(table, "TableName");
    const Json keys = table.value("KeySchema", Json::array());
    std::tie(spec.partitionKey, spec.partitionType) = keyOf(table, keys, "HASH");
    const auto sort = keyOf(table, keys, "RANGE");
    spec.hasSortKey = !sort.first.isEmpty();
    if (spec.hasSortKey) std::tie(spec.sortKey, spec.sortType) = sort;
    const Json billing = table.value("BillingModeSummary", Json::object());
    spec.onDemand = str(billing, "BillingMode") == QLatin1String("PAY_PER_REQUEST");
    const Json throughput = table.value("ProvisionedThroughput", Json::object());
    spec.readCapacity = throughput.value("ReadCapacityUnits", 5);
    spec.writeCapacity = throughput.value("WriteCapacityUnits", 5);
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
        for (const auto& i : table.value(kind, Json::array())) {
            IndexSpec index;
            index.local = kind[0] == 'L';
            index.name = str(i, "IndexName");
            const Json indexKeys = i.value("KeySchema", Json::array());
            index.morePartitionKeys = keysOf(table, indexKeys, "HASH");
            if (!index.morePartitionKeys.isEmpty())
                std::tie(index.partitionKey, index.partitionType) =
                    index.morePartitionKeys.takeFirst();
            index.moreSortKeys = keysOf(table, indexKeys, "RANGE");
            index.hasSortKey = !index.moreSortKeys.isEmpty();
            if (index.hasSortKey)
                std::tie(index.sortKey, index.sortType) = index.moreSortKeys.takeFirst();
            const Json projection = i.value("Projection", Json::object());
            index.projection = str(projection, "ProjectionType");
            for (const auto& a : projection.value("NonKeyAttributes", Json::array()))
                if (a.is_string())
                    index.nonKeyAttributes << QString::fromStdString(a.get<std::string>());
            spec.indexes << index;
        }
    return spec;
}

Json createIndexRequest(const CreateTableSpec& table, const IndexSpec& index) {
    CreateTableSpec only = table;
    only.indexes = {index};
    // addIndexesToRequest defines each key attribute once, whatever the request holds.
    Json request = {{"TableName", table.name.toStdString()},
                    {"AttributeDefinitions", Json::array()}};
    addIndexesToRequest(only, request);
    const Json created = request["GlobalSecondaryIndexes"].at(0);
    request.erase("GlobalSecondaryIndexes");
    request["GlobalSecondaryIndexUpdates"] = Json::array({{{"Create", created}}});
    return request;
}

Json deleteIndexRequest(const QString& table, const QString& index) {
    return {{"TableName", table.toStdString()},
            {"GlobalSecondaryIndexUpdates",
             Json::array({{{"Delete", {{"IndexName", index.toStdString()}}}}})}};
}

QString indexErrorText(const tablespan::Result& result) {
    if (result.ok()) return {};
    const std::string& message = result.error->message;
    if (message.find("Only 1 online index") != std::string::npos)
        return QCoreApplication::translate(
            "IndexRequest",
            "Another index of this table is being created or deleted, and a table changes one "
            "index at a time. Try again once it is Active or gone.");
    if (message.find("Attributes cannot be redefined") != std::string::npos)
        return QCoreApplication::translate(
            "IndexRequest",
            "A key attribute of this index already has another type in the table or one of "
            "its indexes. Use that type, or another attribute.");
    return QString::fromStdString(message);
}
