// Convergence property test for global tables. For each seed: 3–5 regions, random
// puts, updates, deletes and conditional writes from every region, random link cuts,
// region outages, latency changes and process restarts. After healing and draining,
// every replica must hold the same data, each item must equal the last-writer-wins
// winner an independent oracle computed from the acknowledged writes, and no key may
// hold anything nobody wrote. Each region's stream, read from TRIM_HORIZON following
// shard lineage, replays into exactly that region's items.
//
// The oracle knows nothing of the engine's versions: every write happens at its own
// engine millisecond, so the last writer is simply the acknowledged write with the
// latest engine time. (Equal timestamps and the region tie-break have their own test in
// tst_replication.)
//
// TABLESPAN_SEEDS=N runs N seeds (default 500); TABLESPAN_SEED=S replays one seed. A
// failing seed names itself.

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <optional>
#include <random>

#include "tablespan/engine.h"

using tablespan::Json;

namespace {
const std::vector<std::string> kRegionPool = {"us-west-2",   "ap-southeast-2", "eu-west-1",
                                              "us-east-1",   "ap-northeast-1", "sa-east-1",
                                              "eu-central-1"};

struct Failure {
    std::string what;
};

class Scenario {
public:
    explicit Scenario(std::uint64_t seed) : rng_(seed) {
        // Fsync-free storage keeps thousands of seeds fast; durability has its own tests.
        if (QDir(QStringLiteral("/dev/shm")).exists())
            dir_.emplace(QStringLiteral("/dev/shm/tablespan-convergence-XXXXXX"));
        else
            dir_.emplace();
        open();
        std::vector<std::string> pool = kRegionPool;
        std::shuffle(pool.begin(), pool.end(), rng_);
        pool.resize(pick(3, 5));
        regions_ = pool;
    }

