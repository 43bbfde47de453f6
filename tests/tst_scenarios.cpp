// Fault scenarios played headless on engine time: the same file and seed give the same
// report; the report's figures are what the faults must produce (the RPO of a region lost
// after a cut link is the writes it acknowledged during the cut); invalid files are refused
// naming the field; throttled requests are split by the service's throttling reasons, and
// the deliveries of replicated changes a replica refused are counted. The shipped
// scenarios are in tst_scenarios_shipped.

#include <QTemporaryDir>
#include <QTest>

#include "scenario_fixture.h"

using tablespan::Json;

namespace {

// Two regions, unique keys, 10 writes a second in each; the link between them 1 ms, so
// that nothing but the cut holds a write back.
Json cutThenLost() {
    return J(R"({
        "name": "cut then lost", "seed": 3, "duration": "60s", "drain": "10s",
        "tables": [{"name": "Orders", "regions": ["us-west-2", "ap-southeast-2"]}],
        "load": [
            {"region": "us-west-2", "table": "Orders", "writesPerSecond": 10,
             "distribution": "unique"},
            {"region": "ap-southeast-2", "table": "Orders", "writesPerSecond": 10,
             "readsPerSecond": 5, "distribution": "unique"}],
        "faults": [
            {"kind": "link-slow", "at": 0, "regions": ["us-west-2", "ap-southeast-2"],
             "latencyMs": 1},
            {"kind": "link-cut", "at": "20s", "regions": ["us-west-2", "ap-southeast-2"]},
            {"kind": "region-lost", "at": "30s", "region": "us-west-2",
             "failoverTo": "ap-southeast-2"}]
    })");
}

// A provisioned table in Virginia with one unit of read and write capacity, written 10 and
// read 20 times a second (a read takes half a unit): once its 300 s of burst are spent
// (after about 33 s), most requests are throttled. And an on-demand global table in Ireland and
// Frankfurt, 8 writes a second in each, whose write maximum is lowered to 10 units from 20 s to 40
// s: each replica applies 16 writes a second, its own and the other's.
Json throttled() {
    return J(R"({
        "name": "throttled", "seed": 5, "duration": "60s", "drain": "10s",
        "tables": [
            {"name": "Ledger", "regions": ["us-east-1"], "billingMode": "PROVISIONED",
             "readCapacity": 1, "writeCapacity": 1},
            {"name": "Carts", "regions": ["eu-west-1", "eu-central-1"],
             "maxWriteRequestUnits": 100}],
        "load": [
            {"region": "us-east-1", "table": "Ledger", "writesPerSecond": 10,
             "readsPerSecond": 20},
            {"region": "eu-west-1", "table": "Carts", "writesPerSecond": 8},
            {"region": "eu-central-1", "table": "Carts", "writesPerSecond": 8}],
        "faults": [{"kind": "capacity-lowered", "at": "20s", "for": "20s", "table": "Carts",
                    "writeCapacity": 10}]
    })");
}

std::int64_t sumOf(const Json& counts) {
    std::int64_t total = 0;
    for (const auto& [_, n] : counts.items()) total += n.get<std::int64_t>();
    return total;
}

}  // namespace

class TstScenarios : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir{scenarioScratchRoot() + QStringLiteral("/tst-scenarios-XXXXXX")};

    Json run(const Json& file, std::optional<std::uint64_t> seed = std::nullopt) {
        return runScenario(m_dir, file, seed);
    }

