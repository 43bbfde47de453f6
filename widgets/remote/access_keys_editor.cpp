#include "remote/access_keys_editor.h"

#include <QLabel>
#include <QLineEdit>
#include <QWidget>

#include "remote/keychain_store.h"

AccessKeysEditor::AccessKeysEditor(QWidget* dialog) : QObject(dialog) {
    m_keyId = addRow(dialog, tr("Access key ID:"), QStringLiteral("accessKeyId"));
    m_keyId->setPlaceholderText(tr("e.g. AKIAIOSFODNN7EXAMPLE"));
    m_secret = addRow(dialog, tr("Secret access key:"), QStringLiteral("secretAccessKey"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_token = addRow(dialog, tr("Session token:"), QStringLiteral("sessionToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Optional: only for temporary keys"));
    for (QLineEdit* field : {m_keyId, m_secret, m_token}) {
        field->setToolTip(tr("Kept in the system keychain, never in the settings."));
        connect(field, &QLineEdit::textChanged, this, &AccessKeysEditor::changed);
    }
    setActive(false);
}

QLineEdit* AccessKeysEditor::addRow(QWidget* dialog, const QString& caption,
                                    const QString& objectName) {
    auto* field = new QLineEdit(dialog);
    field->setObjectName(objectName);
    auto* label = new QLabel(caption, dialog);
    label->setBuddy(field);
    m_rows.append({label, field});
    return field;
}

void AccessKeysEditor::setActive(bool active) {
    for (const auto& [label, field] : m_rows) {
        label->setVisible(active);
        field->setVisible(active);
        field->setEnabled(m_state == State::Ready);
    }
    if (!active || m_state != State::Idle) return;
    setState(State::Checking, tr("Checking the system keychain…"));
    KeychainStore::probe(this, [this](const KeychainResult& result) { probed(result); });
}

void AccessKeysEditor::setStored(const QString& name) {
    m_storedName = name;
    m_stored.reset();
    setState(State::Checking, tr("Reading the keys of %1 from the system keychain…").arg(name));
    KeychainStore::read(
        name, this, [this, name](const KeychainResult& result, const AccessKeys& keys) {
            if (m_storedName != name) return;
            if (result.ok()) {
                m_stored = keys;
                return setState(State::Ready,
                                tr("Access key %1 is kept in the system keychain. Type new keys "
                                   "to replace it.")
                                    .arg(maskedKeyId(keys.accessKeyId)));
            }
            // No entry (or a locked keychain that says so): whether it can keep new keys.
            if (result.status == KeychainResult::Status::NotFound)
                return KeychainStore::probe(this,
                                            [this](const KeychainResult& probe) { probed(probe); });
            setState(State::Refused, KeychainStore::writeFailure(result), true);
        });
}

void AccessKeysEditor::probed(const KeychainResult& result) {
    if (!result.ok()) return setState(State::Refused, KeychainStore::writeFailure(result), true);
    if (!m_storedName.isEmpty())
        return setState(
            State::Ready,
            tr("The system keychain holds no keys for %1: type them again.").arg(m_storedName),
            true);
    setState(State::Ready, tr("The keys are kept in the system keychain, never in the "
                              "settings."));
}

void AccessKeysEditor::setState(State state, const QString& status, bool error) {
    m_state = state;
    m_status = status;
    m_error = error;
    for (const auto& [label, field] : m_rows) field->setEnabled(state == State::Ready);
    emit changed();
}

AccessKeys AccessKeysEditor::typed() const {
    return {m_keyId->text().trimmed(), m_secret->text().trimmed(), m_token->text().trimmed()};
}

bool AccessKeysEditor::anyTyped() const {
    const AccessKeys keys = typed();
    return !keys.accessKeyId.isEmpty() || !keys.secretAccessKey.isEmpty() ||
           !keys.sessionToken.isEmpty();
}

QString AccessKeysEditor::problem() const {
    if (m_state != State::Ready) return m_status;
    const AccessKeys keys = typed();
    if (!anyTyped()) {
        if (m_stored) return {};
        return tr("Enter the access key ID and the secret access key.");
    }
    if (keys.accessKeyId.isEmpty()) return tr("Enter the access key ID too.");
    if (keys.secretAccessKey.isEmpty()) return tr("Enter the secret access key too.");
    if (keys.accessKeyId.contains(u' ') || keys.secretAccessKey.contains(u' '))
        return tr("Access keys hold no spaces.");
    return {};
}

std::optional<AccessKeys> AccessKeysEditor::keys() const {
    const AccessKeys keys = typed();
    if (!keys.accessKeyId.isEmpty() && !keys.secretAccessKey.isEmpty()) return keys;
    return anyTyped() ? std::nullopt : m_stored;
}

void AccessKeysEditor::save(const QString& name, std::function<void(const QString&)> done) {
    std::optional<AccessKeys> keys;
    if (anyTyped())
        keys = typed();
    else if (m_stored && KeychainStore::keyFor(name) != KeychainStore::keyFor(m_storedName))
        keys = m_stored;
    if (!keys) return done({});  // the stored keys stay where they are
    setState(State::Checking, tr("Saving the keys in the system keychain…"));
    KeychainStore::write(name, *keys, this,
                         [this, name, keys = *keys, done](const KeychainResult& result) {
                             if (!result.ok()) {
                                 // Ready all the same: unlocked, the keychain may take them.
                                 setState(State::Ready, KeychainStore::writeFailure(result), true);
                                 return done(status());
                             }
                             m_stored = keys;
                             m_storedName = name;
                             setState(State::Ready, tr("The keys are saved in the system "
                                                       "keychain."));
                             done({});
                         });
}
