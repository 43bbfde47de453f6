// The engine's event bus: every subscriber sees every event in order; unsubscribe()
// returns only once the subscriber is not running, so what it captured can go; a
// subscriber may unsubscribe itself.

#include <atomic>
#include <chrono>
#include <deque>
#include <future>
#include <thread>

#include <QTest>

#include "tablespan/events.h"

using tablespan::EngineEvent;
using tablespan::EventBus;
using tablespan::ItemsChanged;

namespace {
ItemsChanged changed(std::int64_t count) {
    return ItemsChanged{"us-west-2", "Music", count};
}

std::int64_t count_of(const EngineEvent& e) {
    return std::get<ItemsChanged>(e).count;
}
}  // namespace

class TstEventBus : public QObject {
    Q_OBJECT

private slots:
    void subscribersSeeEveryEventUntilTheyUnsubscribe() {
        EventBus bus;
        std::vector<std::int64_t> first;
        std::vector<std::int64_t> second;
        int a = bus.subscribe([&](const EngineEvent& e) { first.push_back(count_of(e)); });
        bus.subscribe([&](const EngineEvent& e) { second.push_back(count_of(e)); });
        bus.publish(changed(1));
        bus.publish(changed(2));
        bus.unsubscribe(a);
        bus.publish(changed(3));
        QCOMPARE(first, (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(second, (std::vector<std::int64_t>{1, 2, 3}));
    }

    void unsubscribeWaitsForACallUnderWay() {
        EventBus bus;
        std::promise<void> entered;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::atomic<bool> finished{false};
        int id = bus.subscribe([&](const EngineEvent&) {
            entered.set_value();
            released.wait();
            finished = true;
        });
        std::thread publisher([&] { bus.publish(changed(1)); });
        entered.get_future().wait();

        // The subscriber is running on the publisher's thread: unsubscribe must not
        // return before it is done, however long that takes.
        std::atomic<bool> finished_when_returned{false};
        auto unsubscribed = std::async(std::launch::async, [&] {
            bus.unsubscribe(id);
            finished_when_returned = finished.load();
        });
        QCOMPARE(unsubscribed.wait_for(std::chrono::milliseconds(200)),
                 std::future_status::timeout);
        release.set_value();
        unsubscribed.get();
        publisher.join();
        QVERIFY(finished_when_returned);
    }

    void aSubscriberCanUnsubscribeItself() {
        EventBus bus;
        int calls = 0;
        int id = 0;
        id = bus.subscribe([&](const EngineEvent&) {
            ++calls;
            bus.unsubscribe(id);  // must not wait for itself
        });
        bus.publish(changed(1));
        bus.publish(changed(2));
        QCOMPARE(calls, 1);
    }

    void publishingFromManyThreadsWhileSubscribersComeAndGo() {
        EventBus bus;
        std::atomic<std::int64_t> seen{0};
        bus.subscribe([&](const EngineEvent& e) { seen += count_of(e); });
        std::atomic<bool> stop{false};
        std::vector<std::thread> publishers;
        for (int t = 0; t < 2; ++t)
            publishers.emplace_back([&] {
                for (int i = 0; i < 20'000; ++i) bus.publish(changed(1));
            });
        // Subscribers that count as dead once unsubscribe() returned: a call after that
        // is a violation. The flags themselves stay allocated so reading one is safe.
        std::deque<std::atomic<bool>> alive;
        std::atomic<int> late_calls{0};
        int churned = 0;
        std::thread churn([&] {
            while (!stop || churned < 100) {
                std::atomic<bool>& flag = alive.emplace_back(true);
                int id = bus.subscribe([&flag, &late_calls](const EngineEvent&) {
                    if (!flag.load()) ++late_calls;
                });
                bus.unsubscribe(id);
                flag = false;
                ++churned;
            }
        });
        for (auto& p : publishers) p.join();
        stop = true;
        churn.join();
        QCOMPARE(seen.load(), std::int64_t{40'000});
        QCOMPARE(late_calls.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TstEventBus)
#include "tst_event_bus.moc"
