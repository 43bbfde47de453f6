#include "tables/create_table_request.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace {
std::string s(const QString& q) {
    return q.toStdString();
}
}  // namespace

QList<SpecProblem> validateSpec(const CreateTableSpec& spec) {
    QList<SpecProblem> problems;
    static const QRegularExpression namePattern(QStringLiteral("^[a-zA-Z0-9_.-]+$"));
    if (spec.name.size() < 3 || spec.name.size() > 255)
        problems.append(
            {SpecProblem::Name, QCoreApplication::translate(
                                    "CreateTableSpec", "A table name has 3 to 255 characters.")});
    else if (!namePattern.match(spec.name).hasMatch())
        problems.append(
            {SpecProblem::Name, QCoreApplication::translate(
                                    "CreateTableSpec",
                                    "A table name may contain only a–z, A–Z, 0–9, underscore (_), "
                                    "hyphen (-) and period (.).")});
    const auto keyProblem = [](const QString& key) -> QString {
        if (key.isEmpty())
            return QCoreApplication::translate("CreateTableSpec", "Enter the attribute name.");
        if (key.toUtf8().size() > 255)
            return QCoreApplication::translate("CreateTableSpec",
                                               "An attribute name has at most 255 bytes.");
        return {};
    };
    if (QString p = keyProblem(spec.partitionKey); !p.isEmpty())
        problems.append({SpecProblem::PartitionKey, p});
    if (spec.hasSortKey) {
        if (QString p = keyProblem(spec.sortKey); !p.isEmpty())
            problems.append({SpecProblem::SortKey, p});
        else if (spec.sortKey == spec.partitionKey)
            problems.append(
                {SpecProblem::SortKey,
                 QCoreApplication::translate("CreateTableSpec",
                                             "The sort key must differ from the partition key.")});
    }
    if (!spec.onDemand && (spec.readCapacity < 1 || spec.writeCapacity < 1 ||
                           spec.readCapacity > 40000 || spec.writeCapacity > 40000))
        problems.append(
            {SpecProblem::Capacity,
             QCoreApplication::translate(
                 "CreateTableSpec", "Read and write capacity units are between 1 and 40,000.")});
    if (spec.encryption == CreateTableSpec::Encryption::CustomerKms && spec.kmsKeyId.isEmpty())
        problems.append(
            {SpecProblem::Kms, QCoreApplication::translate("CreateTableSpec",
                                                           "Enter the KMS key ID, ARN or alias.")});
    QSet<QString> keys;
    for (const auto& [key, value] : spec.tags) {
        if (key.isEmpty() || key.size() > 128) {
            problems.append(
                {SpecProblem::Tags, QCoreApplication::translate(
                                        "CreateTableSpec", "A tag key has 1 to 128 characters.")});
            break;
        }
        if (value.size() > 256) {
            problems.append({SpecProblem::Tags,
                             QCoreApplication::translate(
                                 "CreateTableSpec", "A tag value has at most 256 characters.")});
            break;
        }
        if (key.startsWith(QLatin1String("aws:"))) {
            problems.append({SpecProblem::Tags,
                             QCoreApplication::translate(
                                 "CreateTableSpec", "Tag keys starting with aws: are reserved.")});
            break;
        }
        if (keys.contains(key)) {
            problems.append({SpecProblem::Tags, QCoreApplication::translate(
                                                    "CreateTableSpec", "Tag key %1 appears twice.")
                                                    .arg(key)});
            break;
        }
        keys.insert(key);
    }
    if (keys.size() > 50)
        problems.append(
            {SpecProblem::Tags,
             QCoreApplication::translate("CreateTableSpec", "A table has at most 50 tags.")});
    validateIndexes(spec, problems);
    return problems;
}

tablespan::Json createTableRequest(const CreateTableSpec& spec) {
    using tablespan::Json;
    Json defs = Json::array(
        {{{"AttributeName", s(spec.partitionKey)}, {"AttributeType", s(spec.partitionType)}}});
    Json keys = Json::array({{{"AttributeName", s(spec.partitionKey)}, {"KeyType", "HASH"}}});
    if (spec.hasSortKey) {
        defs.push_back({{"AttributeName", s(spec.sortKey)}, {"AttributeType", s(spec.sortType)}});
        keys.push_back({{"AttributeName", s(spec.sortKey)}, {"KeyType", "RANGE"}});
    }
    Json request = {
        {"TableName", s(spec.name)},
        {"AttributeDefinitions", defs},
        {"KeySchema", keys},
        {"BillingMode", spec.onDemand ? "PAY_PER_REQUEST" : "PROVISIONED"},
        {"TableClass", spec.infrequentAccess ? "STANDARD_INFREQUENT_ACCESS" : "STANDARD"},
        {"DeletionProtectionEnabled", spec.deletionProtection}};
    if (!spec.onDemand)
        request["ProvisionedThroughput"] = {{"ReadCapacityUnits", spec.readCapacity},
                                            {"WriteCapacityUnits", spec.writeCapacity}};
    if (!spec.streamViewType.isEmpty())
        request["StreamSpecification"] = {{"StreamEnabled", true},
                                          {"StreamViewType", s(spec.streamViewType)}};
    if (spec.encryption != CreateTableSpec::Encryption::Owned) {
        Json sse = {{"Enabled", true}, {"SSEType", "KMS"}};
        if (spec.encryption == CreateTableSpec::Encryption::CustomerKms)
            sse["KMSMasterKeyId"] = s(spec.kmsKeyId);
        request["SSESpecification"] = sse;
    }
    if (!spec.tags.isEmpty()) {
        Json tags = Json::array();
        for (const auto& [key, value] : spec.tags)
            tags.push_back({{"Key", s(key)}, {"Value", s(value)}});
        request["Tags"] = tags;
    }
    addIndexesToRequest(spec, request);
    return request;
}
