#include "remote/remote_status_poller.h"

#include <QPointer>
#include <QTimer>

namespace {
QString text(const tablespan::Json& value) {
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

bool allActive(const tablespan::Json& list, const char* statusKey) {
    if (!list.is_array()) return true;
    for (const auto& entry : list)
        if (entry.contains(statusKey) && entry[statusKey] != "ACTIVE") return false;
    return true;
}
}  // namespace

RemoteStatusPoller::RemoteStatusPoller(Describe describe, QObject* parent)
    : QObject(parent), m_describe(std::move(describe)), m_timer(new QTimer(this)) {
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RemoteStatusPoller::poll);
}

void RemoteStatusPoller::setInterval(int ms) {
    m_timer->setInterval(ms);
}

bool RemoteStatusPoller::settled(const tablespan::Json& description) {
    return description.value("TableStatus", "") == "ACTIVE" &&
           allActive(description.value("Replicas", tablespan::Json()), "ReplicaStatus") &&
           allActive(description.value("GlobalSecondaryIndexes", tablespan::Json()), "IndexStatus");
}

void RemoteStatusPoller::observe(const QString& region, const tablespan::Json& description) {
    if (!description.is_object()) return;
    const QString table = text(description.value("TableName", tablespan::Json()));
    const QString status = text(description.value("TableStatus", tablespan::Json()));
    if (table.isEmpty() || status.isEmpty()) return;
    const auto key = std::make_pair(region, table);
    if (m_status.value(key) != status) {
        m_status.insert(key, status);
        emit statusChanged(region, table, status);
    }
    if (settled(description)) {
        m_watched.remove(key);
    } else if (!m_watched.contains(key)) {
        m_watched.insert(key, false);
    }
    if (m_watched.isEmpty())
        m_timer->stop();
    else if (!m_timer->isActive())
        m_timer->start();
}

void RemoteStatusPoller::forget(const QString& region, const QString& table) {
    const auto key = std::make_pair(region, table);
    m_watched.remove(key);
    if (m_status.contains(key)) {
        m_status.remove(key);
        emit statusChanged(region, table, QString());
    }
    if (m_watched.isEmpty()) m_timer->stop();
}

void RemoteStatusPoller::poll() {
    QPointer<RemoteStatusPoller> self(this);
    for (auto it = m_watched.begin(); it != m_watched.end(); ++it) {
        if (it.value()) continue;  // the last describe has not come back yet
        it.value() = true;
        const auto key = it.key();
        m_describe(key.first, key.second, [self, key](const tablespan::Result& result) {
            if (!self) return;
            if (self->m_watched.contains(key)) self->m_watched[key] = false;
            if (result.ok())
                self->observe(key.first, result.body.value("Table", tablespan::Json()));
            else if (result.error->type == "ResourceNotFoundException")
                self->forget(key.first, key.second);
            // Other failures (the network, throttling): the next tick asks again.
        });
    }
}
