#include "global/replica_model.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QLocale>

#include "common/engine_bridge.h"
#include "common/status_delegate.h"

using tablespan::Json;

namespace {
QString str(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                 : QString();
}
QString tableClassOf(const Json& summary) {
    const QString c = summary.is_object() ? str(summary, "TableClass") : QString();
    return c.isEmpty() ? QStringLiteral("STANDARD") : c;
}
}  // namespace

ReplicaModel::ReplicaModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReplicaModel::setGroup(const QString& localRegion, const Json& description,
                            const QStringList& served) {
    QList<Replica> rows;
    m_consistency.clear();
    const bool remote = EngineBridge::isRemoteRegion(localRegion);
    const QString connection = EngineBridge::connectionOf(localRegion);
    // A member as the console names it, and whether it can reach it.
    const auto place = [&](Replica& member, const Json& j) {
        const QString code = str(j, "RegionName");
        if (!remote) {
            member.region = code;
            return;
        }
        member.region = EngineBridge::remoteRegion(code, connection);
        if (!served.contains(code))
            member.unreachable =
                tr("Not served by connection %1: the service reports this replica, but the "
                   "console reaches only the regions the connection names (%2).")
                    .arg(connection, served.join(QStringLiteral(", ")));
    };
    if (description.is_object()) {
        Replica local;
        local.region = localRegion;
        local.local = true;
        local.status = str(description, "TableStatus");
        local.tableClass = tableClassOf(description.value("TableClassSummary", Json()));
        if (description.contains("ItemCount"))
            local.itemCount = description["ItemCount"].get<qint64>();
        rows << local;
        for (const Json& r : description.value("Replicas", Json::array())) {
            Replica replica;
            place(replica, r);
            replica.status = str(r, "ReplicaStatus");
            const QString progress = str(r, "ReplicaStatusPercentProgress");
            if (!progress.isEmpty()) replica.progress = progress.toInt();
            replica.tableClass = tableClassOf(r.value("ReplicaTableClassSummary", Json()));
            rows << replica;
        }
        for (const Json& w : description.value("GlobalTableWitnesses", Json::array())) {
            Replica witness;
            place(witness, w);
            witness.unreachable.clear();  // never read or written: nothing out of reach
            witness.status = str(w, "WitnessStatus");
            witness.witness = true;
            rows << witness;
        }
        // The service shows MultiRegionConsistency only as STRONG: a global table without
        // it is eventually consistent.
        if (rows.size() > 1)
            m_consistency = description.contains("MultiRegionConsistency")
                                ? str(description, "MultiRegionConsistency")
                                : QStringLiteral("EVENTUAL");
    }
    bool same = rows.size() == m_rows.size();
    for (int i = 0; same && i < rows.size(); ++i) same = rows[i].region == m_rows[i].region;
    // Keep what other sources filled in (item counts, latencies) for known regions.
    for (auto& row : rows) {
        const int old = rowOf(row.region);
        if (old < 0) continue;
        const Replica& was = m_rows[old];
        if (row.itemCount < 0) row.itemCount = was.itemCount;
        row.error = was.error;
        row.lastMs = was.lastMs;
        row.avgMs = was.avgMs;
        row.pending = was.pending;
        row.writeP50 = was.writeP50;
        row.writeP99 = was.writeP99;
        row.conflicts = was.conflicts;
    }
    if (!same) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
}

void ReplicaModel::setRegionDescription(const QString& region, const Json& description) {
    const int row = rowOf(region);
    if (row < 0) return;
    Replica& r = m_rows[row];
    r.error.clear();
    if (description.contains("ItemCount")) r.itemCount = description["ItemCount"].get<qint64>();
    rowChanged(row);
}

void ReplicaModel::setRegionError(const QString& region, const QString& error) {
    const int row = rowOf(region);
    if (row < 0 || m_rows[row].error == error) return;
    m_rows[row].error = error;
    rowChanged(row);
}

void ReplicaModel::setLatency(const QString& region, double lastMs, double avgMs, qint64 pending) {
    const int row = rowOf(region);
    if (row < 0) return;
    Replica& r = m_rows[row];
    if (r.lastMs == lastMs && r.avgMs == avgMs && r.pending == pending) return;
    r.lastMs = lastMs;
    r.avgMs = avgMs;
    r.pending = pending;
    emit dataChanged(index(row, LastLatency), index(row, Pending));
}

void ReplicaModel::setWriteStats(const QString& region, double p50, double p99, qint64 conflicts) {
    const int row = rowOf(region);
    if (row < 0) return;
    Replica& r = m_rows[row];
    if (r.writeP50 == p50 && r.writeP99 == p99 && r.conflicts == conflicts) return;
    r.writeP50 = p50;
    r.writeP99 = p99;
    r.conflicts = conflicts;
    emit dataChanged(index(row, WriteLatency), index(row, Conflicts));
}

void ReplicaModel::rowChanged(int row) {
    emit dataChanged(index(row, 0), index(row, NB_COLUMNS - 1));
}

QStringList ReplicaModel::regions() const {
    QStringList out;
    for (const auto& r : m_rows)
        if (!r.witness) out << r.region;
    return out;
}

