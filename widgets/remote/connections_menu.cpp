#include "remote/connections_menu.h"

#include <QMenu>
#include <QSettings>
#include <QWidget>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "remote/connect_dialog.h"
#include "remote/keychain_store.h"

namespace {
// The error type of a request for a region whose keys are not (yet) read.
const QString kKeysUnavailable = QStringLiteral("KeysUnavailable");
}  // namespace

ConnectionsMenu::ConnectionsMenu(EngineBridge& bridge, QWidget* window)
    : QObject(window), m_bridge(bridge), m_window(window) {
    m_menu = new QMenu(tr("&Connections"), window);
    m_menu->setObjectName(QStringLiteral("connectionsMenu"));
    QSettings settings;
    m_connections = loadConnections(settings);
    rebuild();
}

void ConnectionsMenu::restore() {
    for (const RemoteConnection& c : m_connections) {
        QString error;
        if (!attach(c, &error)) emit message(error);
    }
    rebuild();
}

bool ConnectionsMenu::attach(const RemoteConnection& connection, QString* error) {
    m_attempts.insert(connection.name, ++m_lastAttempt);
    m_failed.remove(connection.name);
    m_reading.remove(connection.name);
    if (connection.keychainKeys && !connection.unsignedRequests) {
        attachFromKeychain(connection);
        return true;
    }
    QString why;
    auto endpoint =
        endpointFor(connection, tablespan::AwsEnvironment::from_process(), &why, nullptr);
    if (!endpoint) {
        m_bridge.removeConnection(connection.name);
        m_failed.insert(connection.name, why);
        if (error) *error = tr("The connection %1 is not connected: %2").arg(connection.name, why);
        return false;
    }
    m_bridge.addConnection(connection.name, connection.regions,
                           std::make_unique<tablespan::RemoteClient>(*endpoint));
    return true;
}

void ConnectionsMenu::attachFromKeychain(const RemoteConnection& connection) {
    const QString name = connection.name;
    const quint64 attempt = m_attempts.value(name);
    m_reading.insert(name);
    // Listed at once, as the other connections are; the keys follow within moments.
    m_bridge.addUnavailableConnection(
        name, connection.regions, kKeysUnavailable,
        tr("The keys of %1 are being read from the system keychain.").arg(name));
    KeychainStore::read(
        name, this,
        [this, connection, attempt](const KeychainResult& result, const AccessKeys& keys) {
            const QString& name = connection.name;
            // Edited, connected again or forgotten since: a newer attempt decides.
            if (m_attempts.value(name) != attempt) return;
            m_reading.remove(name);
            QString why;
            const auto endpoint =
                result.ok()
                    ? endpointFor(connection, keys, tablespan::AwsEnvironment::from_process(), &why)
                    : std::nullopt;
            if (endpoint) {
                m_bridge.addConnection(name, connection.regions,
                                       std::make_unique<tablespan::RemoteClient>(*endpoint));
            } else {
                if (!result.ok()) why = KeychainStore::readFailure(result, name);
                m_bridge.addUnavailableConnection(name, connection.regions, kKeysUnavailable, why);
                m_failed.insert(name, why);
                emit message(tr("The connection %1 is not connected: %2").arg(name, why));
            }
            rebuild();
        });
}

bool ConnectionsMenu::add(const RemoteConnection& connection, QString* error) {
    bool replaced = false;
    for (RemoteConnection& c : m_connections)
        if (c.name == connection.name) {
            c = connection;
            replaced = true;
        }
    if (!replaced) m_connections.append(connection);
    save();
    const bool ok = attach(connection, error);
    rebuild();
    return ok;
}

void ConnectionsMenu::remove(const QString& name) {
    for (const RemoteConnection& c : m_connections)
        if (c.name == name && c.keychainKeys) forgetKeys(name);
    drop(name);
}

void ConnectionsMenu::drop(const QString& name) {
    m_connections.removeIf([&](const RemoteConnection& c) { return c.name == name; });
    m_attempts.remove(name);
    m_failed.remove(name);
    m_reading.remove(name);
    m_bridge.removeConnection(name);
    save();
    rebuild();
}

void ConnectionsMenu::forgetKeys(const QString& name) {
    KeychainStore::remove(name, this, [this, name](const KeychainResult& result) {
        if (!result.ok())
            emit message(
                tr("The keys of %1 stay in the system keychain: %2").arg(name, result.detail));
    });
}

void ConnectionsMenu::reconnect(const QString& name) {
    for (const RemoteConnection& c : m_connections) {
        if (c.name != name) continue;
        QString error;
        if (!attach(c, &error)) emit message(error);
        rebuild();
        return;
    }
}

void ConnectionsMenu::save() {
    QSettings settings;
    saveConnections(settings, m_connections);
}

void ConnectionsMenu::connectNew() {
    QStringList names;
    for (const RemoteConnection& c : m_connections) names << c.name;
    ConnectDialog dialog(names, m_window);
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    const RemoteConnection connection = dialog.connection();
    if (add(connection, &error))
        emit message(
            tr("Connected to %1: its regions are in the region list.").arg(connection.name));
    else
        emit message(error);
}

void ConnectionsMenu::edit(const QString& name) {
    QStringList names;
    RemoteConnection current;
    for (const RemoteConnection& c : m_connections) {
        names << c.name;
        if (c.name == name) current = c;
    }
    ConnectDialog dialog(names, m_window);
    dialog.setConnection(current);
    if (dialog.exec() != QDialog::Accepted) return;
    const RemoteConnection changed = dialog.connection();
    // The dialog kept the keys under the new name: the old entry goes, unless it is the
    // same one (a name that differs only in case).
    if (current.keychainKeys && (!changed.keychainKeys || KeychainStore::keyFor(changed.name) !=
                                                              KeychainStore::keyFor(name)))
        forgetKeys(name);
    if (changed.name != name) drop(name);
    QString error;
    if (!add(changed, &error)) emit message(error);
}

void ConnectionsMenu::rebuild() {
    // clear() leaves the submenus (they own their actions); later, as one of their actions
    // may be the one being triggered.
    for (QMenu* old : m_menu->findChildren<QMenu*>(Qt::FindDirectChildrenOnly)) old->deleteLater();
    m_menu->clear();
    QAction* connectAction =
        m_menu->addAction(icon(QStringLiteral("remote")), tr("Connect to an endpoint…"), this,
                          &ConnectionsMenu::connectNew);
    connectAction->setObjectName(QStringLiteral("connectToEndpoint"));
    if (m_connections.isEmpty()) return;
    m_menu->addSeparator();
    const QMap<QString, QStringList> connected = m_bridge.connections();
    for (const RemoteConnection& c : m_connections) {
        const QString name = c.name;
        const bool reading = m_reading.contains(name);
        const bool notConnected =
            !reading && (m_failed.contains(name) || !connected.contains(name));
        QMenu* sub = m_menu->addMenu(reading        ? tr("%1 (reading its keys…)").arg(name)
                                     : notConnected ? tr("%1 (not connected)").arg(name)
                                                    : name);
        sub->setToolTip(m_failed.contains(name) ? m_failed.value(name) : c.url);
        sub->addAction(tr("Edit…"), this, [this, name] { edit(name); });
        if (reading || notConnected)
            sub->addAction(tr("Connect again"), this, [this, name] { reconnect(name); });
        sub->addAction(tr("Disconnect and forget"), this, [this, name] { remove(name); });
    }
}
