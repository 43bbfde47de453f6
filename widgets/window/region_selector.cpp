#include "window/region_selector.h"

#include <QSignalBlocker>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "tablespan/regions.h"

RegionSelector::RegionSelector(QWidget* parent) : QComboBox(parent) {
    setObjectName(QStringLiteral("regionSelector"));
    setToolTip(tr("The region whose tables the console shows"));
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        addItem(icon(QStringLiteral("region")), EngineBridge::regionLabel(code), code);
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
                const QString region = EngineBridge::remoteRegion(code, it.key());
                addItem(icon(QStringLiteral("remote")), EngineBridge::regionLabel(region), region);
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
