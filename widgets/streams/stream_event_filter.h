#pragma once

// Which records a stream view shows: by event name (INSERT, MODIFY, REMOVE).

#include <QSet>
#include <QSortFilterProxyModel>

class StreamEventFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamEventFilter)

public:
    explicit StreamEventFilter(QObject* parent = nullptr);

    // Shows or hides records whose eventName is `name`.
    void setEventShown(const QString& name, bool shown);
    bool isEventShown(const QString& name) const { return !m_hidden.contains(name); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QSet<QString> m_hidden;
};
