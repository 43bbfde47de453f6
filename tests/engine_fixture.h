#pragma once

// A deterministic engine for tests: manual mode (nothing runs unless the test drives
// it), a ManualClock, and a fresh data directory.

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

#include "tablespan/engine.h"

struct TestEngine {
    QTemporaryDir dir;
    std::shared_ptr<tablespan::ManualClock> clock = std::make_shared<tablespan::ManualClock>();
    std::unique_ptr<tablespan::Engine> engine;

    TestEngine() { open(); }

    void open() {
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.clock = clock;
        options.threads = 0;
        std::string error;
        engine = tablespan::Engine::open(options, &error);
        if (!engine) qFatal("cannot open engine: %s", error.c_str());
    }
    void reopen() {
        engine.reset();
        open();
    }

    tablespan::Result call(const std::string& op, const tablespan::Json& request,
                           const std::string& region = "us-west-2") {
        return engine->call_sync(region, op, request);
    }

    // Calls and expects success; the failure message names the service's error.
    tablespan::Json ok(const std::string& op, const tablespan::Json& request,
                       const std::string& region = "us-west-2") {
        auto r = call(op, request, region);
        if (!r.ok())
            qFatal("%s failed: %s: %s", op.c_str(), r.error->type.c_str(),
                   r.error->message.c_str());
        return r.body;
    }

    // Creates an on-demand table and waits (engine time) until it is ACTIVE.
    void create_table(const std::string& name, const std::string& pk, const std::string& pk_type,
                      const std::string& sk = {}, const std::string& sk_type = {},
                      const std::string& region = "us-west-2") {
        tablespan::Json defs = tablespan::Json::array({{{"AttributeName", pk}, {"AttributeType", pk_type}}});
        tablespan::Json keys = tablespan::Json::array({{{"AttributeName", pk}, {"KeyType", "HASH"}}});
        if (!sk.empty()) {
            defs.push_back({{"AttributeName", sk}, {"AttributeType", sk_type}});
            keys.push_back({{"AttributeName", sk}, {"KeyType", "RANGE"}});
        }
        ok("CreateTable", {{"TableName", name}, {"AttributeDefinitions", defs},
                           {"KeySchema", keys}, {"BillingMode", "PAY_PER_REQUEST"}}, region);
        engine->advance(60'000);
    }
};

// Parses JSON written in a test table.
inline tablespan::Json J(const char* text) { return tablespan::Json::parse(text); }
