// The console's client for remote DynamoDB endpoints: requests signed as the SDKs sign
// them, the service's answers and errors passed through unchanged, network failures named
// as botocore names them, and retries as the SDKs' standard mode makes them. Against a
// real Tablespan endpoint with --require-auth over loopback, and against a scripted
// server where a failure must be made to happen on cue.

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "remote/endpoint_url.h"
#include "remote/request_signer.h"
#include "remote/retry_policy.h"
#include "server/hashes.h"
#include "server/request_auth.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"
#include "scripted_server.h"

using tablespan::Json;
using tablespan::RemoteCallRecord;
using tablespan::RemoteClient;
using tablespan::RemoteEndpoint;
using tablespan::Result;
using test_support::ScriptedServer;

namespace {
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

constexpr const char* kKey = "AKIDREMOTETEST";
constexpr const char* kSecret = "remote/test/secret/key/0123456789abcdef";

std::string text(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

Json keyTable(const std::string& name) {
    return {{"TableName", name},
            {"AttributeDefinitions",
             {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
              {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
            {"KeySchema",
             {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
              {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"StreamSpecification",
             {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}};
}

// Calls until `done` holds for the answer, for at most 30 s of wall time. The server's
// engine runs at 1000x, so a status that takes seconds of engine time takes milliseconds.
bool callUntil(RemoteClient& client, const std::string& region, const std::string& op,
               const Json& request, const std::function<bool(const Result&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline)
        if (done(client.call_sync(region, op, request))) return true;
    return false;
}

std::string replicaStatus(const Json& description, const std::string& region) {
    for (const Json& replica : description["Table"].value("Replicas", Json::array()))
        if (replica.value("RegionName", "") == region) return replica.value("ReplicaStatus", "");
    return {};
}

const std::string kThrottled =
    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
    "\"message\":\"The level of configured provisioned throughput for the table was exceeded. "
    "Consider increasing your provisioning level with the UpdateTable API.\"}";

// A remote endpoint whose retries back off by at most a few milliseconds.
RemoteEndpoint quickRetries(std::string url) {
    RemoteEndpoint endpoint;
    endpoint.url = std::move(url);
    endpoint.access_key_id = kKey;
    endpoint.secret_access_key = kSecret;
    endpoint.retry_base = std::chrono::milliseconds(1);
    endpoint.throttling_retry_base = std::chrono::milliseconds(2);
    endpoint.timeout = std::chrono::milliseconds(5000);
    return endpoint;
}

// Collects the client's call records.
struct Records {
    std::mutex mutex;
    std::vector<RemoteCallRecord> list;
    void watch(RemoteClient& client) {
        client.set_observer([this](const RemoteCallRecord& record) {
            std::lock_guard lock(mutex);
            list.push_back(record);
        });
    }
    RemoteCallRecord last() {
        std::lock_guard lock(mutex);
        return list.empty() ? RemoteCallRecord{} : list.back();
    }
};
}  // namespace

class TstRemoteClient : public QObject {
    Q_OBJECT

private slots:
    void init() {
        tablespan::EngineOptions options;
        options.data_dir = m_dir.path().toStdString() + "/" + QTest::currentTestFunction();
        options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
        options.threads = 2;
        std::string error;
        m_engine = tablespan::Engine::open(options, &error);
        QVERIFY2(m_engine, error.c_str());
        tablespan::HttpServerOptions serverOptions;
        serverOptions.port = 0;
        serverOptions.credentials = std::map<std::string, std::string>{{kKey, kSecret}};
        m_server = std::make_unique<tablespan::HttpServer>(*m_engine, serverOptions);
        const std::string started = m_server->start();
        QVERIFY2(started.empty(), started.c_str());
    }
    void cleanup() {
        m_server.reset();
        m_engine.reset();
    }

    // Create a table, write, query and back up, all through the remote path, each request
    // signed for the region it names (the endpoint checks every signature).
    void aTableIsCreatedWrittenQueriedAndBackedUpRemotely() {
        RemoteClient client(quickRetries(m_server->url()));
        Result created = client.call_sync("eu-west-1", "CreateTable", keyTable("Orders"));
        QVERIFY2(created.ok(), created.error ? created.error->message.c_str() : "");
        QCOMPARE(text(created.body["TableDescription"]["TableStatus"]), "CREATING");
        QVERIFY(callUntil(
            client, "eu-west-1", "DescribeTable", {{"TableName", "Orders"}},
            [](const Result& r) { return r.ok() && r.body["Table"]["TableStatus"] == "ACTIVE"; }));
        // The table lives in the region the signature named, and only there.
        QCOMPARE(
            client.call_sync("us-east-1", "DescribeTable", {{"TableName", "Orders"}}).error->type,
            "ResourceNotFoundException");

        for (int i = 1; i <= 3; ++i) {
            Result put = client.call_sync("eu-west-1", "PutItem",
                                          {{"TableName", "Orders"},
                                           {"Item",
                                            {{"pk", {{"S", "customer#7"}}},
                                             {"sk", {{"N", std::to_string(4 - i)}}},
                                             {"note", {{"S", "ünïcødé " + std::to_string(i)}}}}}});
            QVERIFY(put.ok());
        }
        Result query =
            client.call_sync("eu-west-1", "Query",
                             {{"TableName", "Orders"},
                              {"KeyConditionExpression", "pk = :p"},
                              {"ExpressionAttributeValues", {{":p", {{"S", "customer#7"}}}}}});
        QVERIFY(query.ok());
        QCOMPARE(query.body["Count"].get<int>(), 3);
        QCOMPARE(text(query.body["Items"][0]["sk"]["N"]), "1");
        QCOMPARE(text(query.body["Items"][0]["note"]["S"]), "ünïcødé 3");
        QCOMPARE(text(query.body["Items"][2]["sk"]["N"]), "3");

        Result backup = client.call_sync("eu-west-1", "CreateBackup",
                                         {{"TableName", "Orders"}, {"BackupName", "nightly"}});
        QVERIFY2(backup.ok(), backup.error ? backup.error->message.c_str() : "");
        QCOMPARE(text(backup.body["BackupDetails"]["BackupName"]), "nightly");
        Result backups = client.call_sync("eu-west-1", "ListBackups", {{"TableName", "Orders"}});
        QCOMPARE(backups.body["BackupSummaries"].size(), std::size_t(1));

        // A stream, through the DynamoDB Streams prefix.
        Result streams = client.call_sync("eu-west-1", "ListStreams", {{"TableName", "Orders"}});
        QVERIFY2(streams.ok(), streams.error ? streams.error->message.c_str() : "");
        QCOMPARE(streams.body["Streams"].size(), std::size_t(1));
    }

    // A replica followed to ACTIVE through the remote path, and a write that reaches it.
    void aReplicaIsFollowedToActiveRemotely() {
        RemoteClient client(quickRetries(m_server->url()));
        QVERIFY(client.call_sync("us-west-2", "CreateTable", keyTable("Carts")).ok());
        QVERIFY(callUntil(
            client, "us-west-2", "DescribeTable", {{"TableName", "Carts"}},
            [](const Result& r) { return r.ok() && r.body["Table"]["TableStatus"] == "ACTIVE"; }));
        Result update = client.call_sync(
            "us-west-2", "UpdateTable",
            {{"TableName", "Carts"},
             {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "ap-southeast-2"}}}}})}});
        QVERIFY2(update.ok(), update.error ? update.error->message.c_str() : "");
        QCOMPARE(replicaStatus(update.body["TableDescription"].is_null()
                                   ? Json()
                                   : Json{{"Table", update.body["TableDescription"]}},
                               "ap-southeast-2"),
                 "CREATING");
        QVERIFY(callUntil(client, "us-west-2", "DescribeTable", {{"TableName", "Carts"}},
                          [](const Result& r) {
                              return r.ok() && replicaStatus(r.body, "ap-southeast-2") == "ACTIVE";
                          }));
        QVERIFY(client
                    .call_sync("us-west-2", "PutItem",
                               {{"TableName", "Carts"},
                                {"Item", {{"pk", {{"S", "cart#1"}}}, {"sk", {{"N", "1"}}}}}})
                    .ok());
        QVERIFY(callUntil(
            client, "ap-southeast-2", "GetItem",
            {{"TableName", "Carts"}, {"Key", {{"pk", {{"S", "cart#1"}}}, {"sk", {{"N", "1"}}}}}},
            [](const Result& r) { return r.ok() && r.body.contains("Item"); }));
    }

    // The service's errors arrive as the service sent them, and are not retried.
    void theServicesErrorsArePassedThroughUnretried() {
        RemoteClient client(quickRetries(m_server->url()));
        Records records;
        records.watch(client);
        Result missing = client.call_sync(
            "us-west-2", "GetItem", {{"TableName", "Nowhere"}, {"Key", {{"pk", {{"S", "a"}}}}}});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error->type, "ResourceNotFoundException");
        QCOMPARE(missing.error->message, "Requested resource not found");
        QCOMPARE(missing.error->http_status, 400);
        QCOMPARE(records.last().attempts, 1);
        QCOMPARE(records.last().operation, "GetItem");

        Result invalid = client.call_sync("us-west-2", "CreateTable", {{"TableName", "x"}});
        QCOMPARE(invalid.error->type, "ValidationException");
        QCOMPARE(records.last().attempts, 1);

        // A wrong secret: the endpoint's own signature error.
        RemoteEndpoint wrong = quickRetries(m_server->url());
        wrong.secret_access_key = "not-the-secret";
        RemoteClient wrongClient(wrong);
        Result refused = wrongClient.call_sync("us-west-2", "ListTables", Json::object());
        QCOMPARE(refused.error->type, "InvalidSignatureException");
        // Unsigned: the endpoint wants a signature.
        RemoteEndpoint unsigned_ = quickRetries(m_server->url());
        unsigned_.access_key_id.clear();
        RemoteClient unsignedClient(unsigned_);
        QCOMPARE(unsignedClient.call_sync("us-west-2", "ListTables", Json::object()).error->type,
                 "MissingAuthenticationTokenException");
    }

