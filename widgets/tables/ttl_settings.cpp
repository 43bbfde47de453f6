#include "tables/ttl_settings.h"

using tablespan::Json;

TtlSettings TtlSettings::fromDescription(const Json& description) {
    TtlSettings s;
    if (!description.is_object()) return s;
    s.enabled = description.value("TimeToLiveStatus", "") == "ENABLED";
    if (s.enabled) s.attribute = QString::fromStdString(description.value("AttributeName", ""));
    return s;
}

Json TtlSettings::updateRequest(const QString& name, const TtlSettings& from,
                                const TtlSettings& to) {
    if (from == to) return {};
    const QString attribute = to.enabled ? to.attribute : from.attribute;
    return {{"TableName", name.toStdString()},
            {"TimeToLiveSpecification",
             {{"Enabled", to.enabled}, {"AttributeName", attribute.toStdString()}}}};
}
