// The DynamoDB HTTP endpoint, spoken to over real sockets as an SDK would: the wire
// protocol, region routing and error bodies, the health probe, HTTPS and who may listen
// where (connections: tst_http_connections).

#include <QTest>

#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>

#include "http_test_fixture.h"
#include "https_test_fixture.h"

using namespace http_test;
using https_test::Certificates;
using https_test::TlsClient;

namespace {
const std::map<std::string, std::string> kKeys = {{"AKIDREMOTE", "remote-secret"}};

http::request<http::string_body> healthProbe(const std::string& target = "/health") {
    http::request<http::string_body> get{http::verb::get, target, 11};
    get.set(http::field::host, "localhost");
    return get;
}
}  // namespace

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
    void healthAnswersForTheEndpoint() {
        Client client(m_server->port());
        Response res = client.send(healthProbe());
        QCOMPARE(res.result_int(), 200u);
        QCOMPARE(str(res[http::field::content_type]), "application/json");
        const Json body = bodyOf(res);
        JCOMPARE(body["status"], "ok");
        JCOMPARE(body["tls"], false);
        JCOMPARE(body["authentication"], "none");
        JCOMPARE(body["defaultRegion"], "us-east-1");
        QVERIFY(body["connections"].get<int>() >= 1);
        QVERIFY(body["uptimeSeconds"].get<int>() >= 0);
        // What exists stays private: the server holds the table Courses.
        QVERIFY2(res.body().find("Courses") == std::string::npos, res.body().c_str());

        // Probes may add a query string; other paths keep the service's answer.
        QCOMPARE(client.send(healthProbe("/health?probe=1")).result_int(), 200u);
        Response other = client.send(healthProbe("/healthz"));
        QCOMPARE(other.result_int(), 200u);
        QCOMPARE(other.body(), "healthy: dynamodb.us-east-1.amazonaws.com");
    }

    void healthNeedsNoSignature() {
        tablespan::HttpServer secured(*m_engine, {.port = 0, .credentials = kKeys});
        QCOMPARE(secured.start(), std::string());
        // A DynamoDB request not signed by the key pair is refused...
        Response refused = Client(secured.port()).call("ListTables", Json::object());
        QCOMPARE(refused.result_int(), 400u);
        QVERIFY(!bodyOf(refused)["__type"].get<std::string>().empty());
        // ...the probe, which carries no signature at all, is answered.
        Response health = Client(secured.port()).send(healthProbe());
        QCOMPARE(health.result_int(), 200u);
        JCOMPARE(bodyOf(health)["status"], "ok");
        JCOMPARE(bodyOf(health)["authentication"], "sigv4");
    }

    void loopbackAddresses_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127.8.9.10") << QStringLiteral("127.8.9.10") << true;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("v4-mapped") << QStringLiteral("::ffff:127.0.0.1") << true;
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("any v4") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("any v6") << QStringLiteral("::") << false;
        QTest::newRow("private") << QStringLiteral("192.168.1.20") << false;
        QTest::newRow("v4-mapped private") << QStringLiteral("::ffff:10.0.0.1") << false;
        QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
        QTest::newRow("host name") << QStringLiteral("localhost.example.com") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void loopbackAddresses() {
        QFETCH(QString, address);
        QFETCH(bool, loopback);
        QCOMPARE(tablespan::is_loopback_address(address.toStdString()), loopback);
    }

    void onlyLoopbackServesWithoutCredentials() {
        tablespan::HttpServer everyone(*m_engine, {.address = "0.0.0.0", .port = 0});
        QCOMPARE(everyone.start(),
                 "refusing to serve 0.0.0.0:0 without checking signatures: an address other than "
                 "loopback needs credentials");
        QVERIFY(!everyone.running());
        tablespan::HttpServer everyoneV6(*m_engine, {.address = "::", .port = 0});
        QVERIFY(everyoneV6.start().find("refusing to serve [::]:0 without checking") == 0);

        // With credentials it serves, on every interface, loopback included.
        tablespan::HttpServer shared(*m_engine,
                                     {.address = "0.0.0.0", .port = 0, .credentials = kKeys});
        const std::string started = shared.start();
        QVERIFY2(started.empty(), started.c_str());
        QCOMPARE(shared.url(), "http://0.0.0.0:" + std::to_string(shared.port()));
        QCOMPARE(Client(shared.port()).send(healthProbe()).result_int(), 200u);

        // "localhost" is loopback, and means 127.0.0.1.
        tablespan::HttpServer local(*m_engine, {.address = "localhost", .port = 0});
        QCOMPARE(local.start(), std::string());
        QCOMPARE(local.url(), "http://127.0.0.1:" + std::to_string(local.port()));
    }

    void httpsWithACertificate() {
        Certificates certificates;
        QCOMPARE(https_test::makeCertificates(m_dir.path(), QStringLiteral("tls"), &certificates),
                 QString());
        tablespan::HttpServer server(
            *m_engine, {.port = 0,
                        .tls_certificate_chain_file = certificates.chain.toStdString(),
                        .tls_private_key_file = certificates.key.toStdString()});
        const std::string started = server.start();
        QVERIFY2(started.empty(), started.c_str());
        QCOMPARE(server.url(), "https://127.0.0.1:" + std::to_string(server.port()));

        // A client that trusts the test CA only and checks the name 127.0.0.1.
        TlsClient client(server.port(), certificates.ca);
        const Json key = {{"pk", {{"S", "over-tls"}}}};
        QCOMPARE(client.call("PutItem", {{"TableName", "Courses"}, {"Item", key}}).result_int(),
                 200u);
        Response got = client.call("GetItem", {{"TableName", "Courses"}, {"Key", key}});
        QCOMPARE(got.result_int(), 200u);
        JCOMPARE(bodyOf(got)["Item"], key);
        QCOMPARE(str(got["x-amz-crc32"]), std::to_string(referenceCrc32(got.body())));
        Response health = client.send(healthProbe());
        QCOMPARE(health.result_int(), 200u);
        JCOMPARE(bodyOf(health)["tls"], true);

        // The verification is real: a client trusting another CA refuses the server.
        Certificates other;
        QCOMPARE(https_test::makeCertificates(m_dir.path(), QStringLiteral("other"), &other),
                 QString());
        std::string refusal;
        try {
            TlsClient stranger(server.port(), other.ca);
        } catch (const boost::system::system_error& e) {
            refusal = e.what();
        }
        QVERIFY2(refusal.find("certificate verify failed") != std::string::npos, refusal.c_str());

        // Plain HTTP to the HTTPS port: the connection is closed without an answer.
        std::ostringstream request;
        request << dynamo_request("ListTables", "{}", "us-west-2");
        const std::string answer = https_test::plainExchange(server.port(), request.str());
        QVERIFY2(answer.find("HTTP/") == std::string::npos, answer.c_str());
        QVERIFY(answer.find("TableNames") == std::string::npos);

        // None of that hurt the server. A graceful stop ends an idle TLS connection and one
        // that has not begun its handshake.
        QCOMPARE(TlsClient(server.port(), certificates.ca)
                     .call("ListTables", Json::object())
                     .result_int(),
                 200u);
        Client handshaking(server.port());
        server.stop();
        QCOMPARE(server.connections(), std::size_t(0));
        QVERIFY(handshaking.closedByServer());
    }

    void badTlsFilesAreReported() {
        Certificates certificates;
        QCOMPARE(https_test::makeCertificates(m_dir.path(), QStringLiteral("files"), &certificates),
                 QString());
        Certificates other;
        QCOMPARE(https_test::makeCertificates(m_dir.path(), QStringLiteral("mismatch"), &other),
                 QString());
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.key"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a key\n");
        file.close();
        const std::string chain = certificates.chain.toStdString();
        const std::string missing = m_dir.filePath(QStringLiteral("missing.pem")).toStdString();

        QCOMPARE(
            startError(chain, garbage.toStdString())
                .rfind("cannot use the TLS private key file '" + garbage.toStdString() + "': ", 0),
            std::size_t(0));
        QCOMPARE(startError(missing, certificates.key.toStdString()),
                 "cannot use the TLS certificate chain file '" + missing +
                     "': No such file or directory");
        QCOMPARE(startError(chain, other.key.toStdString()),
                 "the TLS private key '" + other.key.toStdString() +
                     "' does not belong to the certificate in '" + chain + "'");
        QCOMPARE(startError(chain, ""),
                 "TLS needs both a certificate chain file and a private key file");
        // A key that is a certificate: unreadable as a key.
        QVERIFY(startError(chain, chain).find("cannot use the TLS private key file") == 0);
    }

private:
    // What start() says for a server with these TLS files; the server must not run.
    std::string startError(const std::string& chain, const std::string& key) {
        tablespan::HttpServer server(
            *m_engine,
            {.port = 0, .tls_certificate_chain_file = chain, .tls_private_key_file = key});
        std::string error = server.start();
        if (server.running()) error = "started";
        return error;
    }
};

// Not app-less: the certificates are made with QProcess.
QTEST_GUILESS_MAIN(TstHttpServer)
#include "tst_http_server.moc"
