// The Connect dialog's credentials choice: the AWS CLI's default chain, one item per
// profile, access keys typed here for the system keychain, no signature; and the status
// line under it, saying what each finds.

#include "remote/connect_dialog.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>

#include "remote/access_keys_editor.h"
#include "tablespan/regions.h"

void ConnectDialog::fillProfiles() {
    const QSignalBlocker block(m_credentials);
    m_credentials->clear();
    m_credentials->addItem(tr("AWS CLI default (environment, AWS_PROFILE, default profile)"));
    m_credentials->setItemData(0, QString(), kProfileRole);
    m_credentials->setItemData(0, false, kUnsignedRole);
    for (const std::string& name : tablespan::list_aws_profiles(m_env)) {
        const QString profile = QString::fromStdString(name);
        m_credentials->addItem(tr("Profile %1").arg(profile));
        m_credentials->setItemData(m_credentials->count() - 1, profile, kProfileRole);
        m_credentials->setItemData(m_credentials->count() - 1, false, kUnsignedRole);
    }
    m_credentials->addItem(tr("Access keys entered here (kept in the system keychain)"));
    m_credentials->setItemData(m_credentials->count() - 1, QString(), kProfileRole);
    m_credentials->setItemData(m_credentials->count() - 1, false, kUnsignedRole);
    m_credentials->setItemData(m_credentials->count() - 1, true, kKeychainRole);
    m_credentials->addItem(tr("No signature (DynamoDB Local, Tablespan without --require-auth)"));
    m_credentials->setItemData(m_credentials->count() - 1, QString(), kProfileRole);
    m_credentials->setItemData(m_credentials->count() - 1, true, kUnsignedRole);
}

int ConnectDialog::indexOf(int role) const {
    for (int i = 0; i < m_credentials->count(); ++i)
        if (m_credentials->itemData(i, role).toBool()) return i;
    return -1;
}

bool ConnectDialog::keychainChosen() const {
    return m_credentials->currentData(kKeychainRole).toBool();
}

void ConnectDialog::updateCredentials() {
    m_keys->setActive(keychainChosen());
    if (keychainChosen()) {
        setStatus(m_credentialStatus, m_keys->status(), m_keys->statusIsError());
        return updateValidity();
    }
    if (m_credentials->currentData(kUnsignedRole).toBool()) {
        setStatus(m_credentialStatus,
                  tr("Requests are sent without a signature: only a local engine accepts "
                     "them."),
                  false);
        return updateValidity();
    }
    const QString profile = m_credentials->currentData(kProfileRole).toString();
    const tablespan::AwsResolution found = tablespan::resolve_aws(m_env, profile.toStdString());
    QString text;
    if (found.credentials) {
        text = tr("Access key %1 from %2")
                   .arg(maskedKeyId(QString::fromStdString(found.credentials->access_key_id)),
                        QString::fromStdString(found.credentials->source));
        if (!found.credentials->session_token.empty())
            text = tr("%1 (temporary, with a session token)").arg(text);
    } else {
        text = tr("No credentials: %1").arg(QString::fromStdString(found.error));
    }
    if (!found.region.empty())
        text += u'\n' + tr("Region %1 from %2")
                            .arg(QString::fromStdString(found.region),
                                 QString::fromStdString(found.region_source));
    // The retry settings, when the user has any: the CLI's, and what it refuses.
    const tablespan::AwsRetrySettings retry =
        tablespan::resolve_aws_retry(m_env, profile.toStdString());
    if (!retry.error.empty() && found.credentials)
        text += u'\n' + tr("Invalid retry settings: %1").arg(QString::fromStdString(retry.error));
    if (!retry.mode_source.empty())
        text += u'\n' + tr("Retry mode %1 from %2")
                            .arg(QString::fromLatin1(tablespan::retry_mode_name(retry.mode).data()),
                                 QString::fromStdString(retry.mode_source));
    if (!retry.max_attempts_source.empty())
        text += u'\n' + tr("Attempts per request: %1, from %2")
                            .arg(retry.max_attempts)
                            .arg(QString::fromStdString(retry.max_attempts_source));
    setStatus(m_credentialStatus, text, !found.credentials || !retry.error.empty());
    // A new connection starts with the profile's region, until the user picks regions.
    if (!m_regionsTouched && tablespan::find_region(found.region)) {
        const QSignalBlocker block(m_regions);
        const QString code = QString::fromStdString(found.region);
        for (int i = 0; i < m_regions->count(); ++i) {
            QListWidgetItem* item = m_regions->item(i);
            const bool chosen = item->data(Qt::UserRole).toString() == code;
            item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
            if (chosen) m_regions->scrollToItem(item, QAbstractItemView::PositionAtCenter);
        }
    }
    updateValidity();
}
