#pragma once

// The console's access to the engine's PITR extensions (Engine::pitr_storage and
// Engine::pitr_activity), which answer on an engine thread: the answers are delivered on
// the GUI thread, later, like EngineBridge::call, and dropped when `context` or the
// bridge is destroyed first.

#include <functional>

#include <QString>

#include "tablespan/engine.h"

class EngineBridge;
class QObject;

namespace RecoveryQueries {

void storage(EngineBridge& bridge, const QObject* context, const QString& region,
             const QString& table, std::function<void(const tablespan::PitrStorage&)> done);

void activity(EngineBridge& bridge, const QObject* context, const QString& region,
              const QString& table, tablespan::Millis from, tablespan::Millis to,
              tablespan::Millis bucketMs, std::function<void(const tablespan::PitrActivity&)> done);

}  // namespace RecoveryQueries
