// The scenarios shipped in resources/scenarios, played headless on engine time: each shows
// what it promises (the under-provisioned one also why its writes were throttled). They
// simulate hours of traffic, so they run in the normal build only (label "long"; the
// sanitizer run leaves them out, tst_scenarios covers the same code).

#include <QTemporaryDir>
#include <QTest>

#include "scenario_fixture.h"

using tablespan::Json;

namespace {

std::int64_t sum(const Json& series) {
    std::int64_t total = 0;
    for (const Json& v : series) total += v.get<std::int64_t>();
    return total;
}

}  // namespace

class TstScenariosShipped : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir{scenarioScratchRoot() + QStringLiteral("/tst-scenarios-shipped-XXXXXX")};

    Json run(const Json& file) { return runScenario(m_dir, file); }

private slots:
    void theShippedOregonScenarioLosesWhatOregonAcknowledgedDuringTheCut() {
        const Json report = run(shippedScenario("oregon-lost.json"));
        const Json& rpo = report["rpo"][0];
        // 10 writes a second for the two minutes of the cut, and those in flight when it
        // began (the replication pipeline holds a write back ~350 ms).
        const int lost = rpo["lostWrites"].get<int>();
        QVERIFY2(lost >= 1200 && lost <= 1206, qPrintable(QString::number(lost)));
        QVERIFY(rpo["spanSeconds"].get<double>() >= 120);
        JCOMPARE(report["totals"]["writesRefused"], 0);
        QCOMPARE(sum(report["timeline"]["regions"]["us-west-2"]["writesServed"]), 7200);
    }

    void theShippedUnderProvisionedScenarioThrottlesOnlyWhileLowered() {
        const Json report = run(shippedScenario("under-provisioned-replica.json"));
        for (const char* region : {"us-east-1", "eu-west-1"}) {
            const Json& phases = report["regions"][region];
            JCOMPARE(phases[0]["writes"]["throttled"], 0);
            // At 60 units a second a region takes about 30 of its own 40 writes a second:
            // the other half of its capacity goes to the other region's writes.
            const double served = phases[1]["writes"]["served"].get<double>() / 600;
            QVERIFY2(served > 22 && served < 38, qPrintable(QString::number(served)));
            QVERIFY(phases[1]["writes"]["throttled"].get<int>() > 2000);
            QVERIFY(phases[2]["writes"]["throttled"].get<int>() <= 5);
            // Why: the table's on-demand write maximum, and nothing else; every throttled
            // write has its cause.
            for (const Json& p : phases) {
                const Json& writes = p["writes"];
                const Json expected =
                    writes["throttled"] == 0
                        ? Json::object()
                        : Json({{"TableWriteMaxOnDemandThroughputExceeded", writes["throttled"]}});
                JCOMPARE(writes["throttledBy"], expected);
            }
            // Replication into the replica takes its share of the lowered maximum: about
            // half of what it consumed, while its own writes are throttled.
            const Json& lowered = phases[1]["replication"];
            const double share = lowered["replicatedWriteUnits"].get<double>() /
                                 lowered["consumedWriteUnits"].get<double>();
            QVERIFY2(share > 0.4 && share < 0.65, qPrintable(QString::number(share)));
        }
        JCOMPARE(report["totals"]["writesThrottledBy"],
                 Json({{"TableWriteMaxOnDemandThroughputExceeded",
                        report["totals"]["writesThrottled"]}}));
        JCOMPARE(report["totals"]["readsThrottledBy"], Json::object());
        // The deliveries each replica refused, per link, add up to the regions' figures.
        std::int64_t refused = 0;
        for (const Json& r : report["replicationThrottling"]) {
            std::int64_t phases = 0;
            for (const Json& p : report["regions"][r["region"].get<std::string>()])
                phases += p["replication"]["throttleEvents"].get<std::int64_t>();
            JCOMPARE(r["throttleEvents"], phases);
            refused += phases;
        }
        JCOMPARE(report["totals"]["replicationThrottleEvents"], refused);
        QVERIFY(report["convergence"][0]["seconds"].get<double>() <= 5);
    }

    void theShippedKmsScenarioLosesTheReplicaForGood() {
        // Timings of the simulated service (engine/src/kms/kms_timings.h): requests fail
        // once the cached data key expires (5.5 min), the replica is inaccessible after
        // 80 min and leaves its group 20 h later; the key comes back after 25 h.
        const Json report = run(shippedScenario("kms-key-disabled.json"));
        const Json& frankfurt = report["timeline"]["regions"]["eu-central-1"]["writesRefused"];
        int first = -1;
        for (int i = 0; i < int(frankfurt.size()) && first < 0; ++i)
            if (frankfurt[std::size_t(i)].get<int>() > 0) first = i;
        QCOMPARE(first, 600 + 330);
        // Ireland serves every write throughout.
        JCOMPARE(report["regions"]["eu-west-1"][1]["writes"]["refused"], 0);
        // Ireland's changes for Frankfurt pile up while it is inaccessible, and are dropped
        // with it when it leaves the group.
        const Json& pending = report["timeline"]["pending"]["eu-west-1>eu-central-1"];
        QVERIFY(pending[20 * 3600].get<int>() > 60'000);
        JCOMPARE(pending[24 * 3600], 0);
        // Enabled again, Frankfurt serves its own writes, but the two never converge.
        QVERIFY(report["regions"]["eu-central-1"][2]["writes"]["served"].get<int>() > 2000);
        QVERIFY(report["convergence"][0]["seconds"].is_null());
    }
};

QTEST_GUILESS_MAIN(TstScenariosShipped)
#include "tst_scenarios_shipped.moc"
