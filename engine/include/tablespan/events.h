#pragma once

#include <cstdint>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan {

// A table's status changed in a region (CREATING → ACTIVE, …; "" when it is gone).
struct TableStatusChanged {
    std::string region;
    std::string table;
    std::string status;
};

// A request finished: what the Activity dock lists.
struct RequestCompleted {
    Millis time = 0;  // engine time at completion
    std::string region;
    std::string operation;
    std::string table;       // the table it names; a batch's tables joined by ", "
    double duration_ms = 0;  // wall time spent, queueing and commit included
    std::string error_type;  // empty on success
    std::string error_message;
};

// Items were written in a region (by a request or, later, by replication).
struct ItemsChanged {
    std::string region;
    std::string table;
    std::int64_t count = 0;
};

// One change of a ReplicationDelivered batch.
struct DeliveredItem {
    Json key;               // the item's key as the API returns keys: {"id": {"S": "c1"}, …}
    bool deleted = false;   // a delete (tombstone) rather than a put
    double latency_ms = 0;  // applied in the destination minus committed at the source
};

// A ReplicationDelivered event lists at most this many of its changes.
inline constexpr std::size_t kDeliveredItemsMax = 200;

// A batch of replicated changes was applied (committed) in `destination`.
struct ReplicationDelivered {
    Millis time = 0;  // engine time of the apply
    std::string table;
    std::string source;
    std::string destination;
    std::int64_t items = 0;
    double latency_min_ms = 0;
    double latency_avg_ms = 0;
    double latency_max_ms = 0;
    std::int64_t pending = 0;  // changes still waiting on the link after this batch
    // The batch's first kDeliveredItemsMax changes, in the order they were applied.
    // Every change is listed, including one that lost last-writer-wins to a newer
    // version already here.
    std::vector<DeliveredItem> delivered = {};
};

// The network simulation changed: a region went offline or online, a link was cut or
// healed, a latency changed.
struct NetworkChanged {};

using EngineEvent = std::variant<TableStatusChanged, RequestCompleted, ItemsChanged,
                                 ReplicationDelivered, NetworkChanged>;

// Fan-out of engine events. Subscribers are called on engine threads, synchronously,
// and must return quickly (post to their own thread and return). Thread-safe.
class EventBus {
public:
    using Subscriber = std::function<void(const EngineEvent&)>;
    // Returns an id for unsubscribe().
    int subscribe(Subscriber s);
    // Once it returns, the subscriber is not running and will not be called again, so
    // what it captured may go. Called from inside a subscriber it does not wait (it
    // could be waiting for itself): it only stops later calls.
    void unsubscribe(int id);
    void publish(const EngineEvent& e) const;

private:
    // An immutable snapshot: publish() calls a list without copying it or holding the
    // lock; subscribe() and unsubscribe() replace it.
    struct List {
        std::vector<std::pair<int, Subscriber>> subscribers;
        mutable int publishing = 0;  // guarded by EventBus::mutex_
    };

    mutable std::mutex mutex_;
    mutable std::condition_variable done_publishing_;
    int next_id_ = 1;                                              // guarded by mutex_
    std::shared_ptr<const List> list_ = std::make_shared<List>();  // guarded by mutex_
};

}  // namespace tablespan
