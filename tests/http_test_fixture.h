#pragma once

// The endpoint tests' set-up: an engine (time at 1000x) and its HTTP server on a free
// port with the table Courses, an SDK-like client over real sockets, and helpers.

#include <QTemporaryDir>
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

namespace http_test {
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
}  // namespace http_test

class HttpServerTestBase : public QObject {
protected:
    // Opens the engine and starts the server, with the table Courses ACTIVE.
    void startServer() {
        using namespace http_test;
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
    void stopServer() {
        m_server.reset();
        m_active.reset();
        m_engine.reset();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<tablespan::Engine> m_engine;
    std::unique_ptr<http_test::ActiveTables> m_active;
    std::unique_ptr<tablespan::HttpServer> m_server;
};
