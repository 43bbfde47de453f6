#include "drills/drill_cleanup.h"

#include "common/engine_bridge.h"

using tablespan::Json;

DrillCleanup::DrillCleanup(EngineBridge& bridge, const QString& region, const QStringList& tables,
                           QObject* parent, int pollMs)
    : QObject(parent), m_bridge(bridge), m_region(region), m_left(tables) {
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, &DrillCleanup::poll);
    // A status change of one of the tables (or its replicas) is the moment to look again.
    connect(&bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString&, const QString& table, const QString&) {
                if (m_left.contains(table)) poll();
            });
    m_timer.start();
    poll();
}

void DrillCleanup::poll() {
    for (const QString& table : m_left) {
        if (m_busy.contains(table)) continue;
        m_busy.insert(table);
        m_bridge.call(this, m_region, QStringLiteral("DescribeTable"),
                      {{"TableName", table.toStdString()}},
                      [this, table](const tablespan::Result& r) {
                          m_busy.remove(table);
                          if (r.ok()) return step(table, r.body["Table"]);
                          if (r.error->type == "ResourceNotFoundException") {
                              m_left.removeAll(table);
                              if (m_left.isEmpty()) finish({});
                              return;
                          }
                          finish(EngineBridge::errorText(r));
                      });
    }
}

void DrillCleanup::step(const QString& table, const Json& description) {
    if (description.value("TableStatus", "") != "ACTIVE") return;  // in the middle of a change
    const Json replicas = description.value("Replicas", Json::array());
    for (const Json& r : replicas)
        if (r.value("ReplicaStatus", "") != "ACTIVE") return;
    const auto count = static_cast<qsizetype>(replicas.size());
    if (m_sentWith.contains(table) && m_sentWith.value(table) <= count) return;
    m_sentWith.insert(table, count);
    const Json name = table.toStdString();
    if (replicas.empty()) return send(QStringLiteral("DeleteTable"), {{"TableName", name}});
    const auto remove = [](const Json& member) {
        return Json{{"Delete", {{"RegionName", member.value("RegionName", "")}}}};
    };
    Json request = {{"TableName", name}};
    if (description.value("MultiRegionConsistency", "") == "STRONG") {
        // A strongly consistent group goes as a whole: every replica and the witness.
        Json deletes = Json::array(), witnesses = Json::array();
        for (const Json& r : replicas) deletes.push_back(remove(r));
        for (const Json& w : description.value("GlobalTableWitnesses", Json::array()))
            witnesses.push_back(remove(w));
        request["ReplicaUpdates"] = deletes;
        if (!witnesses.empty()) request["GlobalTableWitnessUpdates"] = witnesses;
    } else {
        request["ReplicaUpdates"] = Json::array({remove(replicas.front())});
    }
    send(QStringLiteral("UpdateTable"), request);
}

void DrillCleanup::send(const QString& operation, Json request) {
    const QString table = QString::fromStdString(request.value("TableName", ""));
    m_busy.insert(table);
    m_bridge.call(this, m_region, operation, std::move(request),
                  [this, table](const tablespan::Result& r) {
                      m_busy.remove(table);
                      // Another change under way: the next look decides again.
                      if (!r.ok() && r.error->type != "ResourceInUseException")
                          finish(EngineBridge::errorText(r));
                  });
}

void DrillCleanup::finish(const QString& error) {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    m_error = error;
    emit finished(error);
}