    // Many calls at once share a few kept-alive connections and all get their answers.
    void concurrentCallsAllComeBack() {
        RemoteClient client(quickRetries(m_server->url()));
        QVERIFY(client.call_sync("us-west-2", "CreateTable", keyTable("Parallel")).ok());
        QVERIFY(callUntil(
            client, "us-west-2", "DescribeTable", {{"TableName", "Parallel"}},
            [](const Result& r) { return r.ok() && r.body["Table"]["TableStatus"] == "ACTIVE"; }));
        constexpr int kCalls = 200;
        std::atomic<int> ok{0};
        std::atomic<int> done{0};
        for (int i = 0; i < kCalls; ++i)
            client.call("us-west-2", "PutItem",
                        {{"TableName", "Parallel"},
                         {"Item", {{"pk", {{"S", "p"}}}, {"sk", {{"N", std::to_string(i)}}}}}},
                        [&](Result r) {
                            if (r.ok()) ++ok;
                            ++done;
                        });
        QTRY_COMPARE_WITH_TIMEOUT(done.load(), kCalls, 30000);
        QCOMPARE(ok.load(), kCalls);
        QCOMPARE(client.calls_in_flight(), std::size_t(0));
        Result count =
            client.call_sync("us-west-2", "Scan", {{"TableName", "Parallel"}, {"Select", "COUNT"}});
        QCOMPARE(count.body["Count"].get<int>(), kCalls);
    }

