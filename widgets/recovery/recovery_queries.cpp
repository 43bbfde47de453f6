#include "recovery/recovery_queries.h"

#include <QMetaObject>
#include <QPointer>

#include "common/engine_bridge.h"

namespace {
// Wraps `done` for an engine callback: posts it to the GUI thread through the bridge.
template <class T>
std::function<void(T)> onGuiThread(EngineBridge& bridge, const QObject* context,
                                   std::function<void(const T&)> done) {
    return [self = QPointer<EngineBridge>(&bridge), guard = QPointer<const QObject>(context),
            done = std::move(done)](T answer) {
        if (!self) return;
        QMetaObject::invokeMethod(
            self.data(),
            [guard, done, answer = std::move(answer)] {
                if (guard && done) done(answer);
            },
            Qt::QueuedConnection);
    };
}
}  // namespace

namespace RecoveryQueries {

void storage(EngineBridge& bridge, const QObject* context, const QString& region,
             const QString& table, std::function<void(const tablespan::PitrStorage&)> done) {
    bridge.engine().pitr_storage(
        region.toStdString(), table.toStdString(),
        onGuiThread<tablespan::PitrStorage>(bridge, context, std::move(done)));
}

void activity(EngineBridge& bridge, const QObject* context, const QString& region,
              const QString& table, tablespan::Millis from, tablespan::Millis to,
              tablespan::Millis bucketMs,
              std::function<void(const tablespan::PitrActivity&)> done) {
    bridge.engine().pitr_activity(
        region.toStdString(), table.toStdString(), from, to, bucketMs,
        onGuiThread<tablespan::PitrActivity>(bridge, context, std::move(done)));
}

}  // namespace RecoveryQueries
