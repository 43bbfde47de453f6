#include "remote/connect_dialog.h"

#include <algorithm>
#include <utility>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "common/view_style.h"
#include "remote/access_keys_editor.h"
#include "tablespan/regions.h"

namespace {
QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
}  // namespace

ConnectDialog::ConnectDialog(const QStringList& existingNames, QWidget* parent)
    : ConnectDialog(existingNames, tablespan::AwsEnvironment::from_process(), parent) {}

ConnectDialog::ConnectDialog(const QStringList& existingNames, tablespan::AwsEnvironment env,
                             QWidget* parent)
    : QDialog(parent),
      m_env(std::move(env)),
      m_existingNames(existingNames),
      m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this)),
      m_regions(new QListWidget(this)),
      m_credentials(new QComboBox(this)),
      m_credentialStatus(new QLabel(this)),
      m_keys(new AccessKeysEditor(this)),
      m_caFile(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Browse…"), this)),
      m_test(new QPushButton(tr("Test connection"), this)),
      m_testResult(new QLabel(this)),
      m_validation(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to an endpoint"));
    auto* intro = new QLabel(
        tr("A remote region is a region of another DynamoDB-compatible endpoint (Amazon "
           "DynamoDB, DynamoDB Local or a shared Tablespan server) that the console shows "
           "and drives beside its embedded regions."),
        this);
    intro->setObjectName(QStringLiteral("connectIntro"));
    intro->setWordWrap(true);

    m_name->setObjectName(QStringLiteral("connectionName"));
    m_name->setMaxLength(32);
    m_name->setPlaceholderText(tr("e.g. local or prod-aws"));
    m_url->setObjectName(QStringLiteral("endpointUrl"));
    m_url->setPlaceholderText(
        tr("http://127.0.0.1:8000 or https://dynamodb.{region}.amazonaws.com"));
    m_url->setToolTip(tr("{region} stands for the code of the region a request is for."));

    m_regions->setObjectName(QStringLiteral("connectionRegions"));
    m_regions->setUniformItemSizes(true);
    m_regions->setSpacing(1);  // the check boxes of neighbouring rows do not touch
    for (const auto& r : tablespan::all_regions()) {
        auto* item = new QListWidgetItem(tr("%1 – %2").arg(q(r.code), q(r.name)), m_regions);
        item->setData(Qt::UserRole, q(r.code));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    // At least seven rows: enough to scroll through without taking over the dialog; a
    // taller dialog gives the list the extra height.
    m_regions->setMinimumHeight(7 * (m_regions->sizeHintForRow(0) + 2 * m_regions->spacing()) +
                                2 * m_regions->frameWidth());

    m_credentials->setObjectName(QStringLiteral("credentials"));
    m_credentials->setToolTip(
        tr("The console saves only the profile's name and reads the keys from the AWS CLI's "
           "files when it connects. Keys entered here are kept in the system keychain."));
    fillProfiles();
    m_credentialStatus->setObjectName(QStringLiteral("credentialStatus"));
    m_credentialStatus->setWordWrap(true);
    m_credentialStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("Optional: a PEM file of extra CAs for HTTPS"));
    m_browse->setObjectName(QStringLiteral("browseCaFile"));
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);

    m_test->setObjectName(QStringLiteral("testConnection"));
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();

    // A grid rather than a QFormLayout: the form gives a word-wrapped status line the
    // height of its size hint (several lines at a narrow width), leaving gaps around it.
    auto* form = new QGridLayout;
    form->setColumnStretch(1, 1);
    const auto addRow = [this, form](const QString& label, QWidget* field, QLayout* fields,
                                     Qt::Alignment align = Qt::AlignVCenter) {
        const int row = form->rowCount();
        if (!label.isEmpty()) {
            auto* caption = new QLabel(label, this);
            caption->setBuddy(field);
            form->addWidget(caption, row, 0, Qt::AlignLeft | align);
        }
        if (fields)
            form->addLayout(fields, row, 1);
        else
            form->addWidget(field, row, 1);
    };
    addRow(tr("Name:"), m_name, nullptr);
    addRow(tr("Endpoint URL:"), m_url, nullptr);
    addRow(tr("Regions:"), m_regions, nullptr, Qt::AlignTop);
    addRow(tr("Credentials:"), m_credentials, nullptr);
    for (const auto& [caption, field] : m_keys->rows()) {
        const int row = form->rowCount();
        form->addWidget(caption, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        form->addWidget(field, row, 1);
    }
    addRow(QString(), m_credentialStatus, nullptr);
    addRow(tr("CA file:"), m_caFile, caRow);
    addRow(QString(), m_test, testRow);
    addRow(QString(), m_testResult, nullptr);

    ViewStyle::inlineError(m_validation, QStringLiteral("validationError"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(layout->spacing());
    layout->addLayout(form);
    layout->addWidget(m_validation);
    layout->addWidget(m_buttons);

    const auto edited = [this] {
        m_edited = true;
        updateValidity();
    };
    connect(m_name, &QLineEdit::textChanged, this, edited);
    connect(m_url, &QLineEdit::textChanged, this, edited);
    connect(m_caFile, &QLineEdit::textChanged, this, edited);
    connect(m_regions, &QListWidget::itemChanged, this, [this, edited] {
        m_regionsTouched = true;
        edited();
    });
    connect(m_credentials, &QComboBox::currentIndexChanged, this,
            &ConnectDialog::updateCredentials);
    connect(m_keys, &AccessKeysEditor::changed, this, [this] {
        if (keychainChosen()) updateCredentials();
    });
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::browseCaFile);
    connect(m_test, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    updateCredentials();
    updateValidity();
    layout->activate();
    resize(600, std::max(sizeHint().height(), layout->totalHeightForWidth(600)));
}

ConnectDialog::~ConnectDialog() {
    // Joins the client's thread: no callback runs once the widgets start going.
    m_testClient.reset();
}

void ConnectDialog::setConnection(const RemoteConnection& c) {
    m_originalName = c.name;
    setWindowTitle(tr("Edit connection %1").arg(c.name));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    m_name->setText(c.name);
    m_url->setText(c.url);
    m_caFile->setText(c.caFile);
    {
        const QSignalBlocker block(m_regions);
        for (int i = 0; i < m_regions->count(); ++i) {
            QListWidgetItem* item = m_regions->item(i);
            item->setCheckState(c.regions.contains(item->data(Qt::UserRole).toString())
                                    ? Qt::Checked
                                    : Qt::Unchecked);
        }
    }
    m_regionsTouched = true;
    int index = -1;
    if (c.unsignedRequests) {
        index = indexOf(kUnsignedRole);
    } else if (c.keychainKeys) {
        m_keys->setStored(c.name);
        index = indexOf(kKeychainRole);
    } else {
        for (int i = 0; i < m_credentials->count() && index < 0; ++i)
            if (!m_credentials->itemData(i, kUnsignedRole).toBool() &&
                !m_credentials->itemData(i, kKeychainRole).toBool() &&
                m_credentials->itemData(i, kProfileRole).toString() == c.profile)
                index = i;
        if (index < 0) {
            // A profile no longer in the files: kept, and the status line says it is gone.
            index = indexOf(kKeychainRole);
            m_credentials->insertItem(index, tr("Profile %1").arg(c.profile));
            m_credentials->setItemData(index, c.profile, kProfileRole);
            m_credentials->setItemData(index, false, kUnsignedRole);
        }
    }
    m_credentials->setCurrentIndex(index);
    updateCredentials();
    m_edited = true;
    updateValidity();
}

RemoteConnection ConnectDialog::connection() const {
    RemoteConnection c;
    c.name = m_name->text().trimmed();
    c.url = m_url->text().trimmed();
    for (int i = 0; i < m_regions->count(); ++i)
        if (m_regions->item(i)->checkState() == Qt::Checked)
            c.regions << m_regions->item(i)->data(Qt::UserRole).toString();
    c.unsignedRequests = m_credentials->currentData(kUnsignedRole).toBool();
    c.keychainKeys = keychainChosen();
    if (!c.unsignedRequests && !c.keychainKeys)
        c.profile = m_credentials->currentData(kProfileRole).toString();
    c.caFile = m_caFile->text().trimmed();
    return c;
}

QString ConnectDialog::validationMessage() const {
    QStringList others = m_existingNames;
    if (!m_originalName.isEmpty()) others.removeAll(m_originalName);
    const QString message = validateConnection(connection(), others);
    return message.isEmpty() && keychainChosen() ? m_keys->problem() : message;
}

QString ConnectDialog::credentialStatus() const {
    return m_credentialStatus->text();
}

QString ConnectDialog::testResult() const {
    return m_testResult->isHidden() ? QString() : m_testResult->text();
}

void ConnectDialog::setStatus(QLabel* label, const QString& text, bool error) {
    label->setText(text);
    label->setStyleSheet(error ? QStringLiteral("color: #d13212;") : QString());
    label->setVisible(!text.isEmpty());
    fitHeight();
}

void ConnectDialog::fitHeight() {
    // A longer status line or message needs more height than the dialog has: it grows to
    // show them whole rather than squeezing the rows over each other.
    if (!layout()) return;
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height()) resize(width(), needed);
}

void ConnectDialog::updateValidity() {
    const QString message = validationMessage();
    m_validation->setText(message);
    // The status line already says what the keychain is doing: not twice.
    m_validation->setVisible(m_edited && !message.isEmpty() &&
                             message != m_credentialStatus->text());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty() && !m_saving);
    fitHeight();
    // A test needs the URL and a region (and keys typed or stored), not the name.
    RemoteConnection probe = connection();
    probe.name = QStringLiteral("test");
    m_test->setEnabled(!m_testClient && validateConnection(probe, {}).isEmpty() &&
                       (!probe.keychainKeys || m_keys->keys()));
}

void ConnectDialog::accept() {
    if (m_saving || !validationMessage().isEmpty()) return;
    const RemoteConnection c = connection();
    if (!c.keychainKeys) return QDialog::accept();
    m_saving = true;
    updateValidity();
    // The editor is the dialog's child: its keychain answer is dropped with the dialog.
    m_keys->save(c.name, [this](const QString& error) {
        m_saving = false;
        if (error.isEmpty()) return QDialog::accept();
        updateValidity();
    });
}

void ConnectDialog::browseCaFile() {
    const QString current = m_caFile->text().trimmed();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("CA certificates"),
        current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty()) m_caFile->setText(file);
}

