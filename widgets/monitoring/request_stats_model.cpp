#include "monitoring/request_stats_model.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace {
QString keyOf(const QString& region, const QString& table, const QString& operation) {
    return region + QLatin1Char('\n') + table + QLatin1Char('\n') + operation;
}
}  // namespace

RequestStatsModel::RequestStatsModel(QObject* parent) : QAbstractTableModel(parent) {}

int RequestStatsModel::rowOf(const QString& region, const QString& table,
                             const QString& operation) const {
    return m_index.value(keyOf(region, table, operation), -1);
}

void RequestStatsModel::append(const QList<RequestRecord>& records) {
    if (records.isEmpty()) return;
    QList<Row> added;
    for (const auto& r : records) {
        const int existing = rowOf(r.region, r.table, r.operation);
        Row* target = nullptr;
        if (existing >= 0) {
            target = &m_rows[existing];
        } else {
            const QString key = keyOf(r.region, r.table, r.operation);
            // New rows are inserted together at the end.
            for (auto& a : added)
                if (keyOf(a.region, a.table, a.operation) == key) target = &a;
            if (!target) {
                Row row;
                row.region = r.region;
                row.table = r.table;
                row.operation = r.operation;
                added.append(row);
                target = &added.last();
            }
        }
        ++target->requests;
        target->sumMs += r.durationMs;
        target->maxMs = std::max(target->maxMs, r.durationMs);
        Bucket& b = target->seconds[r.timeMs / 1000 * 1000];
        ++b.requests;
        b.sumMs += r.durationMs;
        b.maxMs = std::max(b.maxMs, r.durationMs);
        if (!r.errorType.isEmpty()) {
            ++target->errors;
            ++b.errors;
            target->lastError = r.errorType;
        }
        // A remote call is timed on the wall clock: it says nothing of engine time.
        if (!EngineBridge::isRemoteRegion(r.region)) m_now = std::max(m_now, r.timeMs);
    }
    if (!m_rows.isEmpty()) {
        updateRates();
        emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
    }
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (auto& a : added) {
            m_index.insert(keyOf(a.region, a.table, a.operation), static_cast<int>(m_rows.size()));
            m_rows.append(std::move(a));
        }
        updateRates();
        endInsertRows();
    }
}

void RequestStatsModel::setNow(qint64 nowMs) {
    m_now = nowMs;
    if (m_rows.isEmpty()) return;
    updateRates();
    emit dataChanged(index(0, Rate), index(rowCount() - 1, Rate));
}

void RequestStatsModel::updateRates() {
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
    for (auto& row : m_rows) {
        const qint64 now = EngineBridge::isRemoteRegion(row.region) ? wallNow : m_now;
        const qint64 current = now / 1000 * 1000;
        const qint64 from = current - kRateSeconds * 1000;
        const qint64 drop = current - kKeepSeconds * 1000;
        while (!row.seconds.isEmpty() && row.seconds.firstKey() < drop)
            row.seconds.erase(row.seconds.begin());
        qint64 n = 0;
        for (auto it = row.seconds.lowerBound(from); it != row.seconds.end() && it.key() < current;
             ++it)
            n += it->requests;
        row.rate = static_cast<double>(n) / kRateSeconds;
    }
}

void RequestStatsModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    endResetModel();
}

QMap<qint64, QHash<QString, RequestStatsModel::Bucket>> RequestStatsModel::series(
    const QString& region) const {
    QMap<qint64, QHash<QString, Bucket>> out;
    for (const auto& row : m_rows) {
        if (!region.isEmpty() && row.region != region) continue;
        for (auto it = row.seconds.begin(); it != row.seconds.end(); ++it) {
            Bucket& b = out[it.key()][row.operation];
            b.requests += it->requests;
            b.errors += it->errors;
            b.sumMs += it->sumMs;
            b.maxMs = std::max(b.maxMs, it->maxMs);
        }
    }
    return out;
}

qint64 RequestStatsModel::requests(const QString& region, const QString& table,
                                   const QString& operation) const {
    const int row = rowOf(region, table, operation);
    return row < 0 ? 0 : m_rows[row].requests;
}

qint64 RequestStatsModel::errors(const QString& region, const QString& table,
                                 const QString& operation) const {
    const int row = rowOf(region, table, operation);
    return row < 0 ? 0 : m_rows[row].errors;
}

int RequestStatsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RequestStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant RequestStatsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows.at(index.row());
    const double avg = r.requests ? r.sumMs / static_cast<double>(r.requests) : 0;
    if (role == SortRole) {
        switch (index.column()) {
            case Requests:
                return r.requests;
            case Rate:
                return r.rate;
            case Errors:
                return r.errors;
            case AvgLatency:
                return avg;
            case MaxLatency:
                return r.maxMs;
            default:
                return data(index, Qt::DisplayRole);
        }
    }
    if (role == RegionCodeRole) return r.region;
    if (role == Qt::TextAlignmentRole && index.column() >= Requests && index.column() <= MaxLatency)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Errors && r.errors > 0)
        return QColor(0xd1, 0x32, 0x12);
    if (role != Qt::DisplayRole) return {};
    const QLocale locale;
    switch (index.column()) {
        case Region:
            return r.region;
        case Table:
            return r.table.isEmpty() ? tr("(none)") : r.table;
        case Operation:
            return r.operation;
        case Requests:
            return locale.toString(r.requests);
        case Rate:
            return tr("%1/s").arg(locale.toString(r.rate, 'f', 1));
        case Errors:
            return locale.toString(r.errors);
        case AvgLatency:
            return tr("%1 ms").arg(locale.toString(avg, 'f', 2));
        case MaxLatency:
            return tr("%1 ms").arg(locale.toString(r.maxMs, 'f', 2));
        case LastError:
            return r.lastError;
    }
    return {};
}

QVariant RequestStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Region:
            return tr("Region");
        case Table:
            return tr("Table");
        case Operation:
            return tr("Operation");
        case Requests:
            return tr("Requests");
        case Rate:
            return tr("Rate");
        case Errors:
            return tr("Errors");
        case AvgLatency:
            return tr("Average latency");
        case MaxLatency:
            return tr("Max latency");
        case LastError:
            return tr("Last error");
    }
    return {};
}
