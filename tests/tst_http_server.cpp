// The DynamoDB HTTP endpoint, spoken to over real sockets as an SDK would: the wire
// protocol, region routing and error bodies (connections: tst_http_connections).

#include <QTest>

#include <condition_variable>
#include <mutex>

#include "http_test_fixture.h"

using namespace http_test;

class TstHttpServer : public HttpServerTestBase {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

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
        row("streams operation, dynamodb prefix", "DynamoDB_20120810.GetRecords", "{}", "us-west-2",
            coral + "UnknownOperationException", "");
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
};

QTEST_APPLESS_MAIN(TstHttpServer)
#include "tst_http_server.moc"
