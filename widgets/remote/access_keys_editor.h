#pragma once

// The Connect dialog's fields for access keys kept in the system keychain: the access key
// ID, the secret access key (not echoed) and an optional session token, and what the
// status line says about them. Whether the keychain can keep keys is found out for real,
// by writing an entry and deleting it again, when the fields are first shown; an edited
// connection's stored key id is shown masked, and its keys are kept unless new ones are
// typed. Holds keys only while the dialog is open; all keychain calls are asynchronous.

#include <functional>
#include <optional>
#include <utility>

#include <QList>
#include <QObject>
#include <QString>

#include "remote/remote_connection.h"

class QLabel;
class QLineEdit;
class QWidget;
struct KeychainResult;

class AccessKeysEditor final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessKeysEditor)

public:
    // The fields are children of `dialog`, hidden until setActive(true).
    explicit AccessKeysEditor(QWidget* dialog);

    // Caption and field of each row, for the dialog's grid.
    QList<std::pair<QLabel*, QLineEdit*>> rows() const { return m_rows; }

    // Shows or hides the fields; shown the first time, checks the keychain.
    void setActive(bool active);
    // The keys of the connection `name` are in the keychain (a connection being edited):
    // reads them to show the key id, and keeps them unless new ones are typed.
    void setStored(const QString& name);

    // The status line (translated), and whether it reports a failure.
    QString status() const { return m_status; }
    bool statusIsError() const { return m_error; }
    // Why the keys cannot be saved yet (the keychain is being checked or cannot keep
    // them, or keys are missing), or an empty string when they can.
    QString problem() const;
    // The keys to sign a test with: the typed ones, else the stored ones.
    std::optional<AccessKeys> keys() const;

    // Keeps the keys for the connection `name`: typed keys are written to the keychain;
    // without typed keys, stored keys of another name are written under `name` (a
    // rename). `done` gets an empty string, or why the keychain refused (translated). The
    // entry of the old name is the caller's to delete.
    void save(const QString& name, std::function<void(const QString& error)> done);

signals:
    // The status, the problem or the typed keys changed.
    void changed();

private:
    enum class State { Idle, Checking, Ready, Refused };

    QLineEdit* addRow(QWidget* dialog, const QString& caption, const QString& objectName);
    AccessKeys typed() const;
    bool anyTyped() const;
    void probed(const KeychainResult& result);
    void setState(State state, const QString& status, bool error = false);

    QList<std::pair<QLabel*, QLineEdit*>> m_rows;
    QLineEdit* m_keyId = nullptr;
    QLineEdit* m_secret = nullptr;
    QLineEdit* m_token = nullptr;
    State m_state = State::Idle;
    QString m_status;
    bool m_error = false;
    QString m_storedName;                // the edited connection whose keys are stored
    std::optional<AccessKeys> m_stored;  // its keys, once read
};
