#include "recovery/backup_details.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

#include "recovery/backups_model.h"
#include "common/status_delegate.h"

using tablespan::Json;

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

QString str(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return QString::fromStdString(it->get<std::string>());
    if (it->is_number()) return QString::fromStdString(it->dump());
    return {};
}

QString dateOf(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return {};
    const auto ms = static_cast<qint64>(it->get<double>() * 1000);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

QString bytesOf(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return {};
    return QLocale().formattedDataSize(it->get<qint64>());
}

QString keysOf(const Json& keySchema) {
    QStringList parts;
    for (const auto& k : keySchema)
        parts << QStringLiteral("%1 (%2)").arg(QString::fromStdString(k.value("AttributeName", "")),
                                               QString::fromStdString(k.value("KeyType", "")));
    return parts.join(QStringLiteral(", "));
}

QString indexNames(const Json& indexes) {
    QStringList names;
    for (const auto& i : indexes) names << QString::fromStdString(i.value("IndexName", ""));
    return names.join(QStringLiteral(", "));
}
}  // namespace

QString BackupDetails::html(const Json& description) {
    if (!description.is_object()) return {};
    const Json details = description.value("BackupDetails", Json::object());
    const Json source = description.value("SourceTableDetails", Json::object());
    const Json features = description.value("SourceTableFeatureDetails", Json::object());
    QString out = QStringLiteral("<table cellspacing='2'>");
    out += section(tr("Backup"));
    out += row(tr("Name"), str(details, "BackupName"));
    out += row(tr("ARN"), str(details, "BackupArn"));
    out += row(tr("Status"), StatusDelegate::statusText(str(details, "BackupStatus")));
    out += row(tr("Type"), BackupsModel::typeText(str(details, "BackupType")));
    out += row(tr("Size"), bytesOf(details, "BackupSizeBytes"));
    out += row(tr("Created"), dateOf(details, "BackupCreationDateTime"));
    if (details.contains("BackupExpiryDateTime"))
        out += row(tr("Expires"), dateOf(details, "BackupExpiryDateTime"));

    out += section(tr("Source table"));
    out += row(tr("Name"), str(source, "TableName"));
    out += row(tr("Table ID"), str(source, "TableId"));
    out += row(tr("ARN"), str(source, "TableArn"));
    out += row(tr("Keys"), keysOf(source.value("KeySchema", Json::array())));
    out += row(tr("Items"), str(source, "ItemCount"));
    out += row(tr("Size"), bytesOf(source, "TableSizeBytes"));
    const QString billing = str(source, "BillingMode");
    out += row(tr("Capacity mode"), billing == QLatin1String("PROVISIONED")
                                        ? tr("Provisioned")
                                        : (billing.isEmpty() ? QString() : tr("On-demand")));
    const Json throughput = source.value("ProvisionedThroughput", Json::object());
    if (billing == QLatin1String("PROVISIONED"))
        out +=
            row(tr("Read / write units"), tr("%1 / %2").arg(str(throughput, "ReadCapacityUnits"),
                                                            str(throughput, "WriteCapacityUnits")));
    out += row(tr("Table created"), dateOf(source, "TableCreationDateTime"));

    out += section(tr("Features at backup time"));
    out += row(tr("Global secondary indexes"),
               indexNames(features.value("GlobalSecondaryIndexes", Json::array())));
    out += row(tr("Local secondary indexes"),
               indexNames(features.value("LocalSecondaryIndexes", Json::array())));
    const Json stream = features.value("StreamDescription", Json::object());
    out += row(tr("Stream"), stream.value("StreamEnabled", false)
                                 ? QString::fromStdString(stream.value("StreamViewType", ""))
                                 : tr("Off"));
    const Json ttl = features.value("TimeToLiveDescription", Json::object());
    out += row(tr("Time to live"), str(ttl, "TimeToLiveStatus"));
    const Json sse = features.value("SSEDescription", Json::object());
    out += row(tr("Encryption"), sse.is_object() && !sse.empty()
                                     ? tr("%1 (%2)").arg(str(sse, "SSEType"), str(sse, "Status"))
                                     : tr("Owned by Amazon DynamoDB"));
    out += QStringLiteral("</table>");
    return out;
}
