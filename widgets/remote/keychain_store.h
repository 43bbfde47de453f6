#pragma once

// Access keys typed into the Connect dialog, kept in the system keychain through
// QtKeychain (the Secret Service on Linux, the Keychain on macOS, the Credential Manager on
// Windows): one entry per connection under the service "Tablespan", holding the key id,
// the secret and the session token. Never in the settings, and never a fallback to them:
// where no keychain can be used, every call fails and says why.
//
// Every call is asynchronous: `done` runs later on the GUI thread (never before the call
// returns), and is dropped when `context` is destroyed first. The GUI never waits for the
// keychain.

#include <functional>

#include <QCoreApplication>
#include <QString>

#include "remote/remote_connection.h"

class QObject;

// What became of a keychain call.
struct KeychainResult {
    enum class Status {
        Ok,
        NotFound,     // no entry for the connection (a locked keychain may also say so)
        Locked,       // the keychain is locked or refused access
        Unavailable,  // no keychain service, or it cannot keep entries
    };
    Status status = Status::Ok;
    QString detail;  // the keychain's own words for a failure (English, from the platform)

    bool ok() const { return status == Status::Ok; }
};

class KeychainStore {
    Q_DECLARE_TR_FUNCTIONS(KeychainStore)

public:
    // The keychain's service name for every entry of the console.
    static QString service();
    // The entry's key for a connection: derived from its name without regard to case
    // (names are unique that way), so renaming "lab" to "Lab" keeps the entry.
    static QString keyFor(const QString& connection);

    // Reads the keys of `connection`.
    static void read(const QString& connection, const QObject* context,
                     std::function<void(const KeychainResult&, const AccessKeys&)> done);
    // Keeps `keys` for `connection`, replacing an entry it had.
    static void write(const QString& connection, const AccessKeys& keys, const QObject* context,
                      std::function<void(const KeychainResult&)> done);
    // Deletes the entry of `connection`; an entry that does not exist is not an error.
    static void remove(const QString& connection, const QObject* context,
                       std::function<void(const KeychainResult&)> done);
    // Whether the keychain can keep keys: writes an entry and deletes it again. Ok, or why
    // not (Locked, Unavailable).
    static void probe(const QObject* context, std::function<void(const KeychainResult&)> done);

    // Why the keys of `connection` cannot be used, in words for the user (translated),
    // saying what to do about it; `result` is a failure.
    static QString readFailure(const KeychainResult& result, const QString& connection);
    // Why the keychain cannot keep typed keys, in words for the user, saying to sign with an
    // AWS CLI profile instead; `result` is a failure.
    static QString writeFailure(const KeychainResult& result);
};
