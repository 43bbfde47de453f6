#pragma once

// A remote endpoint as a region backend: Amazon DynamoDB, DynamoDB Local, ScyllaDB
// Alternator or a shared headless Tablespan, reached through tablespan::RemoteClient.

#include <functional>
#include <memory>

#include "common/region_backend.h"
#include "tablespan/remote_client.h"

class RemoteBackend final : public RegionBackend {
public:
    explicit RemoteBackend(std::unique_ptr<tablespan::RemoteClient> client);
    void call(const std::string& region, const std::string& operation, tablespan::Json request,
              tablespan::ResultCallback callback) override;
    bool remote() const override { return true; }

    // Called on the client's thread after every call (for the Activity dock).
    void setObserver(std::function<void(const tablespan::RemoteCallRecord&)> observer);
    tablespan::RemoteClient& client() { return *m_client; }

private:
    std::unique_ptr<tablespan::RemoteClient> m_client;
};
