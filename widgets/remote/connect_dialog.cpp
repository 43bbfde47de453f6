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
#include "tablespan/regions.h"

namespace {
QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The credentials combo: the CLI's default chain, one item per profile, no signature.
constexpr int kProfileRole = Qt::UserRole;
constexpr int kUnsignedRole = Qt::UserRole + 1;
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
           "files when it connects."));
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
    m_credentials->addItem(tr("No signature (DynamoDB Local, Tablespan without --require-auth)"));
    m_credentials->setItemData(m_credentials->count() - 1, QString(), kProfileRole);
    m_credentials->setItemData(m_credentials->count() - 1, true, kUnsignedRole);
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
        index = m_credentials->count() - 1;
    } else {
        for (int i = 0; i + 1 < m_credentials->count() && index < 0; ++i)
            if (m_credentials->itemData(i, kProfileRole).toString() == c.profile) index = i;
        if (index < 0) {
            // A profile no longer in the files: kept, and the status line says it is gone.
            index = m_credentials->count() - 1;
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
    if (!c.unsignedRequests) c.profile = m_credentials->currentData(kProfileRole).toString();
    c.caFile = m_caFile->text().trimmed();
    return c;
}

QString ConnectDialog::validationMessage() const {
    QStringList others = m_existingNames;
    if (!m_originalName.isEmpty()) others.removeAll(m_originalName);
    return validateConnection(connection(), others);
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

void ConnectDialog::updateCredentials() {
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
    setStatus(m_credentialStatus, text, !found.credentials);
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

void ConnectDialog::updateValidity() {
    const QString message = validationMessage();
    m_validation->setText(message);
    m_validation->setVisible(m_edited && !message.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    fitHeight();
    // A test needs the URL and a region, not the name.
    RemoteConnection probe = connection();
    probe.name = QStringLiteral("test");
    m_test->setEnabled(!m_testClient && validateConnection(probe, {}).isEmpty());
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
    std::optional<tablespan::RemoteEndpoint> endpoint = endpointFor(c, m_env, &error);
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
