#include "server/session_registry.h"

#include <vector>

namespace tablespan::server {

std::uint64_t SessionRegistry::add(std::weak_ptr<Session> session) {
    std::lock_guard lock(mutex_);
    std::uint64_t id = next_id_++;
    sessions_.emplace(id, std::move(session));
    return id;
}

void SessionRegistry::remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
    if (sessions_.empty()) emptied_.notify_all();
}

std::size_t SessionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SessionRegistry::for_each(const std::function<void(Session&)>& fn) const {
    std::vector<std::shared_ptr<Session>> alive;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, weak] : sessions_)
            if (auto s = weak.lock()) alive.push_back(std::move(s));
    }
    for (const auto& s : alive) fn(*s);
}

void SessionRegistry::wait_until_empty() const {
    std::unique_lock lock(mutex_);
    emptied_.wait(lock, [this] { return sessions_.empty(); });
}

}  // namespace tablespan::server