void ConnectDialog::testConnection() {
    const RemoteConnection c = connection();
    if (c.regions.isEmpty()) return;
    QString error;
    std::optional<tablespan::RemoteEndpoint> endpoint;
    if (c.keychainKeys) {
        const std::optional<AccessKeys> keys = m_keys->keys();
        if (!keys) return;
        endpoint = endpointFor(c, *keys, m_env, &error);
    } else {
        endpoint = endpointFor(c, m_env, &error);
    }
    if (!endpoint) return setStatus(m_testResult, error, true);
    // One attempt: a test answers within the timeout instead of backing off and retrying.
    endpoint->max_attempts = 1;
    const QString region = c.regions.first();
    const int number = ++m_testNumber;
    m_testClient = std::make_unique<tablespan::RemoteClient>(std::move(*endpoint));
    setStatus(m_testResult, tr("Listing the tables of %1…").arg(region), false);
    updateValidity();
    const QPointer<ConnectDialog> self(this);
    // The callback runs on the client's thread while the dialog is alive (its destructor
    // joins that thread); the result is shown on the GUI thread.
    m_testClient->call(region.toStdString(), "ListTables", tablespan::Json{{"Limit", 1}},
                       [this, self, number, region](tablespan::Result result) {
                           QMetaObject::invokeMethod(
                               this,
                               [self, number, region, result = std::move(result)] {
                                   if (self && self->m_testNumber == number)
                                       self->showTestResult(result, region);
                               },
                               Qt::QueuedConnection);
                       });
}

void ConnectDialog::showTestResult(const tablespan::Result& result, const QString& region) {
    m_testClient.reset();
    if (result.ok()) {
        const auto names = result.body.value("TableNames", tablespan::Json::array());
        setStatus(
            m_testResult,
            tr("Connected: %n table(s) listed in %1.", nullptr, static_cast<int>(names.size()))
                .arg(region),
            false);
    } else {
        setStatus(m_testResult,
                  tr("Not connected: %1: %2")
                      .arg(QString::fromStdString(result.error->type),
                           QString::fromStdString(result.error->message)),
                  true);
    }
    updateValidity();
}
