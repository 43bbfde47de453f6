// The HTTP endpoint's connections: oversized requests, keep-alive, many concurrent
// connections and a graceful stop that finishes the request in flight.

#include <QTest>

#include <atomic>
#include <thread>

#include "http_test_fixture.h"

using namespace http_test;

class TstHttpConnections : public HttpServerTestBase {
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

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
};

QTEST_APPLESS_MAIN(TstHttpConnections)
#include "tst_http_connections.moc"