    // Nothing listens: botocore's EndpointConnectionError, retried, with the reason.
    void anUnreachableEndpointIsAnEndpointConnectionError() {
        std::uint16_t port = 0;
        {
            net::io_context io;
            tcp::acceptor probe(io, {net::ip::make_address("127.0.0.1"), 0});
            port = probe.local_endpoint().port();
        }  // closed again: nothing listens there now
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        RemoteClient client(quickRetries(url));
        Records records;
        records.watch(client);
        Result r = client.call_sync("us-west-2", "ListTables", Json::object());
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, "EndpointConnectionError");
        QCOMPARE(r.error->message, "Could not connect to the endpoint URL: \"" + url + "/\"");
        QCOMPARE(r.error->http_status, 0);
        QVERIFY(r.error->extra.contains("reason"));
        QCOMPARE(records.last().attempts, 3);
    }

    // Throttling and 5xx answers are retried up to the standard mode's three attempts.
    void throttlingAndServerErrorsAreRetried() {
        {
            ScriptedServer server({{400, kThrottled},
                                   {500, R"({"__type":"InternalServerError"})"},
                                   {200, R"({"TableNames":["A"]})"}});
            RemoteClient client(quickRetries(server.url()));
            Records records;
            records.watch(client);
            Result r = client.call_sync("us-west-2", "ListTables", Json::object());
            QVERIFY(r.ok());
            QCOMPARE(text(r.body["TableNames"][0]), "A");
            QCOMPARE(server.requests(), 3);
            QCOMPARE(records.last().attempts, 3);
        }
        {
            // Still throttled after three attempts: the service's error, as the SDKs give up.
            ScriptedServer server(
                {{400, kThrottled}, {400, kThrottled}, {400, kThrottled}, {200, "{}"}});
            RemoteClient client(quickRetries(server.url()));
            Result r = client.call_sync("us-west-2", "ListTables", Json::object());
            QCOMPARE(r.error->type, "ProvisionedThroughputExceededException");
            QVERIFY(r.error->message.rfind("The level of configured provisioned throughput", 0) ==
                    0);
            QCOMPARE(server.requests(), 3);
        }
        {
            // A validation error is final at once.
            ScriptedServer server({{400,
                                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                                    "\"message\":\"bad\"}"},
                                   {200, "{}"}});
            RemoteClient client(quickRetries(server.url()));
            Result r = client.call_sync("us-west-2", "ListTables", Json::object());
            QCOMPARE(r.error->type, "ValidationException");
            QCOMPARE(r.error->message, "bad");
            QCOMPARE(server.requests(), 1);
        }
    }

    // An answer whose x-amz-crc32 does not match its body is not believed (botocore
    // checks DynamoDB's checksum), and is retried.
    void aCorruptAnswerIsRetried() {
        ScriptedServer server(
            {{200, R"({"TableNames":["Corrupt"]})", true}, {200, R"({"TableNames":["Good"]})"}});
        RemoteClient client(quickRetries(server.url()));
        Result r = client.call_sync("us-west-2", "ListTables", Json::object());
        QVERIFY(r.ok());
        QCOMPARE(text(r.body["TableNames"][0]), "Good");
        QCOMPARE(server.requests(), 2);
    }

    // A kept-alive connection the server closed meanwhile costs no retry: the next call
    // reconnects and succeeds at its first attempt.
    void aConnectionClosedWhileIdleIsReplaced() {
        ScriptedServer server(
            {{200, R"({"TableNames":[]})", false, true}, {200, R"({"TableNames":["Again"]})"}});
        RemoteClient client(quickRetries(server.url()));
        Records records;
        records.watch(client);
        QVERIFY(client.call_sync("us-west-2", "ListTables", Json::object()).ok());
        Result again = client.call_sync("us-west-2", "ListTables", Json::object());
        QVERIFY(again.ok());
        QCOMPARE(text(again.body["TableNames"][0]), "Again");
        QCOMPARE(records.last().attempts, 1);
        QCOMPARE(server.connections(), 2);
    }

    // The retry quota: while an endpoint is down, a client stops retrying once the bucket
    // is spent, and successes refill it.
    void theRetryQuotaEmptiesAndRefills() {
        using tablespan::remote::RetryKind;
        using tablespan::remote::RetryQuota;
        RetryQuota quota;
        int cost = 0;
        int retries = 0;
        while (quota.acquire(RetryKind::Transient, &cost)) ++retries;
        QCOMPARE(retries, RetryQuota::kCapacity / RetryQuota::kRetryCost);
        QVERIFY(!quota.acquire(RetryKind::Timeout, &cost));
        quota.release(RetryQuota::kTimeoutCost);
        QVERIFY(quota.acquire(RetryKind::Timeout, &cost));
        QCOMPARE(cost, RetryQuota::kTimeoutCost);
        quota.release(0);
        QCOMPARE(quota.available(), RetryQuota::kNoRetryIncrement);
    }

    void backoffIsExponentialWithFullJitter() {
        using namespace std::chrono_literals;
        using tablespan::remote::backoff;
        using tablespan::remote::RetryKind;
        QCOMPARE(backoff(1, RetryKind::Transient, 100ms, 500ms, 20s, 1.0), 100ms);
        QCOMPARE(backoff(3, RetryKind::Transient, 100ms, 500ms, 20s, 1.0), 400ms);
        QCOMPARE(backoff(3, RetryKind::Throttling, 100ms, 500ms, 20s, 1.0), 2000ms);
        QCOMPARE(backoff(3, RetryKind::Throttling, 100ms, 500ms, 20s, 0.5), 1000ms);
        QCOMPARE(backoff(30, RetryKind::Transient, 100ms, 500ms, 20s, 1.0), 20s);
        QCOMPARE(backoff(2, RetryKind::Transient, 100ms, 500ms, 20s, 0.0), 0ms);
    }

    // The signer's output passes the endpoint's verifier, and it reproduces the AWS SigV4
    // test suite's get-vanilla signature.
    void requestsAreSignedAsTheSdksSignThem() {
        using namespace tablespan;
        http::request<http::string_body> vanilla{http::verb::get, "/", 11};
        vanilla.set(http::field::host, "example.amazonaws.com");
        const auto suiteTime = *server::parse_amz_date("20150830T123600Z");
        remote::sign_request(vanilla, "us-east-1", "service",
                             {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""},
                             suiteTime);
        QCOMPARE(std::string(vanilla[http::field::authorization]),
                 std::string("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                             "aws4_request, SignedHeaders=host;x-amz-date, "
                             "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d7"
                             "63fbf31"));

        http::request<http::string_body> put{http::verb::post, "/", 11};
        put.set(http::field::host, "127.0.0.1:8000");
        put.set(http::field::content_type, "application/x-amz-json-1.0");
        put.set("X-Amz-Target", "DynamoDB_20120810.PutItem");
        put.body() = R"({"TableName":"Orders"})";
        put.prepare_payload();
        const auto now = std::chrono::system_clock::now();
        remote::sign_request(put, "eu-west-1", "dynamodb", {kKey, kSecret, "session-token"}, now);
        QCOMPARE(std::string(put["X-Amz-Security-Token"]), std::string("session-token"));
        const server::Credentials keys{{kKey, kSecret}};
        QVERIFY(!server::check_signature(put, keys, now).has_value());
        put.body() = R"({"TableName":"Other"})";  // a changed body no longer matches
        QCOMPARE(server::check_signature(put, keys, now)->type, "InvalidSignatureException");
    }

    void endpointUrlsAreTakenApart() {
        using tablespan::remote::fill_region;
        using tablespan::remote::parse_endpoint_url;
        std::string error;
        auto aws = parse_endpoint_url(
            fill_region("https://dynamodb.{region}.amazonaws.com", "eu-central-1"), &error);
        QVERIFY(aws);
        QVERIFY(aws->tls);
        QCOMPARE(aws->host, "dynamodb.eu-central-1.amazonaws.com");
        QCOMPARE(aws->port, "443");
        QCOMPARE(aws->host_header(), "dynamodb.eu-central-1.amazonaws.com");
        auto local = parse_endpoint_url("HTTP://[::1]:8000/dynamo", &error);
        QVERIFY(local);
        QCOMPARE(local->host, "::1");
        QCOMPARE(local->host_header(), "[::1]:8000");
        QCOMPARE(local->target, "/dynamo");
        QVERIFY(!parse_endpoint_url("ftp://host", &error));
        QCOMPARE(error, "The endpoint URL must start with http:// or https://.");
        QVERIFY(!parse_endpoint_url("http://host:99999", &error));
        QCOMPARE(error, "The endpoint URL's port is not a number from 1 to 65535.");
        QVERIFY(!parse_endpoint_url("http://user:pw@host", &error));

        // Amazon's Streams and KMS hosts; other endpoints serve all three themselves.
        using tablespan::remote::service_url;
        const std::string amazon = "https://dynamodb.eu-west-1.amazonaws.com";
        QCOMPARE(service_url(amazon, "dynamodb"), amazon);
        QCOMPARE(service_url(amazon, "streams"),
                 std::string("https://streams.dynamodb.eu-west-1.amazonaws.com"));
        QCOMPARE(service_url(amazon, "kms"), std::string("https://kms.eu-west-1.amazonaws.com"));
        QCOMPARE(service_url("https://dynamodb.cn-north-1.amazonaws.com.cn:443/", "kms"),
                 std::string("https://kms.cn-north-1.amazonaws.com.cn:443/"));
        QCOMPARE(service_url("http://127.0.0.1:8000", "streams"),
                 std::string("http://127.0.0.1:8000"));
        QCOMPARE(service_url("https://dynamodb.example.com", "kms"),
                 std::string("https://dynamodb.example.com"));

        RemoteClient client(quickRetries("gopher://nowhere"));
        Result r = client.call_sync("us-west-2", "ListTables", Json::object());
        QCOMPARE(r.error->type, "InvalidEndpointURL");
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<tablespan::Engine> m_engine;
    std::unique_ptr<tablespan::HttpServer> m_server;
};

QTEST_APPLESS_MAIN(TstRemoteClient)
#include "tst_remote_client.moc"
