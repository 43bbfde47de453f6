#include "scenarios/scenario_labels.h"

#include <QLocale>
#include <QStringList>

namespace {

QString field(const nlohmann::json& j, const char* name) {
    const auto it = j.find(name);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

}  // namespace

QString ScenarioLabels::fault(const nlohmann::json& fault) {
    if (!fault.is_object()) return {};
    const std::string kind = fault.value("kind", "");
    const QString region = field(fault, "region");
    const QString other = field(fault, "otherRegion");
    const QString table = field(fault, "table");
    if (kind == "region-offline") return tr("%1 offline").arg(region);
    if (kind == "region-lost") return tr("%1 lost").arg(region);
    if (kind == "link-cut") return tr("%1/%2 cut").arg(region, other);
    if (kind == "link-slow")
        return tr("%1/%2 at %3 ms")
            .arg(region, other, QLocale().toString(fault.value("latencyMs", qint64(0))));
    if (kind == "capacity-lowered") return tr("%1 capacity lowered").arg(table);
    if (kind == "kms-key-disabled") return tr("%1 key of %2 disabled").arg(region, table);
    return field(fault, "label");
}

QString ScenarioLabels::phase(const nlohmann::json& phase, const nlohmann::json& faults) {
    const nlohmann::json in_effect = phase.value("faults", nlohmann::json::array());
    if (!in_effect.empty()) {
        QStringList names;
        for (const auto& index : in_effect)
            if (index.is_number_unsigned() && index.get<std::size_t>() < faults.size())
                names << fault(faults[index.get<std::size_t>()]);
        return names.join(tr(", "));
    }
    if (!faults.is_array() || faults.empty()) return tr("the whole run");
    return phase.value("fromSecond", 0.0) == 0.0 ? tr("before the faults") : tr("after the faults");
}

QString ScenarioLabels::faultAt(const nlohmann::json& finding, const nlohmann::json& faults) {
    const auto it = finding.find("faultIndex");
    if (it != finding.end() && it->is_number_unsigned() && it->get<std::size_t>() < faults.size())
        return fault(faults[it->get<std::size_t>()]);
    return field(finding, "fault");
}
