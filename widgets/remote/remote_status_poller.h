#pragma once

// A remote region has no engine events, so the console polls it the way the AWS console
// does: a table whose status is changing (CREATING, UPDATING, DELETING, a replica or an
// index not yet ACTIVE) is described every few seconds until it settles or is gone, and
// nothing is polled while nothing changes. Each change of status is reported once.

#include <functional>

#include <QHash>
#include <QObject>
#include <QString>

#include "tablespan/engine.h"

class QTimer;

class RemoteStatusPoller final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteStatusPoller)

public:
    // Sends one DescribeTable for (region, table); `done` runs on the GUI thread.
    using Describe = std::function<void(const QString& region, const QString& table,
                                        std::function<void(const tablespan::Result&)> done)>;

    static constexpr int kDefaultIntervalMs = 2000;

    explicit RemoteStatusPoller(Describe describe, QObject* parent = nullptr);

    // A table description seen in an answer (DescribeTable's Table, CreateTable's
    // TableDescription, ...): reports its status and polls it while it is changing.
    void observe(const QString& region, const tablespan::Json& description);
    // The table is gone (ResourceNotFoundException, or DeleteTable finished).
    void forget(const QString& region, const QString& table);

    void setInterval(int ms);
    // Tables being polled; 0 means no requests at all.
    int watched() const { return static_cast<int>(m_watched.size()); }
    // True when the table, its replicas and its global secondary indexes are all ACTIVE.
    static bool settled(const tablespan::Json& description);

signals:
    // `status` is empty when the table is gone.
    void statusChanged(const QString& region, const QString& table, const QString& status);

private:
    void poll();

    Describe m_describe;
    QTimer* m_timer = nullptr;
    QHash<std::pair<QString, QString>, QString> m_status;  // last status reported
    QHash<std::pair<QString, QString>, bool> m_watched;    // value: a describe is in flight
};
