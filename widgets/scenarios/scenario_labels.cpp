#include "scenarios/scenario_labels.h"

#include <QLocale>
#include <QRegularExpression>
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

QString ScenarioLabels::throttlingReason(const QString& reason) {
    // <Table|Index><Read|Write><limit>, as DynamoDB composes its reasons.
    static const QRegularExpression kReason(QStringLiteral(
        "^(Table|Index)(Read|Write)(ProvisionedThroughputExceeded|MaxOnDemandThroughputExceeded|"
        "AccountLimitExceeded|KeyRangeThroughputExceeded)$"));
    const QRegularExpressionMatch m = kReason.match(reason);
    if (!m.hasMatch()) return reason;
    const bool table = m.captured(1) == u"Table";
    const bool write = m.captured(2) == u"Write";
    const QString what = table ? (write ? tr("table writes") : tr("table reads"))
                               : (write ? tr("index writes") : tr("index reads"));
    const QString limit = m.captured(3);
    if (limit == u"ProvisionedThroughputExceeded")
        return tr("%1 over provisioned capacity").arg(what);
    if (limit == u"MaxOnDemandThroughputExceeded")
        return tr("%1 over the on-demand maximum").arg(what);
    if (limit == u"AccountLimitExceeded") return tr("%1 over the account limit").arg(what);
    return tr("%1 over a partition's limit").arg(what);
}
