#pragma once

// What the console talks to for a region: the embedded engine, or a remote
// DynamoDB-compatible endpoint (widgets/remote/remote_backend.h). EngineBridge routes each
// call to its region's backend; the tabs do not know which one answers.

#include <string>

#include "tablespan/engine.h"

class RegionBackend {
public:
    RegionBackend() = default;
    virtual ~RegionBackend() = default;
    RegionBackend(const RegionBackend&) = delete;
    RegionBackend& operator=(const RegionBackend&) = delete;

    // Runs a DynamoDB operation in `region` (a region code such as "us-west-2");
    // `callback` runs later on a thread of the backend's own, never synchronously.
    virtual void call(const std::string& region, const std::string& operation,
                      tablespan::Json request, tablespan::ResultCallback callback) = 0;
    // True when the region has no engine events: the console polls it instead.
    virtual bool remote() const = 0;
};

// The embedded engine as a backend.
class EmbeddedBackend final : public RegionBackend {
public:
    explicit EmbeddedBackend(tablespan::Engine& engine) : m_engine(engine) {}
    void call(const std::string& region, const std::string& operation, tablespan::Json request,
              tablespan::ResultCallback callback) override {
        m_engine.call(region, operation, std::move(request), std::move(callback));
    }
    bool remote() const override { return false; }

private:
    tablespan::Engine& m_engine;
};
