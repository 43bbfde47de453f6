#pragma once

// The "Connect to an endpoint" dialog: names a remote DynamoDB-compatible endpoint, the
// regions it serves and how to sign for it (an AWS CLI profile, the CLI's default chain,
// access keys typed here and kept in the system keychain, or no signature), shows what the
// credential resolution finds (the key id masked) and tests the connection with one
// ListTables without blocking the GUI. OK stays disabled while validateConnection()
// refuses the input; with typed keys, OK first saves them to the keychain (asynchronously)
// and the dialog closes once they are kept, or stays open saying why not. Keeps no secret
// beyond its own life: resolved keys live in a test's temporary client only, keychain keys
// in the AccessKeysEditor.

#include <memory>

#include <QDialog>

#include "remote/remote_connection.h"

class AccessKeysEditor;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

class ConnectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // `existingNames` are the names already taken (the edited connection's own name may
    // be among them). Reads the AWS files of this process's environment.
    explicit ConnectDialog(const QStringList& existingNames, QWidget* parent = nullptr);
    // The same with the AWS environment given (tests use a home directory of their own).
    ConnectDialog(const QStringList& existingNames, tablespan::AwsEnvironment env,
                  QWidget* parent = nullptr);
    // Cancels a test in flight (its result is dropped).
    ~ConnectDialog() override;

    // Edits `connection`: fills the fields, and its own name does not count as taken.
    void setConnection(const RemoteConnection& connection);
    // The connection as the fields describe it (URL trimmed, regions in catalog order).
    RemoteConnection connection() const;

    // Why OK is disabled, or empty.
    QString validationMessage() const;
    // The line under the credentials choice and the test's outcome.
    QString credentialStatus() const;
    QString testResult() const;

public slots:
    void testConnection();
    // Accepts the input: with keys typed for the keychain, once they are saved there.
    void accept() override;

private:
    // Item data of the credentials choice (connect_dialog_credentials.cpp).
    static constexpr int kProfileRole = Qt::UserRole;       // the profile; "" = default chain
    static constexpr int kUnsignedRole = Qt::UserRole + 1;  // no signature
    static constexpr int kKeychainRole = Qt::UserRole + 2;  // keys typed, in the keychain

    void fillProfiles();
    int indexOf(int role) const;  // the first credentials choice with `role` set
    bool keychainChosen() const;
    void updateCredentials();
    void updateValidity();
    void browseCaFile();
    void showTestResult(const tablespan::Result& result, const QString& region);
    void setStatus(QLabel* label, const QString& text, bool error);
    void fitHeight();

    tablespan::AwsEnvironment m_env;
    QStringList m_existingNames;
    QString m_originalName;
    bool m_regionsTouched = false;  // the user chose regions: the profile's no longer applies
    bool m_edited = false;          // show the validation message only after a change
    bool m_saving = false;          // OK was pressed: the keys are being saved
    QLineEdit* m_name;
    QLineEdit* m_url;
    QListWidget* m_regions;
    QComboBox* m_credentials;
    QLabel* m_credentialStatus;
    AccessKeysEditor* m_keys;
    QLineEdit* m_caFile;
    QPushButton* m_browse;
    QPushButton* m_test;
    QLabel* m_testResult;
    QLabel* m_validation;
    QDialogButtonBox* m_buttons;
    // The temporary client of a test in flight; its thread is joined before the dialog's
    // widgets go, so its callback never outlives the dialog.
    std::unique_ptr<tablespan::RemoteClient> m_testClient;
    int m_testNumber = 0;  // the latest test; an older test's answer is dropped
};
