#pragma once

// What the DynamoDB Streams tests share: a reader that follows shard lineage the way
// consumers do, and a table with a stream.

#include <set>

#include "engine_fixture.h"

using tablespan::Json;

namespace streams_test {
constexpr tablespan::Millis kHour = 60LL * 60 * 1000;

void hourly_shards(tablespan::EngineOptions& o) {
    o.stream_shard_lifetime = kHour;
    o.ttl_deletion_delay = 0;
}

Json key(const std::string& id) {
    return {{"id", {{"S", id}}}};
}

Json item(const std::string& id, const std::string& v) {
    return {{"id", {{"S", id}}}, {"v", {{"S", v}}}};
}

struct Reader {
    TestEngine& t;
    std::string region = "us-west-2";

    Json call(const std::string& op, const Json& request) { return t.ok(op, request, region); }
    std::string arn(const std::string& table = "Orders") {
        return call("DescribeTable", {{"TableName", table}})["Table"]["LatestStreamArn"];
    }
    Json shards(const std::string& arn) {
        return call("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"];
    }
    std::string iterator(const std::string& arn, const std::string& shard, const std::string& type,
                         const std::string& seq = {}) {
        Json r = {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", type}};
        if (!seq.empty()) r["SequenceNumber"] = seq;
        return call("GetShardIterator", r)["ShardIterator"];
    }
    // Every record of the stream from TRIM_HORIZON, following shard lineage (parents
    // before children), as a consumer such as the KCL adapter does.
    std::vector<Json> all(const std::string& arn) {
        std::vector<Json> out;
        std::set<std::string> done;
        Json list = shards(arn);
        bool progress = true;
        while (progress) {
            progress = false;
            for (const auto& s : list) {
                const std::string id = s["ShardId"];
                const std::string parent = s.value("ParentShardId", "");
                bool parent_listed = false;
                for (const auto& p : list) parent_listed = parent_listed || p["ShardId"] == parent;
                if (done.count(id) || (parent_listed && !done.count(parent))) continue;
                std::string it = iterator(arn, id, "TRIM_HORIZON");
                for (int guard = 0; guard < 1000; ++guard) {
                    Json page = call("GetRecords", {{"ShardIterator", it}});
                    for (auto& r : page["Records"]) out.push_back(r);
                    if (!page.contains("NextShardIterator")) break;
                    if (page["Records"].empty()) break;  // an open shard: caught up
                    it = page["NextShardIterator"];
                }
                done.insert(id);
                progress = true;
            }
        }
        return out;
    }
};

std::vector<std::string> names(const std::vector<Json>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r["eventName"]);
    return out;
}
}  // namespace streams_test

// A base for the tests' QObjects: the Orders table with a stream, and error checks.
class StreamsTestBase : public QObject {
protected:
    static void create(TestEngine& t, const std::string& view,
                       const std::string& region = "us-west-2",
                       const std::string& table = "Orders") {
        t.ok("CreateTable",
             {{"TableName", table},
              {"AttributeDefinitions", J(R"([{"AttributeName": "id", "AttributeType": "S"}])")},
              {"KeySchema", J(R"([{"AttributeName": "id", "KeyType": "HASH"}])")},
              {"BillingMode", "PAY_PER_REQUEST"},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view}}}},
             region);
        t.engine->advance(60'000);
    }

    static void expect_error(TestEngine& t, const std::string& op, const Json& request,
                             const std::string& type, const std::string& message = {}) {
        auto r = t.call(op, request);
        QVERIFY2(!r.ok(), request.dump().c_str());
        QCOMPARE(QString::fromStdString(r.error->type), QString::fromStdString(type));
        if (!message.empty())
            QCOMPARE(QString::fromStdString(r.error->message), QString::fromStdString(message));
    }
};
