#pragma once

// Working the Connect dialog as a user does, for the remote-connection tests: its fields
// by object name, its OK button, the credentials choice by its text, the regions ticked.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

#include "remote/connect_dialog.h"

template <typename T>
T* child(const QObject* parent, const char* name) {
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) qFatal("no child %s", name);
    return found;
}

inline QPushButton* okButton(const ConnectDialog& dialog) {
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// Chooses the first credentials item whose text starts with `text`.
inline void chooseCredentials(ConnectDialog& dialog, const QString& text) {
    auto* box = child<QComboBox>(&dialog, "credentials");
    const int index = box->findText(text, Qt::MatchStartsWith);
    if (index < 0) qFatal("no credentials choice %s", qPrintable(text));
    box->setCurrentIndex(index);
}

// Ticks the region `code` and no other.
inline void checkOnly(ConnectDialog& dialog, const QString& code) {
    auto* list = child<QListWidget>(&dialog, "connectionRegions");
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(
            list->item(i)->data(Qt::UserRole).toString() == code ? Qt::Checked : Qt::Unchecked);
}

// Name, URL and the one region.
inline void fillConnection(ConnectDialog& dialog, const QString& name, const QString& url,
                           const QString& region) {
    child<QLineEdit>(&dialog, "connectionName")->setText(name);
    child<QLineEdit>(&dialog, "endpointUrl")->setText(url);
    checkOnly(dialog, region);
}
