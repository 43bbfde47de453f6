#include "capacity/auto_scaling_settings.h"

#include <QLocale>

using tablespan::Json;

ScalingDimension ScalingDimension::fromDescription(const Json& settings) {
    ScalingDimension d;
    if (!settings.is_object() || settings.value("AutoScalingDisabled", true)) return d;
    d.minimum = settings.value("MinimumUnits", d.minimum);
    d.maximum = settings.value("MaximumUnits", d.maximum);
    const Json policies = settings.value("ScalingPolicies", Json::array());
    // A scalable target without a target tracking policy does not scale.
    if (policies.empty()) return {};
    d.target = policies.front()
                   .value("TargetTrackingScalingPolicyConfiguration", Json::object())
                   .value("TargetValue", d.target);
    d.on = true;
    return d;
}

Json ScalingDimension::update() const {
    if (!on) return {{"AutoScalingDisabled", true}};
    return {{"MinimumUnits", minimum},
            {"MaximumUnits", maximum},
            {"ScalingPolicyUpdate",
             {{"TargetTrackingScalingPolicyConfiguration", {{"TargetValue", target}}}}}};
}

AutoScalingSettings AutoScalingSettings::fromDescription(const Json& description,
                                                         const QString& code) {
    AutoScalingSettings s;
    const Json replicas =
        description.is_object() ? description.value("Replicas", Json::array()) : Json::array();
    if (replicas.empty()) return s;
    Json replica = replicas.front();
    for (const auto& r : replicas)
        if (r.value("RegionName", "") == code.toStdString()) replica = r;
    s.read = ScalingDimension::fromDescription(
        replica.value("ReplicaProvisionedReadCapacityAutoScalingSettings", Json::object()));
    s.write = ScalingDimension::fromDescription(
        replica.value("ReplicaProvisionedWriteCapacityAutoScalingSettings", Json::object()));
    for (const auto& gsi : replica.value("GlobalSecondaryIndexes", Json::array())) {
        IndexScaling& ix = s.indexes[QString::fromStdString(gsi.value("IndexName", ""))];
        ix.read = ScalingDimension::fromDescription(
            gsi.value("ProvisionedReadCapacityAutoScalingSettings", Json::object()));
        ix.write = ScalingDimension::fromDescription(
            gsi.value("ProvisionedWriteCapacityAutoScalingSettings", Json::object()));
    }
    return s;
}

Json AutoScalingSettings::updateRequest(const QString& table, const QString& code,
                                        const AutoScalingSettings& from,
                                        const AutoScalingSettings& to) {
    Json request = Json::object();
    if (to.write != from.write)
        request["ProvisionedWriteCapacityAutoScalingUpdate"] = to.write.update();
    Json replica = {{"RegionName", code.toStdString()}};
    if (to.read != from.read)
        replica["ReplicaProvisionedReadCapacityAutoScalingUpdate"] = to.read.update();
    Json writes = Json::array();
    Json reads = Json::array();
    for (auto it = to.indexes.cbegin(); it != to.indexes.cend(); ++it) {
        const IndexScaling was = from.indexes.value(it.key());
        const std::string name = it.key().toStdString();
        if (it->write != was.write)
            writes.push_back({{"IndexName", name},
                              {"ProvisionedWriteCapacityAutoScalingUpdate", it->write.update()}});
        if (it->read != was.read)
            reads.push_back({{"IndexName", name},
                             {"ProvisionedReadCapacityAutoScalingUpdate", it->read.update()}});
    }
    if (!writes.empty()) request["GlobalSecondaryIndexUpdates"] = writes;
    if (!reads.empty()) replica["ReplicaGlobalSecondaryIndexUpdates"] = reads;
    if (replica.size() > 1) request["ReplicaUpdates"] = Json::array({replica});
    if (request.empty()) return {};
    request["TableName"] = table.toStdString();
    return request;
}

QString AutoScalingSettings::summary(const ScalingDimension& d) {
    if (!d.on) return tr("Off");
    const QLocale locale;
    //: auto scaling of one capacity: %1–%2 the minimum and maximum units, %3 the target
    //: utilization in percent
    return tr("On: %1–%2 units, target %3 %")
        .arg(locale.toString(d.minimum), locale.toString(d.maximum), locale.toString(d.target));
}
