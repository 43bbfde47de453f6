#include "window/activity_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

ActivityModel::ActivityModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity)) {}

void ActivityModel::append(const QList<RequestRecord>& records) {
    if (records.isEmpty()) return;
    // Only the newest `capacity` of this batch can survive.
    const qsizetype first = std::max<qsizetype>(0, records.size() - m_capacity);
    const qsizetype incoming = records.size() - first;
    const qsizetype overflow = m_records.size() + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow - 1));
        for (qsizetype i = 0; i < overflow; ++i) m_throttled -= isThrottled(m_records[i]) ? 1 : 0;
        m_records.remove(0, overflow);
        endRemoveRows();
    }
    const int row = static_cast<int>(m_records.size());
    beginInsertRows({}, row, row + static_cast<int>(incoming) - 1);
    for (qsizetype i = first; i < records.size(); ++i)
        m_throttled += isThrottled(records[i]) ? 1 : 0;
    m_records.append(records.mid(first));
    endInsertRows();
}

bool ActivityModel::isThrottled(const RequestRecord& record) {
    return record.errorType == QLatin1String("ProvisionedThroughputExceededException") ||
           record.errorType == QLatin1String("ThrottlingException") ||
           record.errorType == QLatin1String("RequestLimitExceeded");
}

void ActivityModel::clear() {
    beginResetModel();
    m_records.clear();
    m_throttled = 0;
    endResetModel();
}

int ActivityModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int ActivityModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant ActivityModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestRecord& r = m_records.at(index.row());
    const bool failed = !r.errorType.isEmpty();
    switch (role) {
        case FailedRole:
            return failed;
        case Qt::ForegroundRole:
            return failed ? QVariant(QBrush(QColor(0xd1, 0x32, 0x12))) : QVariant();
        case Qt::TextAlignmentRole:
            return index.column() == Latency
                       ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        case Qt::ToolTipRole:
            return failed ? QString(r.errorType % QStringLiteral(": ") % r.errorMessage)
                          : QVariant();
        case Qt::DisplayRole:
            break;
        default:
            return {};
    }
    switch (index.column()) {
        case Time:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.timeMs).time(),
                                      QStringLiteral("HH:mm:ss.zzz"));
        case Region:
            return r.region;
        case Operation:
            return r.operation;
        case Table:
            return r.table;
        case Latency:
            return tr("%1 ms").arg(QLocale().toString(r.durationMs, 'f', 1));
        case Outcome:
            return outcome(r);
        default:
            return {};
    }
}

QString ActivityModel::outcome(const RequestRecord& r) {
    QString text = r.errorType.isEmpty() ? tr("OK") : tr("%1: %2").arg(r.errorType, r.errorMessage);
    // A remote call the client retried, or held back in the adaptive retry mode.
    if (r.attempts > 1) text = tr("%1 (after %2 attempts)").arg(text).arg(r.attempts);
    if (r.rateLimitedMs >= 1)
        text = tr("%1; held back %2 ms by the client-side rate limiter")
                   .arg(text, QLocale().toString(r.rateLimitedMs, 'f', 0));
    return text;
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Time:
            return tr("Time");
        case Region:
            return tr("Region");
        case Operation:
            return tr("Operation");
        case Table:
            return tr("Table");
        case Latency:
            return tr("Latency");
        case Outcome:
            return tr("Outcome");
        default:
            return {};
    }
}
