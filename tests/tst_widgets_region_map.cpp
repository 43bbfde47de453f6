// The region map with many regions: no label (a region's name or a link's latency)
// covers a dot of the group, at the map's usual size and at its smallest, with crowded
// regions (us-east-1 beside us-east-2, five European regions, Tokyo beside Osaka and
// Seoul).

#include <QTest>

#include "global/region_map.h"
#include "widget_fixture.h"

namespace {
const QStringList kCrowded = {QStringLiteral("us-east-1"),      QStringLiteral("us-east-2"),
                              QStringLiteral("ca-central-1"),   QStringLiteral("us-west-2"),
                              QStringLiteral("eu-west-1"),      QStringLiteral("eu-west-2"),
                              QStringLiteral("eu-west-3"),      QStringLiteral("eu-central-1"),
                              QStringLiteral("eu-north-1"),     QStringLiteral("ap-northeast-1"),
                              QStringLiteral("ap-northeast-3"), QStringLiteral("ap-northeast-2"),
                              QStringLiteral("ap-southeast-2"), QStringLiteral("sa-east-1")};

// The labels that cover a dot, as "label over region" (empty when none does).
QStringList covered(const RegionMap& map) {
    QStringList found;
    const RegionMap::Labels labels = map.labels();
    for (const QString& region : map.group()) {
        const QRectF dot = map.nodeRect(region);
        for (auto it = labels.regions.cbegin(); it != labels.regions.cend(); ++it)
            if (it.value().intersects(dot)) found << it.key() + QStringLiteral(" over ") + region;
        for (auto it = labels.links.cbegin(); it != labels.links.cend(); ++it)
            if (it.value().intersects(dot))
                found << it.key().first + QLatin1Char('-') + it.key().second +
                             QStringLiteral(" over ") + region;
    }
    return found;
}
}  // namespace

class TstWidgetsRegionMap : public QObject {
    Q_OBJECT

private slots:
    void labelsDoNotCoverTheDots_data() {
        QTest::addColumn<int>("regions");
        QTest::addColumn<QSize>("size");
        QTest::newRow("4 regions, usual size") << 4 << QSize(460, 300);
        QTest::newRow("8 regions, usual size") << 8 << QSize(460, 300);
        QTest::newRow("14 regions, usual size") << 14 << QSize(460, 300);
        QTest::newRow("14 regions, large") << 14 << QSize(900, 520);
        QTest::newRow("8 regions, wide and low") << 8 << QSize(700, 220);
    }
    void labelsDoNotCoverTheDots() {
        QFETCH(int, regions);
        QFETCH(QSize, size);
        WidgetEngine e;
        RegionMap map(*e.bridge);
        map.resize(size);
        const QStringList group = kCrowded.mid(0, regions);
        map.setGroup(group, group.first());
        const QStringList found = covered(map);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
        // Every label lies inside the widget.
        for (const QRectF& box : map.labels().regions) QVERIFY(QRectF(map.rect()).contains(box));
    }
};

QTEST_MAIN(TstWidgetsRegionMap)
#include "tst_widgets_region_map.moc"
