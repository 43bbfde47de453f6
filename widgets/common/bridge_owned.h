#pragma once

// Console state that outlives a window. The console builds its window again when the
// user switches language; the models holding what the user has seen (Activity rows,
// Monitoring counters, probe history) live with the bridge instead, so the new window
// shows the same rows.

#include <QObject>
#include <QString>

#include "common/engine_bridge.h"

// The child of `bridge` named `name`: made by `make` (which must parent it to the
// bridge and connect whatever feeds it) the first time, the same object afterwards.
template <class T, class Make>
T* bridgeOwned(EngineBridge& bridge, const QString& name, Make make) {
    if (T* existing = bridge.findChild<T*>(name, Qt::FindDirectChildrenOnly)) return existing;
    T* made = make();
    made->setObjectName(name);
    return made;
}
