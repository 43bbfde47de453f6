#pragma once

// Reads the keys of a region's KMS through the bridge: every page of ListKeys, then
// DescribeKey for each key (ListKeys names keys only).

#include <functional>

#include <QList>
#include <QString>

#include "tablespan/json_codec.h"

class EngineBridge;
class QObject;

// Hands the KeyMetadata of every key of `region`, in ListKeys' order (oldest first), to
// `done` on the GUI thread, or the error text of a ListKeys that failed (and no keys). A
// key deleted meanwhile is left out. Nothing is called once `context` is destroyed.
void readKmsKeys(
    EngineBridge& bridge, const QObject* context, const QString& region,
    std::function<void(const QList<tablespan::Json>& keys, const QString& error)> done);