QStringList ReplicaModel::reachableRegions() const {
    QStringList out;
    for (const auto& r : m_rows)
        if (!r.witness && r.unreachable.isEmpty()) out << r.region;
    return out;
}

QStringList ReplicaModel::witnesses() const {
    QStringList out;
    for (const auto& r : m_rows)
        if (r.witness) out << r.region;
    return out;
}

int ReplicaModel::rowOf(const QString& region) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].region == region) return i;
    return -1;
}

bool ReplicaModel::hasTransitions() const {
    for (const auto& r : m_rows)
        if (StatusDelegate::isTransitional(r.status)) return true;
    return false;
}

int ReplicaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReplicaModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant ReplicaModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Replica& r = m_rows.at(index.row());
    const QLocale locale;
    const auto ms = [&locale](double v) {
        return v < 0 ? QStringLiteral("—") : tr("%1 ms").arg(locale.toString(v, 'f', 0));
    };
    // A region that does not answer is offline, whatever the local region last heard.
    const bool offline = r.error.startsWith(QLatin1String("ServiceUnavailable"));
    const QString status = offline ? QStringLiteral("OFFLINE") : r.status;
    switch (role) {
        case StatusRole:
            return status;
        case ProgressRole:
            return r.progress;
        case RegionCodeRole:
            return r.region;
        case LocalRole:
            return r.local;
        case WitnessRole:
            return r.witness;
        case Qt::FontRole:
            if ((r.local || r.witness) && index.column() == Region) {
                QFont font;
                font.setBold(r.local);
                font.setItalic(r.witness);
                return font;
            }
            return {};
        case Qt::ForegroundRole:
            // Out of the console's reach: dimmed, as the theme dims placeholder text.
            if (!r.unreachable.isEmpty()) return QGuiApplication::palette().placeholderText();
            return {};
        case Qt::ToolTipRole:
            if (!r.unreachable.isEmpty()) return r.unreachable;
            if (!r.error.isEmpty()) return r.error;
            if (index.column() == Status &&
                r.status == QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS"))
                return tr(
                    "The replica's KMS key is disabled or pending deletion: it serves no "
                    "requests, and replication to and from it has stopped (the other "
                    "replicas keep their changes pending). Enable the key in its region "
                    "(KMS keys tab) within 20 hours of this status, or the replica leaves "
                    "the global table and stays a single-Region table with its items.");
            if (index.column() == Region) {
                if (r.witness)
                    return tr(
                        "The witness: it keeps the group's change data so that a write "
                        "is durable in two regions, and holds no table to read or write");
                return r.local ? tr("The region the console shows; replicas are listed below it")
                               : tr("A replica of the table");
            }
            if (index.column() == WriteLatency)
                return tr(
                    "Latency of the writes acknowledged in this region over the last "
                    "5 minutes of engine time: median / 99th percentile");
            if (index.column() == Conflicts)
                return tr(
                    "Writes refused here because another region was writing the same "
                    "item (ReplicatedWriteConflictException)");
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() >= ItemCount)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::DisplayRole:
            switch (index.column()) {
                case Region:
                    return EngineBridge::regionLabel(r.region);
                case Status:
                    if (offline) return StatusDelegate::statusText(status);
                    if (r.progress >= 0)
                        return tr("%1 %2%")
                            .arg(StatusDelegate::statusText(r.status))
                            .arg(r.progress);
                    return StatusDelegate::statusText(r.status);
                case TableClass:
                    if (r.witness) return tr("Witness");
                    return r.tableClass == QLatin1String("STANDARD_INFREQUENT_ACCESS")
                               ? tr("Standard-IA")
                               : tr("Standard");
                case ItemCount:
                    if (r.witness || !r.unreachable.isEmpty()) return QStringLiteral("—");
                    if (!r.error.isEmpty()) return tr("unavailable");
                    return r.itemCount < 0 ? QStringLiteral("—") : locale.toString(r.itemCount);
                case LastLatency:
                    return ms(r.lastMs);
                case AvgLatency:
                    return ms(r.avgMs);
                case Pending:
                    return r.witness ? QStringLiteral("—") : locale.toString(r.pending);
                case WriteLatency:
                    if (r.writeP50 < 0) return QStringLiteral("—");
                    return tr("%1 / %2 ms")
                        .arg(locale.toString(r.writeP50, 'f', 0),
                             locale.toString(r.writeP99, 'f', 0));
                case Conflicts:
                    return r.witness ? QStringLiteral("—") : locale.toString(r.conflicts);
            }
            return {};
    }
    return {};
}

QVariant ReplicaModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Region:
            return tr("Region");
        case Status:
            return tr("Status");
        case TableClass:
            return tr("Table class");
        case ItemCount:
            return tr("Items");
        case LastLatency:
            return tr("Last latency");
        case AvgLatency:
            return tr("Average latency");
        case Pending:
            return tr("Pending");
        case WriteLatency:
            return tr("Writes p50 / p99");
        case Conflicts:
            return tr("Conflicts");
    }
    return {};
}
