#include "tables/table_settings.h"

using tablespan::Json;

TableSettings TableSettings::fromDescription(const Json& table) {
    TableSettings s;
    if (!table.is_object()) return s;
    s.deletionProtection = table.value("DeletionProtectionEnabled", false);
    // A table created without BillingMode is provisioned and has no summary.
    s.billingMode = QString::fromStdString(
        table.value("BillingModeSummary", Json::object()).value("BillingMode", "PROVISIONED"));
    const Json throughput = table.value("ProvisionedThroughput", Json::object());
    if (s.billingMode == QLatin1String("PROVISIONED")) {
        s.readCapacity = throughput.value("ReadCapacityUnits", qint64{5});
        s.writeCapacity = throughput.value("WriteCapacityUnits", qint64{5});
    }
    s.tableClass = QString::fromStdString(
        table.value("TableClassSummary", Json::object()).value("TableClass", "STANDARD"));
    const Json stream = table.value("StreamSpecification", Json::object());
    s.streamEnabled = stream.value("StreamEnabled", false);
    if (s.streamEnabled)
        s.streamViewType = QString::fromStdString(stream.value("StreamViewType", ""));
    return s;
}

Json TableSettings::updateRequest(const QString& name, const TableSettings& from,
                                  const TableSettings& to) {
    Json request = Json::object();
    if (to.deletionProtection != from.deletionProtection)
        request["DeletionProtectionEnabled"] = to.deletionProtection;
    const bool billing = to.billingMode != from.billingMode;
    if (billing) request["BillingMode"] = to.billingMode.toStdString();
    const bool provisioned = to.billingMode == QLatin1String("PROVISIONED");
    if (provisioned &&
        (billing || to.readCapacity != from.readCapacity || to.writeCapacity != from.writeCapacity))
        request["ProvisionedThroughput"] = {{"ReadCapacityUnits", to.readCapacity},
                                            {"WriteCapacityUnits", to.writeCapacity}};
    if (to.tableClass != from.tableClass) request["TableClass"] = to.tableClass.toStdString();
    if (to.streamEnabled != from.streamEnabled) {
        request["StreamSpecification"] = {{"StreamEnabled", to.streamEnabled}};
        if (to.streamEnabled)
            request["StreamSpecification"]["StreamViewType"] = to.streamViewType.toStdString();
    }
    if (request.empty()) return {};
    request["TableName"] = name.toStdString();
    return request;
}