private slots:
    void theRpoOfARegionLostAfterACutIsWhatItAcknowledgedDuringTheCut() {
        const Json report = run(cutThenLost());
        QCOMPARE(report["rpo"].size(), std::size_t(1));
        const Json& rpo = report["rpo"][0];
        JCOMPARE(rpo["region"], "us-west-2");
        // 10 writes a second from 20 s to 30 s: 100 writes, all acknowledged, none arrived.
        JCOMPARE(rpo["lostWrites"], 100);
        JCOMPARE(rpo["firstLostAtSecond"], 20.0);
        JCOMPARE(rpo["lastLostAtSecond"], 29.9);
        JCOMPARE(rpo["writesAcknowledged"], 300);
        // Oregon's users fail over to Sydney: Sydney serves both loads after the loss, and
        // no write is refused anywhere.
        const Json& sydney = report["timeline"]["regions"]["ap-southeast-2"]["writesServed"];
        QCOMPARE(sydney[10].get<int>(), 10);
        QCOMPARE(sydney[45].get<int>(), 20);
        JCOMPARE(report["totals"]["writesRefused"], 0);
        JCOMPARE(report["totals"]["writesServed"], 1200);
        // The phases follow the faults.
        QStringList phases;
        for (const Json& p : report["phases"]) phases << QString::fromStdString(p["name"]);
        QCOMPARE(phases,
                 QStringList({QStringLiteral("us-west-2/ap-southeast-2 at 1 ms"),
                              QStringLiteral("us-west-2/ap-southeast-2 at 1 ms, "
                                             "us-west-2/ap-southeast-2 cut"),
                              QStringLiteral("us-west-2/ap-southeast-2 at 1 ms, "
                                             "us-west-2/ap-southeast-2 cut, us-west-2 lost")}));
        // While cut, Oregon's changes wait: its pending count grows by its writes.
        const Json& pending = report["timeline"]["pending"]["us-west-2>ap-southeast-2"];
        QCOMPARE(pending[19].get<int>(), 0);
        QCOMPARE(pending[28].get<int>(), 90);
    }

    void aStrongTableLosesNothingWhereAnEventualOneLosesTheCut() {
        // The same load on an MRSC table (two replicas and a witness) and an MREC table:
        // the link between the replicas is cut, then one replica's region is lost. The
        // strong table's writes were acknowledged only once the witness had them.
        const Json report = run(J(R"({
            "name": "strong and eventual", "duration": "60s", "drain": "10s",
            "tables": [
                {"name": "Ledger", "consistency": "STRONG",
                 "regions": ["us-east-1", "us-east-2"], "witness": "us-west-2"},
                {"name": "Eventual", "regions": ["us-east-1", "us-east-2"]}],
            "load": [
                {"region": "us-east-1", "table": "Ledger", "writesPerSecond": 10, "keys": 100},
                {"region": "us-east-1", "table": "Eventual", "writesPerSecond": 10, "keys": 100},
                {"region": "us-east-2", "table": "Ledger", "writesPerSecond": 10, "keys": 100},
                {"region": "us-east-2", "table": "Eventual", "writesPerSecond": 10, "keys": 100}],
            "faults": [
                {"kind": "link-cut", "at": "20s", "regions": ["us-east-1", "us-east-2"]},
                {"kind": "region-lost", "at": "30s", "region": "us-east-1",
                 "failoverTo": "us-east-2"}]
        })"));
        std::map<std::string, Json> rpo;
        for (const Json& entry : report["rpo"]) rpo[entry["table"]] = entry;
        JCOMPARE(rpo["Ledger"]["lostWrites"], 0);
        QVERIFY(rpo["Ledger"]["writesAcknowledged"].get<int>() > 250);
        const int lost = rpo["Eventual"]["lostWrites"].get<int>();
        QVERIFY2(lost >= 100 && lost <= 105, qPrintable(QString::number(lost)));
        // After the loss, us-east-2 writes the strong table's items that only the witness
        // had from us-east-1: it learns them first, so none is refused as a conflict.
        JCOMPARE(report["regions"]["us-east-2"][2]["writes"]["conflicted"], 0);
        QVERIFY(report["regions"]["us-east-2"][2]["writes"]["served"].get<int>() >= 1190);
    }

    void theSameFileAndSeedGiveTheSameReport() {
        Json file = cutThenLost();
        file["load"][0]["distribution"] = "zipf";
        file["load"][0]["keys"] = 50;
        file["load"][1]["distribution"] = "zipf";
        file["load"][1]["keys"] = 50;
        const Json a = run(file), b = run(file);
        QVERIFY(a == b);
        QVERIFY(a["conflicts"]["lwwConflicts"].get<int>() > 0);
        // Each conflict overwrote one region's acknowledged write: counted per region and
        // phase, they add up.
        int overwritten = 0;
        for (const auto& [region, phases] : a["regions"].items())
            for (const Json& p : phases) overwritten += p["writes"]["overwritten"].get<int>();
        JCOMPARE(a["conflicts"]["overwrittenWrites"], overwritten);
        // Another seed picks other keys: other conflicts.
        const Json c = run(file, 4);
        JCOMPARE(c["seed"], 4);
        QVERIFY(c["conflicts"] != a["conflicts"] || c["rpo"] != a["rpo"]);
    }

    void throttledRequestsAreSplitByTheServicesReasons() {
        const Json report = run(throttled());
        // Every region and phase: the causes add up to the throttled count.
        std::int64_t writes = 0, reads = 0;
        for (const auto& [region, phases] : report["regions"].items())
            for (const Json& p : phases)
                for (const char* kind : {"writes", "reads"}) {
                    QCOMPARE(sumOf(p[kind]["throttledBy"]),
                             p[kind]["throttled"].get<std::int64_t>());
                    (kind == std::string("writes") ? writes : reads) +=
                        p[kind]["throttled"].get<std::int64_t>();
                }
        JCOMPARE(report["totals"]["writesThrottled"], writes);
        JCOMPARE(report["totals"]["readsThrottled"], reads);
        QCOMPARE(sumOf(report["totals"]["writesThrottledBy"]), writes);
        QCOMPARE(sumOf(report["totals"]["readsThrottledBy"]), reads);
        // Virginia's provisioned table: its table's read and write capacity, nothing else,
        // once its burst is spent (in the last phase, 40 s to 60 s).
        const Json& virginia = report["regions"]["us-east-1"][2];
        QVERIFY2(virginia["writes"]["throttled"].get<int>() > 100, virginia.dump().c_str());
        QVERIFY2(virginia["reads"]["throttled"].get<int>() > 100, virginia.dump().c_str());
        JCOMPARE(
            virginia["writes"]["throttledBy"],
            Json({{"TableWriteProvisionedThroughputExceeded", virginia["writes"]["throttled"]}}));
        JCOMPARE(
            virginia["reads"]["throttledBy"],
            Json({{"TableReadProvisionedThroughputExceeded", virginia["reads"]["throttled"]}}));
        // The on-demand global table: throttled only while its maximum is lowered, and only
        // for the maximum.
        for (const char* region : {"eu-west-1", "eu-central-1"}) {
            const Json& phases = report["regions"][region];
            JCOMPARE(phases[0]["writes"]["throttledBy"], Json::object());
            const Json& lowered = phases[1]["writes"];
            QVERIFY2(lowered["throttled"].get<int>() > 20, lowered.dump().c_str());
            JCOMPARE(lowered["throttledBy"],
                     Json({{"TableWriteMaxOnDemandThroughputExceeded", lowered["throttled"]}}));
            // The other region's writes take their share of this replica's capacity: its
            // deliveries are refused too, and counted where they are applied.
            const Json& replication = phases[1]["replication"];
            QVERIFY2(replication["throttleEvents"].get<int>() > 0, replication.dump().c_str());
            QVERIFY(replication["replicatedWriteUnits"].get<double>() > 0);
            JCOMPARE(phases[0]["replication"]["throttleEvents"], 0);
        }
        JCOMPARE(report["regions"]["us-east-1"][0]["replication"]["throttleEvents"], 0);
        // Per replica over the run, with its one source: the link; per second in the
        // timeline; all adding up to the regions' counts.
        std::int64_t events = 0;
        for (const Json& r : report["replicationThrottling"]) {
            const std::string region = r["region"];
            std::int64_t phases = 0, seconds = 0;
            for (const Json& p : report["regions"][region])
                phases += p["replication"]["throttleEvents"].get<std::int64_t>();
            for (const Json& n : report["timeline"]["regions"][region]["replicationThrottleEvents"])
                seconds += n.get<std::int64_t>();
            JCOMPARE(r["throttleEvents"], phases);
            QCOMPARE(seconds, phases);
            JCOMPARE(r["link"], r["sources"][0].get<std::string>() + ">" + region);
            QVERIFY(r["firstSecond"].get<int>() >= 20 && r["lastSecond"].get<int>() < 42);
            events += phases;
        }
        QCOMPARE(report["replicationThrottling"].size(), std::size_t(2));
        JCOMPARE(report["totals"]["replicationThrottleEvents"], events);
        // The same seed, the same causes.
        const Json again = run(throttled());
        JCOMPARE(again["totals"], report["totals"]);
        JCOMPARE(again["replicationThrottling"], report["replicationThrottling"]);
    }

    void anOfflineRegionRefusesAndItsPeersConvergeAfterTheHeal() {
        const Json report = run(J(R"({
            "name": "offline", "duration": "40s", "drain": "20s",
            "tables": [{"name": "Carts", "regions": ["eu-west-1", "eu-central-1"]}],
            "load": [
                {"region": "eu-west-1", "table": "Carts", "writesPerSecond": 4, "readsPerSecond": 2},
                {"region": "eu-central-1", "table": "Carts", "writesPerSecond": 4}],
            "faults": [{"kind": "region-offline", "at": "10s", "for": "15s", "region": "eu-west-1"}]
        })"));
        const Json& ireland = report["regions"]["eu-west-1"];
        QCOMPARE(ireland.size(), std::size_t(3));
        JCOMPARE(ireland[1]["phase"], "eu-west-1 offline");
        JCOMPARE(ireland[1]["writes"]["refused"], 60);  // 4 a second for 15 s
        JCOMPARE(ireland[1]["reads"]["refused"], 30);
        JCOMPARE(ireland[1]["writes"]["served"], 0);
        JCOMPARE(ireland[2]["writes"]["served"], 60);
        JCOMPARE(report["regions"]["eu-central-1"][1]["writes"]["served"], 60);
        // Frankfurt's changes of those 15 s wait for Ireland, then arrive within seconds.
        QVERIFY(report["timeline"]["pending"]["eu-central-1>eu-west-1"][23].get<int>() >= 50);
        QCOMPARE(report["convergence"].size(), std::size_t(1));
        const double seconds = report["convergence"][0]["seconds"].get<double>();
        QVERIFY2(seconds >= 1 && seconds <= 3, qPrintable(QString::number(seconds)));
        // The lag chart has a gap where nothing was delivered, not a zero.
        QVERIFY(report["timeline"]["lagMs"]["eu-central-1>eu-west-1"][15].is_null());
    }

    // What the console shows before a run: the faults in time order with their kind and
    // span (a heal, or none: until the end of the load), durations in seconds.
    void theOutlineGivesTheFaultsOnTheTimeline() {
        const Json outline = tablespan::outline_scenario(shippedScenario("oregon-lost.json"));
        JCOMPARE(outline["durationSeconds"], 3600.0);
        JCOMPARE(outline["drainSeconds"], 300.0);
        JCOMPARE(outline["tables"][0]["regions"], J(R"(["us-west-2", "ap-southeast-2"])"));
        JCOMPARE(outline["load"][1]["untilSecond"], 3600.0);
        // The label is for the headless report; the console words a fault itself from its
        // kind and regions.
        JCOMPARE(outline["faults"], J(R"([
            {"kind": "link-cut", "label": "us-west-2/ap-southeast-2 cut", "atSecond": 600.0,
             "region": "us-west-2", "otherRegion": "ap-southeast-2"},
            {"kind": "region-lost", "label": "us-west-2 lost", "atSecond": 720.0,
             "region": "us-west-2"}])"));
        const Json healed = tablespan::outline_scenario(J(R"({"name": "x", "duration": "1m",
            "tables": [{"name": "Tbl", "regions": ["us-east-1", "eu-west-1"]}],
            "faults": [{"kind": "link-slow", "at": "10s", "for": "1m30s",
                        "regions": ["us-east-1", "eu-west-1"], "latencyMs": 400}]})"));
        JCOMPARE(healed["faults"][0]["healedAtSecond"], 100.0);
        QVERIFY(tablespan::outline_scenario(J(R"({"name": "x"})")).is_null());
        // The report's faults carry their kind too, each phase the faults in effect, and
        // each region's row its phase.
        const Json report = run(cutThenLost());
        JCOMPARE(report["faults"][2]["kind"], "region-lost");
        JCOMPARE(report["faults"][0]["latencyMs"], 1);
        JCOMPARE(report["phases"][0]["faults"], J("[0]"));
        JCOMPARE(report["phases"][1]["faults"], J("[0, 1]"));
        JCOMPARE(report["phases"][1]["name"],
                 "us-west-2/ap-southeast-2 at 1 ms, us-west-2/ap-southeast-2 cut");
        JCOMPARE(report["regions"]["ap-southeast-2"][2]["phaseIndex"], 2);
    }

    void invalidFilesNameTheField_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        const auto row = [](const char* name, const char* file, const char* error) {
            QTest::newRow(name) << QString::fromUtf8(file) << QString::fromUtf8(error);
        };
        row("no duration", R"({"name": "x", "tables": []})", "scenario.duration: required");
        row("bad duration", R"({"name": "x", "duration": "ten minutes", "tables": []})",
            "scenario.duration: expected a duration such as \"90s\", \"30m\", \"1h30m\"");
        row("unknown region",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "regions": ["mars-1"]}]})",
            "tables[0].regions[0]: expected a region code");
        row("load elsewhere",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "regions": ["us-east-1"]}],
                "load": [{"region": "eu-west-1", "table": "Tbl", "writesPerSecond": 1}]})",
            "load[0].region: the table has no replica in eu-west-1");
        row("fault kind",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "regions": ["us-east-1"]}],
                "faults": [{"kind": "meteor", "at": 10}]})",
            "faults[0].kind: one of region-offline, region-lost, link-cut, link-slow, "
            "capacity-lowered, kms-key-disabled");
        row("lost comes back",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "regions": ["us-east-1"]}],
                "faults": [{"kind": "region-lost", "at": 10, "for": 5, "region": "us-east-1"}]})",
            "faults[0].for: a region lost for good does not come back");
        row("strong of two",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "consistency": "STRONG",
                "regions": ["us-east-1", "us-east-2"]}]})",
            "tables[0]: a STRONG table has three regions, or two and a witness");
        row("typo",
            R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl", "regions": ["us-east-1"],
                "writeCapcity": 5}]})",
            "tables[0].writeCapcity: unknown field");
    }

    void invalidFilesNameTheField() {
        QFETCH(QString, file);
        QFETCH(QString, error);
        const auto message = tablespan::check_scenario(Json::parse(file.toStdString()));
        QVERIFY(message);
        QCOMPARE(QString::fromStdString(*message), error);
    }

    void aFailedSetUpIsReportedNotThrown() {
        tablespan::ScenarioOptions options;
        options.data_dir = m_dir.filePath(QStringLiteral("engine")).toStdString();
        // Three replicas of a strong table must lie in one region set.
        const auto out =
            tablespan::run_scenario(J(R"({"name": "x", "duration": 60, "tables": [{"name": "Tbl",
                  "consistency": "STRONG", "regions": ["us-east-1", "eu-west-1", "ap-south-1"]}]})"),
                                    options);
        QVERIFY(out.error);
        QVERIFY2(out.error->rfind("set-up of Tbl: ValidationException: ", 0) == 0,
                 out.error->c_str());
    }
};

QTEST_GUILESS_MAIN(TstScenarios)
#include "tst_scenarios.moc"
