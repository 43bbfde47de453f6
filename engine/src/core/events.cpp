#include "tablespan/events.h"

#include <algorithm>

namespace tablespan {

int EventBus::subscribe(Subscriber s) {
    std::lock_guard lock(mutex_);
    subscribers_.emplace_back(next_id_, std::move(s));
    return next_id_++;
}

void EventBus::unsubscribe(int id) {
    std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [id](const auto& p) { return p.first == id; });
}

void EventBus::publish(const EngineEvent& e) const {
    std::vector<Subscriber> copy;
    {
        std::lock_guard lock(mutex_);
        if (subscribers_.empty()) return;
        for (const auto& [id, s] : subscribers_) copy.push_back(s);
    }
    for (const auto& s : copy) s(e);
}

}  // namespace tablespan
