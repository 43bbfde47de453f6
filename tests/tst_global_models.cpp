// The models of the Global tables, Monitoring and Regions & network views, checked with
// QAbstractItemModelTester while they are fed what the engine reports.

#include <QAbstractItemModelTester>
#include <QTest>

#include "global/network_models.h"
#include "global/replica_model.h"
#include "monitoring/request_stats_model.h"
#include "tablespan/network.h"

using tablespan::Json;

namespace {
Json describe(const char* replicas) {
    Json d = {{"TableName", "courses"},
              {"TableStatus", "UPDATING"},
              {"ItemCount", 12},
              {"GlobalTableVersion", "2019.11.21"}};
    d["Replicas"] = Json::parse(replicas);
    return d;
}
}  // namespace

class TstGlobalModels : public QObject {
    Q_OBJECT

private slots:
    void replicaModelListsTheLocalRegionThenItsReplicas() {
        ReplicaModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroup(QStringLiteral("us-west-2"),
                       describe(R"([{"RegionName": "eu-west-1", "ReplicaStatus": "CREATING",
                                     "ReplicaStatusPercentProgress": "40"}])"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.regions(),
                 QStringList({QStringLiteral("us-west-2"), QStringLiteral("eu-west-1")}));
        QVERIFY(model.index(0, ReplicaModel::Region)
                    .data()
                    .toString()
                    .contains(QLatin1String("us-west-2")));
        QCOMPARE(model.index(0, ReplicaModel::Status).data(ReplicaModel::StatusRole).toString(),
                 QStringLiteral("UPDATING"));
        QCOMPARE(model.index(1, ReplicaModel::Status).data(ReplicaModel::ProgressRole).toInt(), 40);
        QVERIFY(
            model.index(1, ReplicaModel::Status).data().toString().contains(QLatin1String("40")));
        QCOMPARE(model.index(0, ReplicaModel::ItemCount).data().toString(), QStringLiteral("12"));
        QVERIFY(model.hasTransitions());

        model.setRegionDescription(QStringLiteral("eu-west-1"), Json{{"ItemCount", 7}});
        model.setLatency(QStringLiteral("eu-west-1"), 412, 398.5, 3);
        QCOMPARE(model.index(1, ReplicaModel::ItemCount).data().toString(), QStringLiteral("7"));
        QCOMPARE(model.index(1, ReplicaModel::LastLatency).data().toString(),
                 QStringLiteral("412 ms"));
        QCOMPARE(model.index(1, ReplicaModel::Pending).data().toString(), QStringLiteral("3"));

        // The replica goes ACTIVE and a third region joins: latencies are kept.
        model.setGroup(QStringLiteral("us-west-2"),
                       describe(R"([{"RegionName": "eu-west-1", "ReplicaStatus": "ACTIVE"},
                                    {"RegionName": "ap-southeast-2", "ReplicaStatus": "CREATING",
                                     "ReplicaTableClassSummary": {"TableClass": "STANDARD_INFREQUENT_ACCESS"}}])"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, ReplicaModel::Status).data(ReplicaModel::ProgressRole).toInt(), -1);
        QCOMPARE(model.index(1, ReplicaModel::LastLatency).data().toString(),
                 QStringLiteral("412 ms"));
        QCOMPARE(model.index(2, ReplicaModel::TableClass).data().toString(),
                 QStringLiteral("Standard-IA"));

        model.setRegionError(QStringLiteral("ap-southeast-2"),
                             QStringLiteral("ServiceUnavailable: offline"));
        QCOMPARE(model.index(2, ReplicaModel::ItemCount).data().toString(),
                 QStringLiteral("unavailable"));
        model.setGroup(QStringLiteral("us-west-2"), Json());
        QCOMPARE(model.rowCount(), 0);
    }

    void requestStatsAggregatePerRegionTableAndOperation() {
        RequestStatsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 t0 = 1'790'000'000'000;
        QList<RequestRecord> records;
        for (int i = 0; i < 20; ++i)
            records.append({t0 + i * 500,
                            QStringLiteral("us-west-2"),
                            QStringLiteral("PutItem"),
                            QStringLiteral("courses"),
                            2.0 + i,
                            {},
                            {}});
        records.append({t0 + 1000, QStringLiteral("eu-west-1"), QStringLiteral("GetItem"),
                        QStringLiteral("courses"), 1.0, QStringLiteral("ServiceUnavailable"),
                        QStringLiteral("offline")});
        model.append(records);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.requests(QStringLiteral("us-west-2"), QStringLiteral("courses"),
                                QStringLiteral("PutItem")),
                 20);
        QCOMPARE(model.errors(QStringLiteral("eu-west-1"), QStringLiteral("courses"),
                              QStringLiteral("GetItem")),
                 1);
        model.setNow(t0 + 10'000);
        // 20 requests in the 10 seconds before now: 2 per second.
        QCOMPARE(
            model.index(0, RequestStatsModel::Rate).data(RequestStatsModel::SortRole).toDouble(),
            2.0);
        QCOMPARE(model.index(0, RequestStatsModel::MaxLatency)
                     .data(RequestStatsModel::SortRole)
                     .toDouble(),
                 21.0);
        QCOMPARE(model.index(1, RequestStatsModel::LastError).data().toString(),
                 QStringLiteral("ServiceUnavailable"));
        const auto series = model.series(QStringLiteral("us-west-2"));
        QCOMPARE(series.size(), 10);
        QCOMPARE(series.first().value(QStringLiteral("PutItem")).requests, 2);
        model.append({{t0 + 11'000,
                       QStringLiteral("us-west-2"),
                       QStringLiteral("PutItem"),
                       QStringLiteral("courses"),
                       1.0,
                       {},
                       {}}});
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void regionsModelSwitchesRegionsOnlineAndOffline() {
        tablespan::Network network;
        RegionsModel model(network);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = model.rowOf(QStringLiteral("eu-west-1"));
        QVERIFY(row >= 0);
        const QModelIndex online = model.index(row, RegionsModel::Online);
        QCOMPARE(online.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model.flags(online) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(online, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!network.region_online("eu-west-1"));
        QCOMPARE(online.data().toString(), QStringLiteral("offline"));
        model.setTableCounts({{QStringLiteral("eu-west-1"), 3}});
        QCOMPARE(model.index(row, RegionsModel::Tables).data().toString(), QStringLiteral("3"));
        QVERIFY(model.setData(online, Qt::Checked, Qt::CheckStateRole));
        QVERIFY(network.region_online("eu-west-1"));
    }

    void linkMatrixShowsLatencyCutAndOverride() {
        tablespan::Network network;
        LinkMatrixModel model(network);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRegions({QStringLiteral("eu-west-1"), QStringLiteral("us-west-2"),
                          QStringLiteral("ap-southeast-2")});
        // Catalog order: us-west-2 before eu-west-1 before ap-southeast-2 is not assumed;
        // look the cells up by name.
        const auto cell = [&model](const char* a, const char* b) {
            return model.index(static_cast<int>(model.regions().indexOf(QLatin1String(a))),
                               static_cast<int>(model.regions().indexOf(QLatin1String(b))));
        };
        QCOMPARE(model.rowCount(), 3);
        const double modelMs = tablespan::Network::model_latency_ms("us-west-2", "eu-west-1");
        QCOMPARE(cell("us-west-2", "eu-west-1").data(LinkMatrixModel::LatencyRole).toDouble(),
                 modelMs);
        QVERIFY(cell("us-west-2", "eu-west-1").data().toString().startsWith(QLatin1Char('~')));
        network.set_link_cut("us-west-2", "eu-west-1", true);
        network.set_link_latency("us-west-2", "ap-southeast-2", 900);
        model.refresh();
        QCOMPARE(cell("eu-west-1", "us-west-2").data().toString(), QStringLiteral("cut"));
        QCOMPARE(cell("ap-southeast-2", "us-west-2").data().toString(), QStringLiteral("900 ms"));
        network.set_region_online("ap-southeast-2", false);
        model.refresh();
        QCOMPARE(cell("ap-southeast-2", "eu-west-1").data().toString(), QStringLiteral("offline"));
        model.setRegions({QStringLiteral("us-west-2")});
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TstGlobalModels)
#include "tst_global_models.moc"
