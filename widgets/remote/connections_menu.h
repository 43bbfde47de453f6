#pragma once

// The main window's Connections menu: connect to an endpoint (the Connect dialog), edit,
// connect again or disconnect a connection. Connections are kept in the settings (never a
// secret: the keys come from the AWS CLI's files, or from the system keychain, when the
// console connects) and connected again at start. Keychain keys are read asynchronously:
// meanwhile, and when they cannot be read, the connection's regions are listed and each
// request for them is answered with the reason (KeysUnavailable), in words.

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

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
    // be fixed with Edit). Keys in the keychain are read afterwards: a failure to read them
    // comes as message().
    bool add(const RemoteConnection& connection, QString* error = nullptr);
    // Disconnects and forgets a connection, and deletes its keys from the keychain.
    void remove(const QString& name);
    // Connects a saved connection again (after the keychain was unlocked, or the AWS files
    // fixed); message() says when it cannot be.
    void reconnect(const QString& name);

public slots:
    // The Connect dialog, for a new connection.
    void connectNew();

signals:
    // A result worth a line in the status bar.
    void message(const QString& text);

private:
    bool attach(const RemoteConnection& connection, QString* error);
    // Keychain keys: read, then connected, or listed with the reason they cannot be read.
    void attachFromKeychain(const RemoteConnection& connection);
    void drop(const QString& name);  // disconnects and forgets, keeping the keychain entry
    void forgetKeys(const QString& name);
    void edit(const QString& name);
    void save();
    void rebuild();

    EngineBridge& m_bridge;
    QWidget* m_window = nullptr;
    QMenu* m_menu = nullptr;
    QList<RemoteConnection> m_connections;
    QHash<QString, QString> m_failed;  // name → why it is not connected
    QSet<QString> m_reading;           // keychain keys being read
    // The latest connection attempt per name: an older attempt's keychain answer is dropped.
    QHash<QString, quint64> m_attempts;
    quint64 m_lastAttempt = 0;
};
