#include "window/region_selector.h"

#include "common/icons.h"
#include "tablespan/regions.h"

RegionSelector::RegionSelector(QWidget* parent) : QComboBox(parent) {
    setObjectName(QStringLiteral("regionSelector"));
    setToolTip(tr("The region whose tables the console shows"));
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        const QString name =
            QString::fromUtf8(r.name.data(), static_cast<qsizetype>(r.name.size()));
        addItem(icon(QStringLiteral("region")), tr("%1 %2").arg(name, code), code);
    }
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
