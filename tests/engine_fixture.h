#pragma once

// A deterministic engine for tests: manual mode (nothing runs unless the test drives
// it), a ManualClock, and a fresh data directory.

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <string>

#include "tablespan/engine.h"

struct TestEngine {
    QTemporaryDir dir;
    std::shared_ptr<tablespan::ManualClock> clock = std::make_shared<tablespan::ManualClock>();
    std::unique_ptr<tablespan::Engine> engine;

    // Changes the options of every open() (e.g. a small item collection limit).
    std::function<void(tablespan::EngineOptions&)> configure;

    TestEngine() { open(); }
    explicit TestEngine(std::function<void(tablespan::EngineOptions&)> configure_options)
        : configure(std::move(configure_options)) {
        open();
    }

    void open() {
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.clock = clock;
        options.threads = 0;
        if (configure) configure(options);
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
        tablespan::Json defs =
            tablespan::Json::array({{{"AttributeName", pk}, {"AttributeType", pk_type}}});
        tablespan::Json keys =
            tablespan::Json::array({{{"AttributeName", pk}, {"KeyType", "HASH"}}});
        if (!sk.empty()) {
            defs.push_back({{"AttributeName", sk}, {"AttributeType", sk_type}});
            keys.push_back({{"AttributeName", sk}, {"KeyType", "RANGE"}});
        }
        ok("CreateTable",
           {{"TableName", name},
            {"AttributeDefinitions", defs},
            {"KeySchema", keys},
            {"BillingMode", "PAY_PER_REQUEST"}},
           region);
        engine->advance(60'000);
    }
};

// Compares two JSON values (or anything a Json can be made from); on failure shows both.
#define JCOMPARE(actual, expected)                                                              \
    do {                                                                                        \
        const tablespan::Json actual_json_ = (actual);                                          \
        const tablespan::Json expected_json_ = tablespan::Json(expected);                       \
        if (!QTest::qCompare(QString::fromStdString(actual_json_.dump()),                       \
                             QString::fromStdString(expected_json_.dump()), #actual, #expected, \
                             __FILE__, __LINE__))                                               \
            return;                                                                             \
    } while (false)

// Parses JSON written in a test table. Write "#" as \u0023 inside raw strings: moc reads
// raw strings as plain ones and would take a "#" outside its quotes for a directive.
inline tablespan::Json J(const char* text) {
    return tablespan::Json::parse(text);
}
inline tablespan::Json J(const std::string& text) {
    return tablespan::Json::parse(text);
}
