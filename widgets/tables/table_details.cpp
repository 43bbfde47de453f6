#include "tables/table_details.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QStringList>

#include "capacity/auto_scaling_settings.h"
#include "common/status_delegate.h"

namespace {
QString row(const QString& label, const QString& value) {
    return QStringLiteral(
               "<tr><td style='padding-right:14px;color:palette(mid)'>%1</td>"
               "<td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
}

QString section(const QString& title) {
    return QStringLiteral("<tr><td colspan='2'><b>%1</b></td></tr>").arg(title.toHtmlEscaped());
}

QString dateOf(const tablespan::Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return {};
    const auto ms = static_cast<qint64>(it->get<double>() * 1000);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}
}  // namespace

QString TableDetails::str(const tablespan::Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return QString::fromStdString(it->get<std::string>());
    if (it->is_boolean()) return it->get<bool>() ? tr("On") : tr("Off");
    if (it->is_number()) return QString::fromStdString(it->dump());
    return {};
}

QString TableDetails::keyText(const tablespan::Json& table, const tablespan::Json& keySchema,
                              const char* keyType) {
    QStringList keys;
    for (const auto& k : keySchema) {
        if (k.value("KeyType", "") != keyType) continue;
        QString type;
        for (const auto& d : table.value("AttributeDefinitions", tablespan::Json::array()))
            if (d.value("AttributeName", "") == k.value("AttributeName", ""))
                type = str(d, "AttributeType");
        keys << QStringLiteral("%1 (%2)").arg(str(k, "AttributeName"), type);
    }
    // A multi-attribute key, in key order: "tenant (S) + zone (N)".
    return keys.join(QStringLiteral(" + "));
}

QString TableDetails::projectionText(const tablespan::Json& projection) {
    const QString type = str(projection, "ProjectionType");
    if (type == QLatin1String("KEYS_ONLY")) return tr("Keys only");
    if (type == QLatin1String("INCLUDE")) {
        QStringList names;
        for (const auto& n : projection.value("NonKeyAttributes", tablespan::Json::array()))
            if (n.is_string()) names << QString::fromStdString(n.get<std::string>());
        return tr("Include: %1").arg(names.join(QStringLiteral(", ")));
    }
    return tr("All attributes");
}

int TableDetails::backfillPercent(const tablespan::Json& table, const tablespan::Json& index) {
    if (!index.value("Backfilling", false)) return -1;
    const auto items = index.value("ItemCount", qint64{0});
    const auto total = table.value("ItemCount", qint64{0});
    if (total <= 0) return 0;
    // 99 at most: the index is not complete before the engine says so.
    return static_cast<int>(std::clamp<qint64>(items * 100 / total, 0, 99));
}

QString TableDetails::indexes(const tablespan::Json& table) {
    using tablespan::Json;
    const Json globals = table.value("GlobalSecondaryIndexes", Json::array());
    const Json locals = table.value("LocalSecondaryIndexes", Json::array());
    // An anchor to scroll to (the screenshots do).
    QString html = QStringLiteral("<tr><td colspan='2'><a name='indexes'></a><b>%1</b></td></tr>")
                       .arg(tr("Secondary indexes").toHtmlEscaped());
    if (globals.empty() && locals.empty()) return html + row(tr("Indexes"), tr("None"));
    // One line per index, as the AWS console lists them.
    const auto cell = [](const QString& text, bool head = false) {
        const QString escaped = text.isEmpty() ? QStringLiteral("—") : text.toHtmlEscaped();
        return head ? QStringLiteral("<td style='padding-right:14px;color:palette(mid)'>%1</td>")
                          .arg(escaped)
                    : QStringLiteral("<td style='padding-right:14px'>%1</td>").arg(escaped);
    };
    QString list = QStringLiteral("<tr>");
    for (const QString& head : {tr("Name"), tr("Kind"), tr("Partition key"), tr("Sort key"),
                                tr("Projection"), tr("Status"), tr("Items"), tr("Size")})
        list += cell(head, true);
    list += QStringLiteral("</tr>");
    for (const Json* indexList : {&globals, &locals}) {
        const bool global = indexList == &globals;
        for (const auto& index : *indexList) {
            const Json keys = index.value("KeySchema", Json::array());
            // An LSI has no status of its own: it is the table's.
            QString status = StatusDelegate::statusText(global ? str(index, "IndexStatus")
                                                               : str(table, "TableStatus"));
            if (const int percent = backfillPercent(table, index); percent >= 0)
                //: a GSI being created: its status, then how much of the table it holds
                status = tr("%1 · Backfilling · %2%").arg(status).arg(percent);
            list += QStringLiteral("<tr>") + cell(str(index, "IndexName")) +
                    cell(global ? tr("GSI") : tr("LSI")) + cell(keyText(table, keys, "HASH")) +
                    cell(keyText(table, keys, "RANGE")) +
                    cell(projectionText(index.value("Projection", Json::object()))) + cell(status) +
                    cell(QLocale().toString(index.value("ItemCount", qint64{0}))) +
                    cell(QLocale().formattedDataSize(index.value("IndexSizeBytes", qint64{0}))) +
                    QStringLiteral("</tr>");
        }
    }
    return html + QStringLiteral("<tr><td colspan='2'><table>%1</table></td></tr>").arg(list);
}

QString TableDetails::capacity(const tablespan::Json& table, const tablespan::Json& scaling) {
    using tablespan::Json;
    // An anchor to scroll to (the screenshots do).
    QString html = QStringLiteral("<tr><td colspan='2'><a name='capacity'></a><b>%1</b></td></tr>")
                       .arg(tr("Capacity").toHtmlEscaped());
    const QString mode = table.contains("BillingModeSummary")
                             ? str(table["BillingModeSummary"], "BillingMode")
                             : QStringLiteral("PROVISIONED");
    const bool provisioned = mode != QLatin1String("PAY_PER_REQUEST");
    html += row(tr("Capacity mode"), provisioned ? tr("Provisioned") : tr("On-demand"));
    const auto it = table.find("ProvisionedThroughput");
    if (it == table.end()) return html;
    html += row(tr("Read capacity units"), str(*it, "ReadCapacityUnits"));
    html += row(tr("Write capacity units"), str(*it, "WriteCapacityUnits"));
    if (!provisioned) return html;
    // The settings of this replica (its region is in its ARN).
    const QString code = str(table, "TableArn").section(QLatin1Char(':'), 3, 3);
    const AutoScalingSettings s = AutoScalingSettings::fromDescription(scaling, code);
    const auto scalingText = [&](const ScalingDimension& d) {
        if (scaling.is_null()) return tr("Loading…");
        if (scaling.is_string()) return QString::fromStdString(scaling.get<std::string>());
        return AutoScalingSettings::summary(d);
    };
    html += row(tr("Read auto scaling"), scalingText(s.read));
    html += row(tr("Write auto scaling"), scalingText(s.write));
    // Auto scaling changes the capacity as UpdateTable does: these say when it last did.
    if (it->value("LastIncreaseDateTime", 0.0) > 0)
        html += row(tr("Last increase"), dateOf(*it, "LastIncreaseDateTime"));
    if (it->value("LastDecreaseDateTime", 0.0) > 0)
        html += row(tr("Last decrease"), dateOf(*it, "LastDecreaseDateTime"));
    if (it->value("NumberOfDecreasesToday", 0) > 0)
        html += row(tr("Decreases today"), str(*it, "NumberOfDecreasesToday"));
    // A GSI's capacity and auto scaling, a line each.
    for (const auto& gsi : table.value("GlobalSecondaryIndexes", Json::array())) {
        const QString name = str(gsi, "IndexName");
        const Json units = gsi.value("ProvisionedThroughput", Json::object());
        const IndexScaling ix = s.indexes.value(name);
        //: a GSI's provisioned capacity: %1 read units, %2 their auto scaling, %3 write
        //: units, %4 their auto scaling
        html += row(tr("Index %1").arg(name),
                    tr("Read %1 (auto scaling: %2) · Write %3 (auto scaling: %4)")
                        .arg(str(units, "ReadCapacityUnits"), scalingText(ix.read),
                             str(units, "WriteCapacityUnits"), scalingText(ix.write)));
    }
    return html;
}

QString TableDetails::html(const tablespan::Json& table, const tablespan::Json& tags,
                           const tablespan::Json& scaling) {
    using tablespan::Json;
    if (!table.is_object()) return {};
    QString html =
        QStringLiteral("<h3>%1</h3><table>").arg(str(table, "TableName").toHtmlEscaped());
    html += section(tr("General information"));
    html += row(tr("Status"), StatusDelegate::statusText(str(table, "TableStatus")));
    html += row(tr("Created"), dateOf(table, "CreationDateTime"));
    html += row(tr("ARN"), str(table, "TableArn"));
    html += row(tr("Table ID"), str(table, "TableId"));
    html += row(tr("Item count"), QLocale().toString(table.value("ItemCount", qint64{0})));
    html += row(tr("Table size"),
                QLocale().formattedDataSize(table.value("TableSizeBytes", qint64{0})));

    html += section(tr("Keys"));
    for (const auto& k : table.value("KeySchema", Json::array())) {
        QString type;
        for (const auto& d : table.value("AttributeDefinitions", Json::array()))
            if (d.value("AttributeName", "") == k.value("AttributeName", ""))
                type = str(d, "AttributeType");
        const QString role =
            str(k, "KeyType") == QLatin1String("HASH") ? tr("Partition key") : tr("Sort key");
        html += row(role, QStringLiteral("%1 (%2)").arg(str(k, "AttributeName"), type));
    }

    html += capacity(table, scaling);
    const bool ia =
        table.contains("TableClassSummary") && str(table["TableClassSummary"], "TableClass") ==
                                                   QLatin1String("STANDARD_INFREQUENT_ACCESS");
    html += row(tr("Table class"), ia ? tr("DynamoDB Standard-IA") : tr("DynamoDB Standard"));

    html += section(tr("Settings"));
    const auto stream = table.find("StreamSpecification");
    html += row(tr("DynamoDB stream"),
                stream != table.end() ? str(*stream, "StreamViewType") : tr("Off"));
    if (stream != table.end()) html += row(tr("Latest stream ARN"), str(table, "LatestStreamArn"));
    const auto sse = table.find("SSEDescription");
    html += row(tr("Encryption at rest"), sse != table.end()
                                              ? tr("KMS: %1").arg(str(*sse, "KMSMasterKeyArn"))
                                              : tr("Owned by Amazon DynamoDB"));
    if (sse != table.end() && sse->contains("InaccessibleEncryptionDateTime"))
        html +=
            row(tr("KMS key inaccessible since"), dateOf(*sse, "InaccessibleEncryptionDateTime"));
    if (const auto archival = table.find("ArchivalSummary"); archival != table.end()) {
        html += row(tr("Archived"), dateOf(*archival, "ArchivalDateTime"));
        html += row(tr("Archival backup"), str(*archival, "ArchivalBackupArn"));
    }
    html += row(tr("Deletion protection"), str(table, "DeletionProtectionEnabled"));

    html += indexes(table);

    html += section(tr("Global table replicas"));
    const Json replicas = table.value("Replicas", Json::array());
    if (replicas.empty()) html += row(tr("Replicas"), tr("None"));
    for (const auto& r : replicas)
        html += row(str(r, "RegionName"), StatusDelegate::statusText(str(r, "ReplicaStatus")));

    html += section(tr("Tags"));
    if (!tags.is_array())
        html += row(tr("Tags"), tr("Loading…"));
    else if (tags.empty())
        html += row(tr("Tags"), tr("None"));
    for (const auto& tag : tags.is_array() ? tags : Json::array())
        html += row(str(tag, "Key"), str(tag, "Value"));
    html += QStringLiteral("</table>");
    return html;
}