    void run() {
        setup();
        const int steps = pick(60, 140);
        for (int i = 0; i < steps; ++i) step();
        heal();
        engine_->advance(120'000);
        check();
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    const std::string& any_region() {
        return regions_[pick(0, static_cast<int>(regions_.size()) - 1)];
    }

    void open() {
        tablespan::EngineOptions options;
        options.data_dir = dir_->path().toStdString();
        options.clock = clock_;
        options.threads = 0;
        std::string error;
        engine_ = tablespan::Engine::open(options, &error);
        if (!engine_) throw Failure{"cannot open engine: " + error};
    }

    tablespan::Result call(const std::string& region, const std::string& op, Json request) {
        return engine_->call_sync(region, op, std::move(request));
    }
    Json ok(const std::string& region, const std::string& op, Json request) {
        auto r = call(region, op, std::move(request));
        if (!r.ok())
            throw Failure{op + " in " + region + ": " + r.error->type + ": " + r.error->message};
        return r.body;
    }

    void setup() {
        ok(regions_[0], "CreateTable", Json::parse(R"({"TableName": "things",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                     {"AttributeName": "val", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byVal",
                "KeySchema": [{"AttributeName": "val", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}],
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            "BillingMode": "PAY_PER_REQUEST"})"));
        engine_->advance(10'000);
        // A few items before the table goes global, so the backfill has work.
        for (int i = 0; i < pick(0, 6); ++i) write(regions_[0]);
        for (std::size_t i = 1; i < regions_.size(); ++i) {
            // Any member can add the next replica.
            const std::string& from =
                regions_[static_cast<std::size_t>(pick(0, static_cast<int>(i) - 1))];
            ok(from, "UpdateTable",
               {{"TableName", "things"},
                {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", regions_[i]}}}}})}});
            engine_->advance(60'000);
        }
        for (const auto& r : regions_)
            if (ok(r, "DescribeTable", {{"TableName", "things"}})["Table"]["TableStatus"] !=
                "ACTIVE")
                throw Failure{"replica in " + r + " is not ACTIVE after setup"};
    }

    void step() {
        int dice = pick(0, 99);
        auto& network = engine_->network();
        if (dice < 70) {
            write(any_region());
        } else if (dice < 78) {
            const auto& a = any_region();
            const auto& b = any_region();
            if (a != b) network.set_link_cut(a, b, pick(0, 1) == 0);
        } else if (dice < 85) {
            network.set_region_online(any_region(), pick(0, 2) == 0);
        } else if (dice < 92) {
            const auto& a = any_region();
            const auto& b = any_region();
            if (a != b)
                network.set_link_latency(
                    a, b,
                    pick(0, 2) ? std::optional<tablespan::Millis>(pick(0, 3000)) : std::nullopt);
        } else if (dice < 96) {
            engine_.reset();  // a restart: the network simulation starts whole again
            open();
        } else {
            engine_->advance(pick(1'000, 20'000));
        }
        engine_->advance(pick(1, 400));
    }

    void write(const std::string& region) {
        const std::string id = "k" + std::to_string(pick(0, 11));
        const Json key = {{"id", {{"S", id}}}};
        const Json value = {{"S", "v" + std::to_string(pick(0, 1'000'000))}};
        std::optional<Json> after;  // the item the write left; nullopt = deleted
        tablespan::Result r;
        switch (pick(0, 4)) {
            case 0:
            case 1: {
                Json item = {{"id", key["id"]}, {"val", value}, {"from", {{"S", region}}}};
                r = call(region, "PutItem", {{"TableName", "things"}, {"Item", item}});
                after = item;
                break;
            }
            case 2:
                r = call(region, "UpdateItem",
                         {{"TableName", "things"},
                          {"Key", key},
                          {"UpdateExpression", "SET val = :v ADD n :one"},
                          {"ExpressionAttributeValues", {{":v", value}, {":one", {{"N", "1"}}}}},
                          {"ReturnValues", "ALL_NEW"}});
                if (r.ok()) after = r.body["Attributes"];
                break;
            case 3:
                // As in the service, a delete that finds nothing writes nothing, and so
                // replicates nothing: only a delete that removed an item is a write.
                r = call(region, "DeleteItem",
                         {{"TableName", "things"}, {"Key", key}, {"ReturnValues", "ALL_OLD"}});
                if (r.ok() && !r.body.contains("Attributes")) {
                    engine_->advance(1);
                    return;
                }
                break;
            default: {
                Json item = {{"id", key["id"]}, {"val", value}};
                r = call(region, "PutItem",
                         {{"TableName", "things"},
                          {"Item", item},
                          {"ConditionExpression", "attribute_not_exists(id)"}});
                after = item;
                break;
            }
        }
        if (r.ok()) {
            oracle_[id] = after;  // writes happen in engine-time order, one per millisecond
        } else if (r.error->type != "ServiceUnavailable" &&
                   r.error->type != "ConditionalCheckFailedException") {
            throw Failure{"write in " + region + ": " + r.error->type + ": " + r.error->message};
        }
        engine_->advance(1);
    }

    void heal() {
        auto& network = engine_->network();
        for (const auto& a : regions_) {
            network.set_region_online(a, true);
            for (const auto& b : regions_) {
                if (a == b) continue;
                network.set_link_cut(a, b, false);
                network.set_link_latency(a, b, std::nullopt);
            }
        }
    }

    std::map<std::string, Json> contents(const std::string& region) {
        std::map<std::string, Json> out;
        Json request = {{"TableName", "things"}, {"ConsistentRead", true}};
        for (;;) {
            Json page = ok(region, "Scan", request);
            for (const auto& item : page["Items"]) out[item["id"]["S"].get<std::string>()] = item;
            if (!page.contains("LastEvaluatedKey")) break;
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
        }
        return out;
    }

    // What the index byVal holds in `region`, by item id.
    std::map<std::string, Json> index_contents(const std::string& region) {
        std::map<std::string, Json> out;
        Json request = {{"TableName", "things"}, {"IndexName", "byVal"}, {"Limit", 50}};
        for (;;) {
            Json page = ok(region, "Scan", request);
            for (const auto& item : page["Items"])
                if (!out.emplace(item["id"]["S"].get<std::string>(), item).second)
                    throw Failure{"index byVal holds an item twice in " + region};
            if (!page.contains("LastEvaluatedKey")) break;
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
        }
        return out;
    }

    // The items that `region`'s stream, read from TRIM_HORIZON with parents before
    // children, leaves when applied in order: INSERT and MODIFY put NewImage, REMOVE
    // deletes (and must find the item OldImage names).
    std::map<std::string, Json> replay(const std::string& region) {
        const std::string arn =
            ok(region, "DescribeTable", {{"TableName", "things"}})["Table"]["LatestStreamArn"];
        const Json shards = ok(region, "DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"];
        std::map<std::string, Json> items;
        for (const auto& shard : shards) {  // listed oldest first: parents before children
            Json it = ok(region, "GetShardIterator",
                         {{"StreamArn", arn},
                          {"ShardId", shard["ShardId"]},
                          {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
            for (;;) {
                Json page = ok(region, "GetRecords", {{"ShardIterator", it}});
                for (const auto& record : page["Records"]) {
                    const Json& d = record["dynamodb"];
                    const std::string id = d["Keys"]["id"]["S"];
                    const std::string name = record["eventName"];
                    if (name == "REMOVE") {
                        if (!items.count(id) || items[id] != d["OldImage"])
                            throw Failure{"stream in " + region + " removes " + id +
                                          " as it never recorded it"};
                        items.erase(id);
                    } else {
                        if ((name == "MODIFY") != items.count(id))
                            throw Failure{"stream in " + region + ": " + name + " of " + id};
                        items[id] = d["NewImage"];
                    }
                }
                if (page["Records"].empty() || !page.contains("NextShardIterator")) break;
                it = page["NextShardIterator"];
            }
        }
        return items;
    }

    void check() {
        for (const auto& region : regions_)
            if (replay(region) != contents(region))
                throw Failure{"the stream in " + region + " does not replay into its items"};
        // Each region's index equals the index recomputed from that region's items.
        for (const auto& region : regions_) {
            std::map<std::string, Json> expected_index;
            for (const auto& [id, item] : contents(region))
                if (item.contains("val")) expected_index[id] = item;
            if (index_contents(region) != expected_index)
                throw Failure{"index byVal in " + region + " differs from its items"};
        }
        auto reference = contents(regions_[0]);
        for (std::size_t i = 1; i < regions_.size(); ++i)
            if (contents(regions_[i]) != reference)
                throw Failure{"replicas differ: " + regions_[0] + " vs " + regions_[i]};
        std::map<std::string, Json> expected;
        for (const auto& [id, item] : oracle_)
            if (item) expected[id] = *item;
        if (reference != expected) {
            std::string detail;
            for (const auto& [id, item] : expected)
                if (!reference.count(id) || reference[id] != item)
                    detail += " " + id + ": expected " + item.dump() + ", found " +
                              (reference.count(id) ? reference[id].dump() : "nothing") + ";";
            for (const auto& [id, item] : reference)
                if (!expected.count(id)) detail += " " + id + " should be absent;";
            throw Failure{"replicas disagree with the oracle:" + detail};
        }
    }

    std::mt19937_64 rng_;
    std::optional<QTemporaryDir> dir_;
    std::shared_ptr<tablespan::ManualClock> clock_ = std::make_shared<tablespan::ManualClock>();
    std::unique_ptr<tablespan::Engine> engine_;
    std::vector<std::string> regions_;
    std::map<std::string, std::optional<Json>> oracle_;
};
}  // namespace

class TstConvergence : public QObject {
    Q_OBJECT

private slots:
    void everyReplicaConvergesToTheLastWriter_data() {
        QTest::addColumn<qulonglong>("seed");
        if (qEnvironmentVariableIsSet("TABLESPAN_SEED")) {
            auto seed = qEnvironmentVariable("TABLESPAN_SEED").toULongLong();
            QTest::addRow("seed %llu", seed) << qulonglong(seed);
            return;
        }
        const int count = qEnvironmentVariableIsSet("TABLESPAN_SEEDS")
                              ? qEnvironmentVariableIntValue("TABLESPAN_SEEDS")
                              : 500;
        for (int i = 1; i <= count; ++i) QTest::addRow("seed %d", i) << qulonglong(i);
    }
    void everyReplicaConvergesToTheLastWriter() {
        QFETCH(qulonglong, seed);
        try {
            Scenario(seed).run();
        } catch (const Failure& f) {
            QFAIL(qPrintable(QStringLiteral("seed %1: %2 (replay: TABLESPAN_SEED=%1)")
                                 .arg(seed)
                                 .arg(QString::fromStdString(f.what))));
        }
    }
};

QTEST_GUILESS_MAIN(TstConvergence)
#include "tst_convergence.moc"
