#include "streams/stream_records_model.h"

#include <utility>

#include <QFontDatabase>

StreamRecordsModel::StreamRecordsModel(QObject* parent) : QAbstractTableModel(parent) {}

int StreamRecordsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StreamRecordsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QString StreamRecordsModel::sourceText(const StreamRecord& record) {
    return record.sourceText();
}

QVariant StreamRecordsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const StreamRecord& r = m_rows.at(index.row());
    if (role == EventNameRole) return r.eventName;
    if (role == Qt::ToolTipRole && index.column() == Keys) return r.keysText;
    if (role == Qt::FontRole && index.column() == Sequence) {
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Time:
            return r.timeText();
        case Event:
            return r.eventName;
        case Keys:
            return r.keysText;
        case Source:
            return sourceText(r);
        case Sequence:
            return r.sequenceNumber;
        default:
            return {};
    }
}

QVariant StreamRecordsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Time:
            return tr("Time");
        case Event:
            return tr("Event");
        case Keys:
            return tr("Keys");
        case Source:
            return tr("Source");
        case Sequence:
            return tr("Sequence number");
        default:
            return {};
    }
}

void StreamRecordsModel::append(const QList<StreamRecord>& records) {
    if (records.isEmpty()) return;
    if (m_paused) {
        m_buffer += records;
        // Beyond the cap the oldest would be dropped on resume anyway.
        if (m_buffer.size() > kMaxRows) {
            m_dropped += m_buffer.size() - kMaxRows;
            m_buffer.remove(0, m_buffer.size() - kMaxRows);
        }
        emit countsChanged();
        return;
    }
    show(records);
}

void StreamRecordsModel::setPaused(bool paused) {
    if (paused == m_paused) return;
    m_paused = paused;
    if (!paused) show(std::exchange(m_buffer, {}));
    emit countsChanged();
}

void StreamRecordsModel::show(QList<StreamRecord> records) {
    if (records.size() > kMaxRows) {
        m_dropped += records.size() - kMaxRows;
        records.remove(0, records.size() - kMaxRows);
    }
    const qsizetype overflow = m_rows.size() + records.size() - kMaxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.remove(0, overflow);
        m_dropped += overflow;
        endRemoveRows();
    }
    if (!records.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(records.size()) - 1);
        m_rows += records;
        endInsertRows();
    }
    emit countsChanged();
}

void StreamRecordsModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_buffer.clear();
    m_dropped = 0;
    endResetModel();
    emit countsChanged();
}
