#include "window/region_selector.h"

#include <QSignalBlocker>

#include "common/icons.h"
#include "tablespan/regions.h"

namespace {
QString regionDisplayName(const QString& code) {
    const auto* info = tablespan::find_region(code.toStdString());
    return info ? QString::fromUtf8(info->name.data(), static_cast<qsizetype>(info->name.size()))
                : code;
}
}  // namespace

RegionSelector::RegionSelector(QWidget* parent) : QComboBox(parent) {
    setObjectName(QStringLiteral("regionSelector"));
    setToolTip(tr("The region whose tables the console shows"));
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        addItem(icon(QStringLiteral("region")), tr("%1 %2").arg(regionDisplayName(code), code),
                code);
    }
    m_embeddedCount = count();
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit regionChanged(region()); });
}

QString RegionSelector::region() const {
    return currentData().toString();
}

void RegionSelector::setRegion(const QString& code) {
    const int index = findData(code);
    if (index >= 0) setCurrentIndex(index);
}

void RegionSelector::setConnections(const QMap<QString, QStringList>& connections) {
    const QString current = region();
    {
        const QSignalBlocker quiet(this);
        while (count() > m_embeddedCount) removeItem(count() - 1);
        for (auto it = connections.begin(); it != connections.end(); ++it) {
            insertSeparator(count());
            for (const QString& code : it.value()) {
                addItem(icon(QStringLiteral("remote")),
                        tr("%1: %2 %3", "connection: region name, region code")
                            .arg(it.key(), regionDisplayName(code), code),
                        QString(code + u'@' + it.key()));
                setItemData(count() - 1,
                            tr("A remote region: %1 on the connection %2").arg(code, it.key()),
                            Qt::ToolTipRole);
            }
        }
        const int index = findData(current);
        setCurrentIndex(index >= 0 ? index : 0);
    }
    if (region() != current) emit regionChanged(region());
}
