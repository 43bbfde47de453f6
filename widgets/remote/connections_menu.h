#pragma once

// The main window's Connections menu: connect to an endpoint (the Connect dialog), edit or
// disconnect a connection. Connections are kept in the settings (never a secret: the keys
// come from the AWS CLI's files when the console connects) and connected again at start.

#include <QList>
#include <QObject>

#include "remote/remote_connection.h"

class EngineBridge;
class QMenu;
class QWidget;

class ConnectionsMenu final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsMenu)

public:
    // Builds the menu under `window`, listing the saved connections.
    ConnectionsMenu(EngineBridge& bridge, QWidget* window);
    // Connects the saved connections (a console just started); message() says which
    // cannot be connected and why.
    void restore();

    QMenu* menu() const { return m_menu; }
    QList<RemoteConnection> connections() const { return m_connections; }

    // Adds (or, same name, replaces) a connection, saves it and connects it. Returns false
    // with `*error` when its credentials cannot be resolved (it is saved all the same, to
    // be fixed with Edit).
    bool add(const RemoteConnection& connection, QString* error = nullptr);
    // Disconnects and forgets a connection.
    void remove(const QString& name);

public slots:
    // The Connect dialog, for a new connection.
    void connectNew();

signals:
    // A result worth a line in the status bar.
    void message(const QString& text);

private:
    bool attach(const RemoteConnection& connection, QString* error);
    void edit(const QString& name);
    void save();
    void rebuild();

    EngineBridge& m_bridge;
    QWidget* m_window = nullptr;
    QMenu* m_menu = nullptr;
    QList<RemoteConnection> m_connections;
};
