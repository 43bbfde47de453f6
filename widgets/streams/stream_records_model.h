#pragma once

// The records a stream view has shown, oldest first: at most kMaxRows, dropping the
// oldest beyond that. While paused, arriving records wait in a buffer (capped the same
// way, so nothing the table would have shown is lost) and appear on resume.

#include <QAbstractTableModel>
#include <QList>

#include "streams/stream_record.h"

class StreamRecordsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamRecordsModel)

public:
    enum Column { Time, Event, Keys, Source, Sequence, NB_COLUMNS };
    enum Role { EventNameRole = Qt::UserRole };
    static constexpr int kMaxRows = 10'000;

    explicit StreamRecordsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const StreamRecord& record(int row) const { return m_rows.at(row); }
    // Adds records (shown at once, or buffered while paused).
    void append(const QList<StreamRecord>& records);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int buffered() const { return static_cast<int>(m_buffer.size()); }
    // Records dropped from the top since the last clear() because of kMaxRows.
    qint64 dropped() const { return m_dropped; }
    void clear();

    // Where the record's write came from (StreamRecord::sourceText).
    static QString sourceText(const StreamRecord& record);

signals:
    // Rows were added or dropped, or the buffer changed.
    void countsChanged();

private:
    void show(QList<StreamRecord> records);

    QList<StreamRecord> m_rows;
    QList<StreamRecord> m_buffer;
    bool m_paused = false;
    qint64 m_dropped = 0;
};
