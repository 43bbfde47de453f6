#include "remote/remote_backend.h"

#include <utility>

RemoteBackend::RemoteBackend(std::unique_ptr<tablespan::RemoteClient> client)
    : m_client(std::move(client)) {}

void RemoteBackend::call(const std::string& region, const std::string& operation,
                         tablespan::Json request, tablespan::ResultCallback callback) {
    m_client->call(region, operation, std::move(request), std::move(callback));
}

void RemoteBackend::setObserver(std::function<void(const tablespan::RemoteCallRecord&)> observer) {
    m_client->set_observer(std::move(observer));
}
