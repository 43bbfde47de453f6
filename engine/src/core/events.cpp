#include "tablespan/events.h"

#include <utility>

namespace tablespan {

namespace {
// How many publish() calls this thread is inside (a subscriber that unsubscribes).
thread_local int publishing_here = 0;
}  // namespace

int EventBus::subscribe(Subscriber s) {
    std::lock_guard lock(mutex_);
    auto list = std::make_shared<List>();
    list->subscribers = list_->subscribers;
    list->subscribers.emplace_back(next_id_, std::move(s));
    list_ = std::move(list);
    return next_id_++;
}

void EventBus::unsubscribe(int id) {
    std::unique_lock lock(mutex_);
    auto list = std::make_shared<List>();
    for (const auto& entry : list_->subscribers)
        if (entry.first != id) list->subscribers.push_back(entry);
    std::shared_ptr<const List> old = std::exchange(list_, std::move(list));
    // Publishes that took the old list may be calling the subscriber right now. One on
    // this very thread is the subscriber itself, which cannot be waited for.
    if (publishing_here == 0) done_publishing_.wait(lock, [&] { return old->publishing == 0; });
}

void EventBus::publish(const EngineEvent& e) const {
    std::shared_ptr<const List> list;
    {
        std::lock_guard lock(mutex_);
        if (list_->subscribers.empty()) return;
        list = list_;
        ++list->publishing;
    }
    ++publishing_here;
    struct Done {
        const EventBus& bus;
        const List& list;
        ~Done() {
            --publishing_here;
            std::lock_guard lock(bus.mutex_);
            if (--list.publishing == 0) bus.done_publishing_.notify_all();
        }
    } done{*this, *list};
    for (const auto& [id, s] : list->subscribers) s(e);
}

}  // namespace tablespan
