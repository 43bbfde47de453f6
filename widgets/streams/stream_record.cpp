#include "streams/stream_record.h"

#include "common/engine_bridge.h"

#include <QDateTime>
#include <QLocale>

#include "items/item_json.h"

using tablespan::Json;

namespace {
QString textOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

// "id: a, at: 3": each key attribute with its value as a table cell shows it.
QString compactKeys(const Json& keys) {
    QStringList parts;
    for (auto it = keys.begin(); it != keys.end(); ++it)
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(it.key()),
                                              ItemJson::cellText(it.value()));
    return parts.join(QStringLiteral(", "));
}
}  // namespace

StreamRecord StreamRecord::fromJson(const Json& record, const QString& shardId) {
    StreamRecord r;
    const Json dynamodb = record.value("dynamodb", Json::object());
    auto at = dynamodb.find("ApproximateCreationDateTime");
    if (at != dynamodb.end() && at->is_number())
        r.timeMs = static_cast<qint64>(at->get<double>() * 1000);
    r.eventName = textOf(record, "eventName");
    r.keysText = compactKeys(dynamodb.value("Keys", Json::object()));
    r.sequenceNumber = textOf(dynamodb, "SequenceNumber");
    r.shardId = shardId;
    const Json identity = record.value("userIdentity", Json::object());
    r.ttlDelete = textOf(identity, "Type") == QLatin1String("Service") &&
                  textOf(identity, "PrincipalId") == QLatin1String("dynamodb.amazonaws.com");
    r.record = record;
    return r;
}

QString StreamRecord::sourceText() const {
    if (ttlDelete) return tr("TTL delete");
    if (origin.isEmpty()) return tr("write");
    if (origin == textOf(record, "awsRegion")) return tr("local write");
    return tr("replicated from %1").arg(EngineBridge::regionName(origin));
}

QString StreamRecord::timeText() const {
    return timeMs ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(timeMs).toLocalTime(),
                                       QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  : QStringLiteral("—");
}

QString StreamRecord::detailsText() const {
    const Json dynamodb = record.value("dynamodb", Json::object());
    QString text = tr("%1 at %2 in %3").arg(eventName, timeText(), textOf(record, "awsRegion"));
    if (ttlDelete)
        text += tr(" — deleted by Time to Live");
    else if (!origin.isEmpty())
        text += u'\n' + sourceText();
    text += u'\n' + tr("Sequence number %1").arg(sequenceNumber);
    text += u'\n' + tr("Shard %1").arg(shardId);
    text += u'\n' + tr("Keys: %1").arg(keysText);
    bool images = false;
    for (auto [key, title] :
         {std::pair{"NewImage", tr("New image")}, std::pair{"OldImage", tr("Old image")}}) {
        auto it = dynamodb.find(key);
        if (it == dynamodb.end()) continue;
        images = true;
        text += QStringLiteral("\n\n") + title + u'\n' + ItemJson::toDynamoText(*it);
    }
    if (!images)
        text +=
            QStringLiteral("\n\n") +
            tr("No images: the stream's view type is %1.").arg(textOf(dynamodb, "StreamViewType"));
    return text;
}
