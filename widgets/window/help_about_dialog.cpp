#include "window/help_about_dialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include "common/icons.h"

HelpAboutDialog::HelpAboutDialog(const QString& dataDir, const QString& endpointUrl,
                                 QWidget* parent)
    : QDialog(parent), m_text(new QLabel(this)) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Tablespan"));
    const QString version = QCoreApplication::applicationVersion().isEmpty()
                                ? tr("development build")
                                : QCoreApplication::applicationVersion();
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setText(
        QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p><table>%4%5%6%7</table>")
            .arg(tr("Tablespan %1").arg(version).toHtmlEscaped(),
                 tr("A desktop console with an embedded engine that behaves like Amazon "
                    "DynamoDB, offline, on one machine: tables and items in any AWS region, "
                    "global tables replicated between regions under simulated outages, "
                    "backups and point-in-time recovery.")
                     .toHtmlEscaped(),
                 tr("The AWS CLI and SDKs talk to it through its DynamoDB-compatible endpoint; "
                    "the region of a request is the one it is signed for.")
                     .toHtmlEscaped(),
                 row(tr("Version"), version), row(tr("Data directory"), dataDir),
                 row(tr("Endpoint"), endpointUrl.isEmpty() ? tr("off") : endpointUrl),
                 row(tr("Qt"), QString::fromLatin1(qVersion()))));

    auto* logo = new QLabel(this);
    logo->setPixmap(icon(QStringLiteral("tablespan")).pixmap(64, 64));
    logo->setAlignment(Qt::AlignTop);
    auto* body = new QHBoxLayout;
    body->addWidget(logo);
    body->addWidget(m_text, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QString HelpAboutDialog::text() const {
    QTextDocument doc;
    doc.setHtml(m_text->text());
    return doc.toPlainText();
}
