#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace tablespan::server {

class Session;

// The open connections, so that a graceful stop can reach each and wait for the last
// one to end. Thread-safe.
class SessionRegistry {
public:
    // Returns the id that remove() takes.
    std::uint64_t add(std::weak_ptr<Session> session);
    void remove(std::uint64_t id);
    std::size_t size() const;
    // Calls `fn` for every session still alive (outside the lock).
    void for_each(const std::function<void(Session&)>& fn) const;
    // Blocks until no session is left.
    void wait_until_empty() const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable emptied_;
    std::uint64_t next_id_ = 1;                                 // guarded by mutex_
    std::map<std::uint64_t, std::weak_ptr<Session>> sessions_;  // guarded by mutex_
};

}  // namespace tablespan::server
