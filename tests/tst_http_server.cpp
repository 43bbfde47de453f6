// The DynamoDB HTTP endpoint, spoken to over real sockets as an SDK would: the wire
// protocol, region routing, error bodies, connection handling and a graceful stop.

#include <QTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/crc.hpp>

#include "engine_fixture.h"
#include "tablespan/http_server.h"

using tablespan::Json;

namespace {
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Response = http::response<http::string_body>;

std::string str(boost::beast::string_view s) {
    return std::string(s.data(), s.size());
}

// A DynamoDB request as botocore sends it, signed (not validly) for `region`.
http::request<http::string_body> dynamo_request(const std::string& operation,
                                                const std::string& body,
                                                const std::string& region) {
    http::request<http::string_body> req{http::verb::post, "/", 11};
    req.set(http::field::host, "localhost");
    req.set(http::field::content_type, "application/x-amz-json-1.0");
    req.set("X-Amz-Target", "DynamoDB_20120810." + operation);
    req.set("X-Amz-Date", "20261121T120000Z");
    if (!region.empty())
        req.set(http::field::authorization,
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/" + region +
                    "/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                    "x-amz-target, Signature=0123456789abcdef");
    req.body() = body;
    req.prepare_payload();
    return req;
}

// One client connection, used from one thread.
class Client {
public:
    explicit Client(std::uint16_t port) {
        socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }

    Response send(http::request<http::string_body> req) {
        http::write(socket_, req);
        return receive();
    }
    Response receive() {
        Response res;
        http::read(socket_, buffer_, res);
        return res;
    }
    Response call(const std::string& operation, const Json& body,
                  const std::string& region = "us-west-2") {
        return send(dynamo_request(operation, body.dump(), region));
    }
    // True when the server has closed the connection (reads end of stream).
    bool closedByServer() {
        boost::system::error_code ec;
        Response res;
        http::read(socket_, buffer_, res, ec);
        return ec == http::error::end_of_stream || ec == net::error::eof ||
               ec == net::error::connection_reset;
    }
    tcp::endpoint localEndpoint() const { return socket_.local_endpoint(); }

private:
    net::io_context io_;
    tcp::socket socket_{io_};
    boost::beast::flat_buffer buffer_;
};

bool canConnect(std::uint16_t port) {
    net::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
}

Json bodyOf(const Response& res) {
    return Json::parse(res.body());
}

std::uint32_t referenceCrc32(const std::string& bytes) {
    boost::crc_32_type crc;
    crc.process_bytes(bytes.data(), bytes.size());
    return crc.checksum();
}

Json createTableRequest(const std::string& name) {
    return {{"TableName", name},
            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"}};
}

// Waits (on engine events, not on the wall clock) until tables become ACTIVE.
class ActiveTables {
public:
    explicit ActiveTables(tablespan::Engine& engine) : engine_(engine) {
        id_ = engine_.events().subscribe([this](const tablespan::EngineEvent& e) {
            if (auto* s = std::get_if<tablespan::TableStatusChanged>(&e);
                s && s->status == "ACTIVE") {
                std::lock_guard lock(mutex_);
                active_.insert(s->region + "/" + s->table);
                changed_.notify_all();
            }
        });
    }
    ~ActiveTables() { engine_.events().unsubscribe(id_); }
    bool wait(const std::string& region, const std::string& table) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(30),
                                 [&] { return active_.count(region + "/" + table) > 0; });
    }

private:
    tablespan::Engine& engine_;
    int id_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> active_;
};
}  // namespace

class TstHttpServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        tablespan::EngineOptions options;
        options.data_dir = m_dir.path().toStdString();
        // Table creation takes 3 s of engine time: a few milliseconds here.
        options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
        options.threads = 2;
        std::string error;
        m_engine = tablespan::Engine::open(options, &error);
        QVERIFY2(m_engine, error.c_str());
        m_active = std::make_unique<ActiveTables>(*m_engine);
        m_server = std::make_unique<tablespan::HttpServer>(*m_engine,
                                                           tablespan::HttpServerOptions{.port = 0});
        const std::string started = m_server->start();
        QVERIFY2(started.empty(), started.c_str());
        QVERIFY(m_server->port() != 0);
        QCOMPARE(m_server->url(), "http://127.0.0.1:" + std::to_string(m_server->port()));

        Client client(m_server->port());
        QCOMPARE(client.call("CreateTable", createTableRequest("Courses")).result_int(), 200u);
        QVERIFY(m_active->wait("us-west-2", "Courses"));
    }

    void cleanupTestCase() {
        m_server.reset();
        m_active.reset();
        m_engine.reset();
    }

    void aBusyPortIsReported() {
        tablespan::HttpServer second(*m_engine, {.port = m_server->port()});
        const std::string error = second.start();
        QVERIFY(!second.running());
        QVERIFY2(error.find("cannot listen on 127.0.0.1:" + std::to_string(m_server->port())) == 0,
                 error.c_str());
        // The first server is unaffected.
        QCOMPARE(Client(m_server->port()).call("ListTables", Json::object()).result_int(), 200u);
    }

    void putThenGetRoundTrips() {
        Client client(m_server->port());
        const Json item = J(R"({"pk": {"S": "c1"}, "title": {"S": "Global tables"},
            "hours": {"N": "12.5"}, "tags": {"SS": ["aws", "dynamodb"]}})");
        Response put = client.call("PutItem", {{"TableName", "Courses"}, {"Item", item}});
        QCOMPARE(put.result_int(), 200u);
        JCOMPARE(bodyOf(put), Json::object());

        Response got =
            client.call("GetItem", {{"TableName", "Courses"}, {"Key", {{"pk", {{"S", "c1"}}}}}});
        QCOMPARE(got.result_int(), 200u);
        JCOMPARE(bodyOf(got)["Item"], item);
        QCOMPARE(str(got[http::field::content_type]), "application/x-amz-json-1.0");
        const std::string id = str(got["x-amzn-RequestId"]);
        QCOMPARE(id.size(), 52u);
        QVERIFY(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos);
        QVERIFY(id != str(put["x-amzn-RequestId"]));
    }

    void crc32CoversTheExactBody() {
        Client client(m_server->port());
        // Non-ASCII text makes the body bytes differ from its character count.
        client.call("PutItem", {{"TableName", "Courses"},
                                {"Item", {{"pk", {{"S", "ü"}}}, {"t", {{"S", "東京 €"}}}}}});
        for (const Response& res :
             {client.call("GetItem", {{"TableName", "Courses"}, {"Key", {{"pk", {{"S", "ü"}}}}}}),
              client.call("DescribeTable", {{"TableName", "Missing"}})}) {
            QVERIFY(!res.body().empty());
            QCOMPARE(str(res["x-amz-crc32"]), std::to_string(referenceCrc32(res.body())));
        }
    }

    void regionComesFromTheCredentialScope() {
        Client client(m_server->port());
        QCOMPARE(
            client.call("CreateTable", createTableRequest("Sydney"), "ap-southeast-2").result_int(),
            200u);
        Response here = client.call("DescribeTable", {{"TableName", "Sydney"}}, "ap-southeast-2");
        QCOMPARE(here.result_int(), 200u);
        QVERIFY(bodyOf(here)["Table"]["TableArn"].get<std::string>().find(":ap-southeast-2:") !=
                std::string::npos);

        // The Oregon table is not visible from Sydney, and the other way round.
        Response missing =
            client.call("DescribeTable", {{"TableName", "Courses"}}, "ap-southeast-2");
        QCOMPARE(missing.result_int(), 400u);
        JCOMPARE(bodyOf(missing)["__type"],
                 "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        QCOMPARE(client.call("DescribeTable", {{"TableName", "Sydney"}}, "us-west-2").result_int(),
                 400u);

        // Unsigned requests go to the default region.
        QCOMPARE(client.call("CreateTable", createTableRequest("Virginia"), "").result_int(), 200u);
        QVERIFY(
            m_engine->call_sync("us-east-1", "DescribeTable", {{"TableName", "Virginia"}}).ok());
        QVERIFY(
            !m_engine->call_sync("us-west-2", "DescribeTable", {{"TableName", "Virginia"}}).ok());
    }

    void errorsHaveTheServiceShape_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("region");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("message");  // "*": any non-empty message
        auto row = [](const char* name, const char* target, const char* body, const char* region,
                      const std::string& type, const char* message) {
            QTest::newRow(name) << QByteArray(target) << QByteArray(body) << QByteArray(region)
                                << 400 << QByteArray::fromStdString(type) << QByteArray(message);
        };
        const std::string validate = "com.amazon.coral.validate#";
        const std::string coral = "com.amazon.coral.service#";
        const std::string dynamo = "com.amazonaws.dynamodb.v20120810#";
        row("validation", "DynamoDB_20120810.GetItem", R"({"TableName": "Courses"})", "us-west-2",
            validate + "ValidationException",
            "1 validation error detected: Value null at 'key' failed to satisfy constraint: "
            "Member must not be null");
        row("not found", "DynamoDB_20120810.DescribeTable", R"({"TableName": "Nope"})", "us-west-2",
            dynamo + "ResourceNotFoundException",
            "Requested resource not found: Table: Nope not found");
        row("bad json", "DynamoDB_20120810.ListTables", R"({"Limit": )", "us-west-2",
            coral + "SerializationException", "*");
        row("bad json, unknown target", "DynamoDB_20120810.Nothing", "{", "us-west-2",
            coral + "SerializationException", "*");
        row("empty body", "DynamoDB_20120810.ListTables", "", "us-west-2",
            coral + "SerializationException", "*");
        row("list body", "DynamoDB_20120810.ListTables", "[]", "us-west-2",
            coral + "SerializationException", "Start of list found where not expected");
        row("unknown operation", "DynamoDB_20120810.Frobnicate", "{}", "us-west-2",
            coral + "UnknownOperationException", "");
        row("no target", "", "{}", "us-west-2", coral + "UnknownOperationException", "");
        row("other service", "Kinesis_20131202.ListStreams", "{}", "us-west-2",
            coral + "UnknownOperationException", "");
        row("unknown region", "DynamoDB_20120810.ListTables", "{}", "mars-north-1",
            coral + "UnrecognizedClientException", "*");
        // DynamoDB Streams shares the endpoint under its own target prefix; each service
        // answers only its own operations.
        row("streams operation, dynamodb prefix", "DynamoDB_20120810.GetRecords", "{}",
            "us-west-2", coral + "UnknownOperationException", "");
        row("dynamodb operation, streams prefix", "DynamoDBStreams_20120810.PutItem", "{}",
            "us-west-2", coral + "UnknownOperationException", "");
        row("streams, malformed arn", "DynamoDBStreams_20120810.DescribeStream",
            R"({"StreamArn": "fake-stream"})", "us-west-2", validate + "ValidationException",
            "Invalid StreamArn");
        row("streams, no such stream", "DynamoDBStreams_20120810.DescribeStream",
            R"({"StreamArn": "arn:aws:dynamodb:us-west-2:000000000000:table/Nope/stream/2026-01-01T00:00:00.000"})",
            "us-west-2", dynamo + "ResourceNotFoundException",
            "Requested resource not found: Stream: "
            "arn:aws:dynamodb:us-west-2:000000000000:table/Nope/stream/2026-01-01T00:00:00.000 "
            "not found");
    }

    void streamsAnswerOnTheSameEndpoint() {
        Client client(m_server->port());
        auto req = dynamo_request("X", R"({"TableName": "Courses"})", "us-west-2");
        req.set("X-Amz-Target", "DynamoDBStreams_20120810.ListStreams");
        Response res = client.send(req);
        QCOMPARE(res.result_int(), 200u);
        QVERIFY(bodyOf(res)["Streams"].is_array());
    }

    void errorsHaveTheServiceShape() {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, region);
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, message);

        auto req = dynamo_request("X", body.toStdString(), region.toStdString());
        if (target.isEmpty())
            req.erase("X-Amz-Target");
        else
            req.set("X-Amz-Target", target.toStdString());
        Client client(m_server->port());
        Response res = client.send(req);
        QCOMPARE(res.result_int(), unsigned(status));
        QCOMPARE(str(res[http::field::content_type]), "application/x-amz-json-1.0");
        QCOMPARE(str(res["x-amz-crc32"]), std::to_string(referenceCrc32(res.body())));
        QCOMPARE(str(res["x-amzn-RequestId"]).size(), 52u);
        const Json json = bodyOf(res);
        JCOMPARE(json["__type"], type.toStdString());
        if (message.isEmpty())
            QVERIFY(!json.contains("message"));
        else if (message == "*")
            QVERIFY(!json["message"].get<std::string>().empty());
        else
            JCOMPARE(json["message"], message.toStdString());
        // An error leaves the connection usable.
        QCOMPARE(client.call("ListTables", Json::object()).result_int(), 200u);
    }

    void refusedRequestsAreReportedLikeOthers() {
        // What the endpoint refuses itself reaches the event bus (the console's Activity).
        std::mutex mutex;
        std::vector<tablespan::RequestCompleted> seen;
        const int id = m_engine->events().subscribe([&](const tablespan::EngineEvent& e) {
            if (auto* r = std::get_if<tablespan::RequestCompleted>(&e);
                r && !r->error_type.empty()) {
                std::lock_guard lock(mutex);
                seen.push_back(*r);
            }
        });
        Client client(m_server->port());
        auto req = dynamo_request("PutItem", "{not json", "eu-west-1");
        QCOMPARE(client.send(req).result_int(), 400u);
        auto unknown = dynamo_request("X", "{}", "us-west-2");
        unknown.set("X-Amz-Target", "Nonsense.ListTables");
        QCOMPARE(client.send(unknown).result_int(), 400u);
        m_engine->events().unsubscribe(id);

        std::lock_guard lock(mutex);
        QCOMPARE(seen.size(), 2u);
        QCOMPARE(seen[0].region, std::string("eu-west-1"));
        QCOMPARE(seen[0].operation, std::string("PutItem"));
        QCOMPARE(seen[0].error_type, std::string("SerializationException"));
        QVERIFY(!seen[0].error_message.empty());
        QCOMPARE(seen[1].operation, std::string());
        QCOMPARE(seen[1].error_type, std::string("UnknownOperationException"));
    }

    void batchesNameTheirTables() {
        // Activity lists a batch under every table it names, however it arrived.
        std::mutex mutex;
        std::condition_variable arrived;
        std::vector<tablespan::RequestCompleted> seen;
        const int id = m_engine->events().subscribe([&](const tablespan::EngineEvent& e) {
            if (auto* r = std::get_if<tablespan::RequestCompleted>(&e);
                r && r->operation == "BatchGetItem") {
                std::lock_guard lock(mutex);
                seen.push_back(*r);
                arrived.notify_all();
            }
        });
        Client client(m_server->port());
        client.call("BatchGetItem",
                    J(R"({"RequestItems": {"Courses": {"Keys": [{"pk": {"S": "cc"}}]},
                          "Absent": {"Keys": [{"pk": {"S": "cc"}}]}}})"));
        // The engine publishes the event right after it hands the answer to the endpoint,
        // so the client may have its reply a moment before the event is out.
        std::unique_lock lock(mutex);
        arrived.wait_for(lock, std::chrono::seconds(10), [&] { return !seen.empty(); });
        lock.unlock();
        m_engine->events().unsubscribe(id);
        lock.lock();
        QCOMPARE(seen.size(), 1u);
        QCOMPARE(seen[0].table, std::string("Absent, Courses"));
    }

    void errorBodyCarriesTheErrorsMembers() {
        Client client(m_server->port());
        client.call("PutItem", {{"TableName", "Courses"},
                                {"Item", J(R"({"pk": {"S": "cc"}, "v": {"N": "1"}})")}});
        Response res =
            client.call("PutItem", {{"TableName", "Courses"},
                                    {"Item", J(R"({"pk": {"S": "cc"}, "v": {"N": "2"}})")},
                                    {"ConditionExpression", "attribute_not_exists(pk)"},
                                    {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
        QCOMPARE(res.result_int(), 400u);
        JCOMPARE(bodyOf(res),
                 J(R"({"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                      "message": "The conditional request failed",
                      "Item": {"pk": {"S": "cc"}, "v": {"N": "1"}}})"));
    }

    void contentTypesAndMethods() {
        Client client(m_server->port());
        for (const char* type : {"application/x-amz-json-1.1", "application/json"}) {
            auto req = dynamo_request("ListTables", "{}", "us-west-2");
            req.set(http::field::content_type, type);
            QCOMPARE(client.send(req).result_int(), 200u);
        }
        auto untyped = dynamo_request("ListTables", "{}", "us-west-2");
        untyped.erase(http::field::content_type);
        QCOMPARE(client.send(untyped).result_int(), 200u);

        // Anything that is not a JSON POST gets the service's bare answer.
        auto text = dynamo_request("ListTables", "{}", "us-west-2");
        text.set(http::field::content_type, "text/plain");
        Response refused = client.send(text);
        QCOMPARE(refused.result_int(), 404u);
        QCOMPARE(refused.body(), "<UnknownOperationException/>\n");
        auto put = dynamo_request("ListTables", "{}", "us-west-2");
        put.method(http::verb::put);
        QCOMPARE(client.send(put).result_int(), 404u);

        // GET is the service's health check.
        http::request<http::string_body> get{http::verb::get, "/", 11};
        Response health = client.send(get);
        QCOMPARE(health.result_int(), 200u);
        QCOMPARE(health.body(), "healthy: dynamodb.us-east-1.amazonaws.com");
    }

    void oversizedRequestsAreRefused() {
        tablespan::HttpServer small(*m_engine,
                                    {.port = 0, .max_body_bytes = 1024, .max_header_bytes = 2048});
        QCOMPARE(small.start(), std::string());
        {
            Client client(small.port());
            Json item = {{"pk", {{"S", "big"}}}, {"blob", {{"S", std::string(2000, 'x')}}}};
            Response res = client.call("PutItem", {{"TableName", "Courses"}, {"Item", item}});
            QCOMPARE(res.result_int(), 413u);
            JCOMPARE(bodyOf(res)["message"], "Request body exceeds the maximum size of 1024 bytes");
            QVERIFY(!res.keep_alive());
            QVERIFY(client.closedByServer());
        }
        {
            Client client(small.port());
            auto req = dynamo_request("ListTables", "{}", "us-west-2");
            req.set("X-Padding", std::string(3000, 'p'));
            QCOMPARE(client.send(req).result_int(), 431u);
        }
        // Just under the limit is fine.
        Client client(small.port());
        Json item = {{"pk", {{"S", "big"}}}, {"blob", {{"S", std::string(900, 'x')}}}};
        QCOMPARE(client.call("PutItem", {{"TableName", "Courses"}, {"Item", item}}).result_int(),
                 200u);
        QVERIFY(!m_engine
                     ->call_sync("us-west-2", "GetItem",
                                 {{"TableName", "Courses"}, {"Key", {{"pk", {{"S", "big"}}}}}})
                     .body["Item"]
                     .empty());
    }

    void keepAliveServesManyRequestsOnOneConnection() {
        Client client(m_server->port());
        const auto local = client.localEndpoint();
        for (int i = 0; i < 25; ++i) {
            const std::string key = "ka" + std::to_string(i);
            Response res = client.call(
                "PutItem", {{"TableName", "Courses"}, {"Item", {{"pk", {{"S", key}}}}}});
            QCOMPARE(res.result_int(), 200u);
            QVERIFY(res.keep_alive());
        }
        QCOMPARE(client.localEndpoint(), local);

        // Connection: close is honoured.
        auto last = dynamo_request("ListTables", "{}", "us-west-2");
        last.keep_alive(false);
        Response res = client.send(last);
        QCOMPARE(res.result_int(), 200u);
        QVERIFY(!res.keep_alive());
        QVERIFY(client.closedByServer());
    }

    void manyConcurrentConnections() {
        constexpr int kClients = 50;
        constexpr int kRequests = 20;
        std::atomic<int> ok{0};
        std::mutex failuresMutex;
        std::vector<std::string> failures;
        std::vector<std::thread> clients;
        for (int c = 0; c < kClients; ++c) {
            clients.emplace_back([&, c] {
                try {
                    Client client(m_server->port());
                    for (int i = 0; i < kRequests; ++i) {
                        const std::string key = "c" + std::to_string(c) + "-" + std::to_string(i);
                        Json item = {{"pk", {{"S", key}}}, {"n", {{"N", std::to_string(i)}}}};
                        Response put =
                            client.call("PutItem", {{"TableName", "Courses"}, {"Item", item}});
                        Response got = client.call("GetItem", {{"TableName", "Courses"},
                                                               {"Key", {{"pk", {{"S", key}}}}},
                                                               {"ConsistentRead", true}});
                        if (put.result_int() == 200 && got.result_int() == 200 &&
                            bodyOf(got)["Item"] == item)
                            ++ok;
                        else {
                            std::lock_guard lock(failuresMutex);
                            failures.push_back(key + ": " + put.body() + " / " + got.body());
                        }
                    }
                } catch (const std::exception& e) {
                    std::lock_guard lock(failuresMutex);
                    failures.push_back(e.what());
                }
            });
        }
        for (auto& t : clients) t.join();
        QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());
        QCOMPARE(ok.load(), kClients * kRequests);
    }

    void gracefulStopFinishesTheRequestInFlight() {
        // A manual-mode engine runs nothing unless told to: the request stays in
        // flight for exactly as long as the test wants.
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        tablespan::HttpServer server(*t.engine, {.port = 0});
        QCOMPARE(server.start(), std::string());
        const std::uint16_t port = server.port();

        Client idle(port);
        QCOMPARE(idle.send(http::request<http::string_body>{http::verb::get, "/", 11}).result_int(),
                 200u);
        Client busy(port);
        http::request<http::string_body> put = dynamo_request(
            "PutItem", R"({"TableName": "Tab", "Item": {"pk": {"S": "last"}}})", "us-west-2");
        // The health check is counted in flight until its write completed.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (server.requests_in_flight() != 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        Response answer;
        std::string writeError;
        std::thread writer([&] {
            try {
                answer = busy.send(put);
            } catch (const std::exception& e) {
                writeError = e.what();
            }
        });
        // Hold the engine back until the server has read the request and called it.
        while (server.requests_in_flight() == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        const std::size_t inFlight = server.requests_in_flight();

        std::atomic<bool> stopped{false};
        std::thread stopper([&] {
            server.stop();
            stopped = true;
        });
        // New connections are refused while the stop waits for the engine.
        while (canConnect(port) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        const bool refused = !canConnect(port);
        const bool idleClosed = idle.closedByServer();
        const bool stoppedEarly = stopped;

        // Now let the engine answer; assertions come after the threads are joined.
        while (!stopped && std::chrono::steady_clock::now() < deadline) t.engine->run_pending();
        stopper.join();
        writer.join();
        QCOMPARE(inFlight, std::size_t(1));
        QVERIFY(refused);
        QVERIFY(idleClosed);
        QVERIFY(!stoppedEarly);
        QVERIFY2(writeError.empty(), writeError.c_str());
        QVERIFY(stopped);
        QCOMPARE(server.requests_in_flight(), std::size_t(0));
        QCOMPARE(server.connections(), std::size_t(0));
        QVERIFY(!server.running());
        // The answer was delivered, the connection closed after it, and the write is
        // durable.
        QCOMPARE(answer.result_int(), 200u);
        QVERIFY(!answer.keep_alive());
        QVERIFY(busy.closedByServer());
        QVERIFY(!t.ok("GetItem", {{"TableName", "Tab"}, {"Key", {{"pk", {{"S", "last"}}}}}})
                     .value("Item", Json())
                     .is_null());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<tablespan::Engine> m_engine;
    std::unique_ptr<ActiveTables> m_active;
    std::unique_ptr<tablespan::HttpServer> m_server;
};

QTEST_APPLESS_MAIN(TstHttpServer)
#include "tst_http_server.moc"
