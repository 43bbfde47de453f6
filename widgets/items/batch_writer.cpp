#include "items/batch_writer.h"

#include <QSet>
#include <QTimer>

#include "common/engine_bridge.h"

using tablespan::Json;

BatchWriter::BatchWriter(EngineBridge& bridge, const QString& region, const QString& table,
                         const QStringList& keyNames, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_region(region), m_table(table), m_keyNames(keyNames) {}

void BatchWriter::start(const QList<Json>& items, bool deleteKeys) {
    m_requests.clear();
    m_requests.reserve(items.size());
    for (const Json& item : items)
        m_requests << (deleteKeys ? Json{{"DeleteRequest", {{"Key", item}}}}
                                  : Json{{"PutRequest", {{"Item", item}}}});
    m_next = 0;
    m_done = 0;
    m_cancelled = false;
    emit progress(0, total());
    sendNext();
}

Json BatchWriter::keyOf(const Json& request) const {
    const Json& attrs = request.contains("PutRequest") ? request["PutRequest"]["Item"]
                                                       : request["DeleteRequest"]["Key"];
    Json key = Json::object();
    for (const QString& name : m_keyNames)
        if (attrs.contains(name.toStdString())) key[name.toStdString()] = attrs[name.toStdString()];
    return key;
}

void BatchWriter::sendNext() {
    Json batch = Json::array();
    if (!m_retry.is_null() && !m_retry.empty()) {
        batch = m_retry;
    } else {
        if (m_cancelled || m_next >= m_requests.size()) {
            emit finished(m_cancelled && m_done < total(), {});
            return;
        }
        // One chunk never holds two requests for the same key (the service refuses it).
        QSet<QByteArray> keys;
        while (m_next < m_requests.size() && batch.size() < kChunk) {
            const QByteArray k = QByteArray::fromStdString(keyOf(m_requests[m_next]).dump());
            if (keys.contains(k)) break;
            keys.insert(k);
            batch.push_back(m_requests[m_next++]);
        }
    }
    const auto sent = static_cast<int>(batch.size());
    m_retry = Json();
    m_bridge.call(this, m_region, QStringLiteral("BatchWriteItem"),
                  {{"RequestItems", {{m_table.toStdString(), batch}}}},
                  [this, sent](const tablespan::Result& r) {
                      if (!r.ok()) {
                          emit finished(false, EngineBridge::errorText(r));
                          return;
                      }
                      const Json unprocessed = r.body.value("UnprocessedItems", Json::object())
                                                   .value(m_table.toStdString(), Json::array());
                      m_done += sent - static_cast<int>(unprocessed.size());
                      emit progress(m_done, total());
                      if (!unprocessed.empty()) {
                          if (++m_retries > 20) {
                              emit finished(false, tr("The engine keeps leaving items "
                                                      "unprocessed; %1 of %2 were written.")
                                                       .arg(m_done)
                                                       .arg(total()));
                              return;
                          }
                          m_retry = unprocessed;
                          QTimer::singleShot(50 * m_retries, this, &BatchWriter::sendNext);
                          return;
                      }
                      m_retries = 0;
                      sendNext();
                  });
}
