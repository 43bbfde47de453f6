#pragma once

// Help > About Tablespan: the version, what Tablespan is, and where this console keeps
// its data and serves its endpoint.

#include <QDialog>

class QLabel;

class HelpAboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpAboutDialog)

public:
    // `endpointUrl` empty: the endpoint is off.
    HelpAboutDialog(const QString& dataDir, const QString& endpointUrl, QWidget* parent = nullptr);

    // The text shown, without markup (for tests).
    QString text() const;

private:
    QLabel* m_text;
};
