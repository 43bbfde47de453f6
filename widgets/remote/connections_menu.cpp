#include "remote/connections_menu.h"

#include <QMenu>
#include <QSettings>
#include <QWidget>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "remote/connect_dialog.h"

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
    QString why;
    auto endpoint =
        endpointFor(connection, tablespan::AwsEnvironment::from_process(), &why, nullptr);
    if (!endpoint) {
        m_bridge.removeConnection(connection.name);
        if (error) *error = tr("The connection %1 is not connected: %2").arg(connection.name, why);
        return false;
    }
    m_bridge.addConnection(connection.name, connection.regions,
                           std::make_unique<tablespan::RemoteClient>(*endpoint));
    return true;
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
    m_connections.removeIf([&](const RemoteConnection& c) { return c.name == name; });
    m_bridge.removeConnection(name);
    save();
    rebuild();
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
    if (changed.name != name) remove(name);
    QString error;
    if (!add(changed, &error)) emit message(error);
}

void ConnectionsMenu::rebuild() {
    m_menu->clear();
    QAction* connectAction =
        m_menu->addAction(icon(QStringLiteral("remote")), tr("Connect to an endpoint…"), this,
                          &ConnectionsMenu::connectNew);
    connectAction->setObjectName(QStringLiteral("connectToEndpoint"));
    if (m_connections.isEmpty()) return;
    m_menu->addSeparator();
    const QMap<QString, QStringList> connected = m_bridge.connections();
    for (const RemoteConnection& c : m_connections) {
        QMenu* sub = m_menu->addMenu(
            connected.contains(c.name) ? c.name : tr("%1 (not connected)").arg(c.name));
        sub->setToolTip(c.url);
        const QString name = c.name;
        sub->addAction(tr("Edit…"), this, [this, name] { edit(name); });
        sub->addAction(tr("Disconnect and forget"), this, [this, name] { remove(name); });
    }
}
