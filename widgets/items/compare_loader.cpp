#include "items/compare_loader.h"

#include <algorithm>
#include <utility>

#include <QTimer>

#include "common/engine_bridge.h"

using tablespan::Json;
using Side = CompareModel::Side;

namespace {
constexpr int kPageSize = 1000;
}  // namespace

CompareLoader::CompareLoader(EngineBridge& bridge, CompareModel& model, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_model(model) {
    for (Side side : {CompareModel::Left, CompareModel::Right}) {
        SideState& s = m_sides[side];
        s.timer = new QTimer(this);
        s.timer->setSingleShot(true);
        connect(s.timer, &QTimer::timeout, this, [this, side] { startRead(side); });
    }
    connect(&bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                const Side side = sideOf(region);
                if (table == m_table && side != CompareModel::NoSide) request(side);
            });
    connect(&bridge, &EngineBridge::replicationDelivered, this, &CompareLoader::onDelivered);
    // A region back online or a healed link: read both again.
    connect(&bridge, &EngineBridge::networkChanged, this, [this] {
        if (m_table.isEmpty()) return;
        request(CompareModel::Left);
        request(CompareModel::Right);
    });
}

void CompareLoader::setSource(const QString& table, const QStringList& keyNames,
                              const QString& left, const QString& right) {
    ++m_generation;  // answers to earlier reads are dropped
    m_table = table;
    m_model.setSource(left, right, keyNames);
    for (Side side : {CompareModel::Left, CompareModel::Right}) {
        SideState& s = m_sides[side];
        s.region = side == CompareModel::Left ? left : right;
        s.scanning = s.dirty = s.truncated = false;
        s.error.clear();
        s.buffer.clear();
        s.arrivals.clear();
        s.inFlight.clear();
        s.timer->stop();
        s.sinceRead.invalidate();
        if (!table.isEmpty()) startRead(side);
    }
    emit stateChanged();
}

void CompareLoader::clear() {
    setSource({}, {}, {}, {});
}

bool CompareLoader::isLoading() const {
    return m_sides[0].scanning || m_sides[1].scanning;
}

Side CompareLoader::sideOf(const QString& region) const {
    if (m_table.isEmpty()) return CompareModel::NoSide;
    if (region == m_sides[CompareModel::Left].region) return CompareModel::Left;
    if (region == m_sides[CompareModel::Right].region) return CompareModel::Right;
    return CompareModel::NoSide;
}

void CompareLoader::request(Side side) {
    SideState& s = m_sides[side];
    if (s.scanning) {
        s.dirty = true;
        return;
    }
    if (s.timer->isActive()) return;
    // Reads of a busy table are spaced out: one read shows many changes.
    const qint64 since = s.sinceRead.isValid() ? s.sinceRead.elapsed() : kRescanMs;
    s.timer->start(static_cast<int>(std::max<qint64>(0, kRescanMs - since)));
}

void CompareLoader::startRead(Side side) {
    SideState& s = m_sides[side];
    if (m_table.isEmpty() || s.scanning) return;
    s.scanning = true;
    s.dirty = false;
    s.buffer.clear();
    s.inFlight += s.arrivals;
    s.arrivals.clear();
    emit stateChanged();
    readPage(side, Json());
}

void CompareLoader::readPage(Side side, const Json& start) {
    const SideState& s = m_sides[side];
    const auto limit = std::min<qsizetype>(kPageSize, m_maxItems - s.buffer.size());
    Json scan = {{"TableName", m_table.toStdString()}, {"Limit", std::max<qsizetype>(1, limit)}};
    if (!start.is_null()) scan["ExclusiveStartKey"] = start;
    const int generation = m_generation;
    m_bridge.call(this, s.region, QStringLiteral("Scan"), scan,
                  [this, side, generation](const tablespan::Result& r) {
                      if (generation == m_generation) pageRead(side, r);
                  });
}

void CompareLoader::pageRead(Side side, const tablespan::Result& r) {
    SideState& s = m_sides[side];
    if (!r.ok()) {
        s.error = EngineBridge::errorText(r);
        s.scanning = false;
        s.sinceRead.start();
        emit stateChanged();
        if (s.dirty) request(side);
        return;
    }
    for (const auto& item : r.body["Items"]) s.buffer.append(item);
    const bool more = r.body.contains("LastEvaluatedKey");
    if (more && s.buffer.size() < m_maxItems) {
        readPage(side, r.body["LastEvaluatedKey"]);
        return;
    }
    finishRead(side, more);
}

void CompareLoader::finishRead(Side side, bool more) {
    SideState& s = m_sides[side];
    s.error.clear();
    s.truncated = more;
    m_model.applySide(side, s.buffer);
    s.buffer.clear();
    for (const Arrival& a : std::as_const(s.inFlight))
        m_model.markArrived(side, a.key, a.latencyMs);
    s.inFlight.clear();
    s.scanning = false;
    s.sinceRead.start();
    emit stateChanged();
    if (s.dirty) request(side);
}

void CompareLoader::onDelivered(const QList<ReplicationRecord>& records) {
    for (const ReplicationRecord& record : records) {
        if (record.table != m_table) continue;
        const Side source = sideOf(record.source), destination = sideOf(record.destination);
        if (source == CompareModel::NoSide || destination == CompareModel::NoSide ||
            source == destination)
            continue;
        SideState& s = m_sides[destination];
        for (const DeliveredItemRecord& item : record.delivered)
            s.arrivals.append({item.key, item.latencyMs});
        // Only the latest arrivals can still be seen flashing.
        if (s.arrivals.size() > m_maxItems) s.arrivals.remove(0, s.arrivals.size() - m_maxItems);
        request(destination);
    }
}
