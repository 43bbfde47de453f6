#include "kms/kms_key_list.h"

#include <memory>

#include <QStringList>

#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
struct Reading {
    EngineBridge& bridge;
    const QObject* context;
    QString region;
    std::function<void(const QList<Json>&, const QString&)> done;
    QStringList ids;
    QList<Json> keys;
};

void describeNext(const std::shared_ptr<Reading>& r) {
    if (r->ids.isEmpty()) return r->done(r->keys, {});
    const QString id = r->ids.takeFirst();
    r->bridge.call(r->context, r->region, QStringLiteral("kms:DescribeKey"),
                   {{"KeyId", id.toStdString()}}, [r](const tablespan::Result& result) {
                       if (result.ok()) r->keys.append(result.body["KeyMetadata"]);
                       describeNext(r);
                   });
}

void listFrom(const std::shared_ptr<Reading>& r, const QString& marker) {
    Json request = {{"Limit", 1000}};
    if (!marker.isEmpty()) request["Marker"] = marker.toStdString();
    r->bridge.call(r->context, r->region, QStringLiteral("kms:ListKeys"), request,
                   [r](const tablespan::Result& result) {
                       if (!result.ok()) return r->done({}, EngineBridge::errorText(result));
                       for (const Json& k : result.body.value("Keys", Json::array()))
                           r->ids << QString::fromStdString(k.value("KeyId", ""));
                       if (result.body.value("Truncated", false))
                           return listFrom(
                               r, QString::fromStdString(result.body.value("NextMarker", "")));
                       describeNext(r);
                   });
}
}  // namespace

void readKmsKeys(EngineBridge& bridge, const QObject* context, const QString& region,
                 std::function<void(const QList<Json>&, const QString&)> done) {
    listFrom(std::make_shared<Reading>(Reading{bridge, context, region, std::move(done), {}, {}}),
             {});
}
