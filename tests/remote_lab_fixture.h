#pragma once

// A shared lab server for the remote-region tests: its own engine (time at 1000x, two
// threads) behind an HTTP endpoint that checks SigV4 signatures, serving eu-west-1; and a
// RemoteClient signed with its keys, for EngineBridge::addConnection.

#include <QTemporaryDir>
#include <QTest>

#include <initializer_list>
#include <map>
#include <memory>
#include <string>

#include "tablespan/engine.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"

struct RemoteLab {
    static constexpr const char* kKey = "AKIDSHAREDLAB";
    static constexpr const char* kSecret = "shared/lab/secret";

    QTemporaryDir dir;
    std::unique_ptr<tablespan::Engine> engine;
    std::unique_ptr<tablespan::HttpServer> server;

    RemoteLab() {
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
        options.threads = 2;
        std::string error;
        engine = tablespan::Engine::open(options, &error);
        if (!engine) qFatal("cannot open the lab engine: %s", error.c_str());
        tablespan::HttpServerOptions serverOptions;
        serverOptions.port = 0;
        serverOptions.credentials = std::map<std::string, std::string>{{kKey, kSecret}};
        server = std::make_unique<tablespan::HttpServer>(*engine, serverOptions);
        if (!server->start().empty()) qFatal("cannot start the lab endpoint");
    }
    ~RemoteLab() {
        server.reset();
        engine.reset();
    }
    tablespan::Result call(const std::string& op, const tablespan::Json& request) {
        return engine->call_sync("eu-west-1", op, request);
    }
    // Calls and expects success.
    tablespan::Json ok(const std::string& op, const tablespan::Json& request) {
        auto r = call(op, request);
        if (!r.ok()) qFatal("%s failed: %s", op.c_str(), r.error->message.c_str());
        return r.body;
    }
    int count(const std::string& table) {
        return ok("Scan", {{"TableName", table}, {"Select", "COUNT"}})["Count"].get<int>();
    }
    // Waits (wall time; the lab runs at 1000x) until `table` is ACTIVE.
    bool waitActive(const std::string& table) {
        return QTest::qWaitFor(
            [&] {
                return ok("DescribeTable", {{"TableName", table}})["Table"]["TableStatus"] ==
                       "ACTIVE";
            },
            30'000);
    }
    // Creates an on-demand table keyed by the string "id", with `ids` as its items, and
    // waits until it is ACTIVE.
    void createTable(const std::string& table, std::initializer_list<const char*> ids = {}) {
        ok("CreateTable",
           {{"TableName", table},
            {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"}});
        if (!waitActive(table)) qFatal("%s did not become ACTIVE", table.c_str());
        for (const char* id : ids)
            ok("PutItem", {{"TableName", table}, {"Item", {{"id", {{"S", id}}}}}});
    }
    std::unique_ptr<tablespan::RemoteClient> client() const {
        tablespan::RemoteEndpoint endpoint;
        endpoint.url = server->url();
        endpoint.access_key_id = kKey;
        endpoint.secret_access_key = kSecret;
        return std::make_unique<tablespan::RemoteClient>(endpoint);
    }
};
