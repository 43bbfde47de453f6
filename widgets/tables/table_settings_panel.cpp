#include "tables/table_settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "capacity/auto_scaling_box.h"
#include "common/engine_bridge.h"
#include "common/view_style.h"
#include "kms/table_encryption_box.h"
#include "tables/table_tags_editor.h"

TableSettingsPanel::TableSettingsPanel(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_protection(new QCheckBox(tr("Protect the table from deletion"), this)),
      m_billing(new QComboBox(this)),
      m_read(new QSpinBox(this)),
      m_write(new QSpinBox(this)),
      m_class(new QComboBox(this)),
      m_stream(new QCheckBox(tr("On"), this)),
      m_streamView(new QComboBox(this)),
      m_ttl(new QCheckBox(tr("On"), this)),
      m_ttlAttribute(new QLineEdit(this)),
      m_ttlStatus(new QLabel(this)),
      m_apply(new QPushButton(tr("Apply changes"), this)),
      m_revert(new QPushButton(tr("Revert"), this)),
      m_error(new QLabel(this)),
      m_note(new QLabel(this)),
      m_tags(new TableTagsEditor(bridge, this)),
      m_encryption(new TableEncryptionBox(bridge, this)),
      m_autoScaling(new AutoScalingBox(bridge, this)) {
    setObjectName(QStringLiteral("tableSettings"));
    m_protection->setObjectName(QStringLiteral("deletionProtection"));
    m_billing->setObjectName(QStringLiteral("capacityMode"));
    m_billing->addItem(tr("On-demand"), QStringLiteral("PAY_PER_REQUEST"));
    m_billing->addItem(tr("Provisioned"), QStringLiteral("PROVISIONED"));
    for (QSpinBox* box : {m_read, m_write}) {
        box->setRange(1, 1'000'000);
        box->setGroupSeparatorShown(true);
    }
    m_read->setObjectName(QStringLiteral("readCapacity"));
    m_write->setObjectName(QStringLiteral("writeCapacity"));
    m_class->setObjectName(QStringLiteral("tableClass"));
    m_class->addItem(tr("DynamoDB Standard"), QStringLiteral("STANDARD"));
    m_class->addItem(tr("DynamoDB Standard-IA"), QStringLiteral("STANDARD_INFREQUENT_ACCESS"));
    m_stream->setObjectName(QStringLiteral("streamEnabled"));
    m_streamView->setObjectName(QStringLiteral("streamViewType"));
    m_streamView->setToolTip(tr("Stream view type"));
    m_streamView->addItem(tr("Keys only"), QStringLiteral("KEYS_ONLY"));
    m_streamView->addItem(tr("New image"), QStringLiteral("NEW_IMAGE"));
    m_streamView->addItem(tr("Old image"), QStringLiteral("OLD_IMAGE"));
    m_streamView->addItem(tr("New and old images"), QStringLiteral("NEW_AND_OLD_IMAGES"));
    m_ttl->setObjectName(QStringLiteral("ttlEnabled"));
    m_ttlAttribute->setObjectName(QStringLiteral("ttlAttribute"));
    m_ttlAttribute->setPlaceholderText(tr("Attribute name, e.g. expiresAt"));
    m_ttlAttribute->setMaxLength(255);
    m_ttlStatus->setObjectName(QStringLiteral("ttlStatus"));
    m_ttlStatus->setWordWrap(true);
    m_ttlStatus->setText(QStringLiteral("—"));
    m_apply->setObjectName(QStringLiteral("applySettings"));
    m_revert->setObjectName(QStringLiteral("revertSettings"));
    ViewStyle::inlineError(m_error, QStringLiteral("settingsError"));
    m_note->setObjectName(QStringLiteral("settingsNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    // Apply and Revert cover the table settings and Time to Live (the tags save
    // themselves), so they and what the service answered head the panel: the details pane
    // is short at 1000×700.
    auto* actions = new QHBoxLayout;
    auto* messages = new QVBoxLayout;
    messages->addWidget(m_error);
    messages->addWidget(m_note);
    actions->addLayout(messages, 1);
    actions->addWidget(m_revert, 0, Qt::AlignTop);
    actions->addWidget(m_apply, 0, Qt::AlignTop);

    auto* settings = new QGroupBox(tr("Table settings"), this);
    auto* form = new QFormLayout(settings);
    form->setVerticalSpacing(4);
    form->addRow(tr("Deletion protection"), m_protection);
    form->addRow(tr("Capacity mode"), m_billing);
    // Read and write side by side.
    auto* throughput = new QHBoxLayout;
    throughput->addWidget(new QLabel(tr("Read"), settings));
    throughput->addWidget(m_read, 1);
    throughput->addSpacing(8);
    throughput->addWidget(new QLabel(tr("Write"), settings));
    throughput->addWidget(m_write, 1);
    m_read->setToolTip(tr("Read capacity units"));
    m_write->setToolTip(tr("Write capacity units"));
    form->addRow(tr("Capacity units"), throughput);
    form->addRow(tr("Auto scaling"), m_autoScaling);
    form->addRow(tr("Table class"), m_class);
    auto* stream = new QHBoxLayout;
    stream->addWidget(m_stream);
    stream->addWidget(m_streamView, 1);
    form->addRow(tr("DynamoDB stream"), stream);

    // Above the tags, where it shows without scrolling; the service changes it with a
    // request of its own.
    auto* ttlGroup = new QGroupBox(tr("Time to Live"), this);
    ttlGroup->setObjectName(QStringLiteral("ttlGroup"));
    auto* ttlForm = new QFormLayout(ttlGroup);
    ttlForm->setVerticalSpacing(4);
    ttlForm->addRow(tr("Status"), m_ttlStatus);
    auto* ttl = new QHBoxLayout;
    ttl->addWidget(m_ttl);
    ttl->addWidget(m_ttlAttribute, 1);
    ttlForm->addRow(tr("Expire items"), ttl);

    auto* left = new QVBoxLayout;
    left->addWidget(settings);
    left->addWidget(m_encryption);
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(ttlGroup);
    right->addWidget(m_tags, 1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addLayout(columns, 1);

    const auto edited = [this] {
        if (m_loading) return;
        showError({});
        showNote({});
        updateEnabled();
    };
    connect(m_protection, &QCheckBox::toggled, this, edited);
    connect(m_billing, &QComboBox::currentIndexChanged, this, edited);
    connect(m_read, &QSpinBox::valueChanged, this, edited);
    connect(m_write, &QSpinBox::valueChanged, this, edited);
    connect(m_class, &QComboBox::currentIndexChanged, this, edited);
    connect(m_stream, &QCheckBox::toggled, this, edited);
    connect(m_streamView, &QComboBox::currentIndexChanged, this, edited);
    connect(m_ttl, &QCheckBox::toggled, this, edited);
    connect(m_ttlAttribute, &QLineEdit::textChanged, this, edited);
    connect(m_encryption, &TableEncryptionBox::edited, this, edited);
    connect(m_apply, &QPushButton::clicked, this, &TableSettingsPanel::apply);
    connect(m_revert, &QPushButton::clicked, this, &TableSettingsPanel::revert);
    setTable({}, {});
}

TableSettings TableSettingsPanel::edited() const {
    TableSettings s;
    s.deletionProtection = m_protection->isChecked();
    s.billingMode = m_billing->currentData().toString();
    s.readCapacity = m_read->value();
    s.writeCapacity = m_write->value();
    s.tableClass = m_class->currentData().toString();
    s.streamEnabled = m_stream->isChecked();
    s.streamViewType = m_streamView->currentData().toString();
    return s;
}

TtlSettings TableSettingsPanel::editedTtl() const {
    return {m_ttl->isChecked(), m_ttlAttribute->text()};
}

QString TableSettingsPanel::ttlStatusText() const {
    return m_ttlStatus->text();
}

QString TableSettingsPanel::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void TableSettingsPanel::showNote(const QString& text) {
    // Hidden when empty: an empty line would push the form down in a short pane.
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void TableSettingsPanel::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void TableSettingsPanel::addError(const QString& text) {
    showError(m_error->isHidden() ? text : m_error->text() + QLatin1Char('\n') + text);
}

void TableSettingsPanel::addNote(const QString& text) {
    showNote(m_note->isHidden() ? text : m_note->text() + QLatin1Char('\n') + text);
}

void TableSettingsPanel::setTable(const QString& region, const tablespan::Json& table) {
    const QString name =
        table.is_object() ? QString::fromStdString(table.value("TableName", "")) : QString();
    const bool other = name != m_table || region != m_region;
    const bool dirty = edited() != m_current;
    const QString status =
        table.is_object() ? QString::fromStdString(table.value("TableStatus", "")) : QString();
    const bool statusChanged = status != m_status;
    m_region = region;
    m_table = name;
    m_status = status;
    m_current = TableSettings::fromDescription(table);
    if (other) {
        showError({});
        showNote({});
        m_ttlKnown = false;
        m_ttlCurrent = {};
        showTtl(m_ttlCurrent);
        m_ttlAttribute->clear();
        m_ttlStatus->setText(QStringLiteral("—"));
    }
    // A refresh (a status change, a write) keeps what the user is editing.
    if (other || !dirty) showSettings(m_current);
    // Not on every refresh: a backfill refreshes several times a second. A table being
    // created has no Time to Live to describe until it is Active.
    if (other || statusChanged) describeTtl();
    m_tags->setTable(region, table.is_object() ? QString::fromStdString(table.value("TableArn", ""))
                                               : QString());
    m_encryption->setTable(region, table);
    m_autoScaling->setTable(region, table);
    updateEnabled();
}

void TableSettingsPanel::showSettings(const TableSettings& s) {
    m_loading = true;
    m_protection->setChecked(s.deletionProtection);
    m_billing->setCurrentIndex(m_billing->findData(s.billingMode));
    m_read->setValue(static_cast<int>(s.readCapacity));
    m_write->setValue(static_cast<int>(s.writeCapacity));
    m_class->setCurrentIndex(m_class->findData(s.tableClass));
    m_stream->setChecked(s.streamEnabled);
    m_streamView->setCurrentIndex(m_streamView->findData(s.streamViewType));
    m_loading = false;
}

void TableSettingsPanel::showTtl(const TtlSettings& s) {
    m_loading = true;
    m_ttl->setChecked(s.enabled);
    // Off, the service names no attribute: keep what the field had.
    if (s.enabled) m_ttlAttribute->setText(s.attribute);
    m_loading = false;
}

void TableSettingsPanel::describeTtl() {
    const int generation = ++m_ttlGeneration;
    if (m_table.isEmpty()) {
        m_ttlStatus->setText(QStringLiteral("—"));
        return;
    }
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeTimeToLive"),
        {{"TableName", m_table.toStdString()}}, [this, generation](const tablespan::Result& r) {
            if (generation != m_ttlGeneration) return;
            if (!r.ok()) {
                m_ttlKnown = false;
                m_ttlStatus->setText(QString::fromStdString(r.error->message));
                return updateEnabled();
            }
            const TtlSettings fresh = TtlSettings::fromDescription(r.body["TimeToLiveDescription"]);
            // An edit survives a refresh, not a change made elsewhere.
            const bool keep = m_ttlKnown && editedTtl() != m_ttlCurrent && fresh == m_ttlCurrent;
            m_ttlCurrent = fresh;
            m_ttlKnown = true;
            if (!keep) showTtl(m_ttlCurrent);
            updateEnabled();
        });
}

void TableSettingsPanel::updateEnabled() {
    const bool has = !m_table.isEmpty();
    const TableSettings now = edited();
    for (QWidget* w : {static_cast<QWidget*>(m_protection), static_cast<QWidget*>(m_billing),
                       static_cast<QWidget*>(m_class), static_cast<QWidget*>(m_stream)})
        w->setEnabled(has);
    const bool provisioned = now.billingMode == QLatin1String("PROVISIONED");
    m_read->setEnabled(has && provisioned);
    m_write->setEnabled(has && provisioned);
    // The service changes a stream's view type only by turning it off and on again.
    m_streamView->setEnabled(has && now.streamEnabled && !m_current.streamEnabled);
    m_streamView->setToolTip(m_current.streamEnabled
                                 ? tr("To change the view type, turn the stream off, apply, "
                                      "then turn it on again.")
                                 : tr("Stream view type"));
    const bool ttlKnown = has && m_ttlKnown;
    m_ttl->setEnabled(ttlKnown);
    // The service moves Time to Live to another attribute only by turning it off first.
    m_ttlAttribute->setEnabled(ttlKnown && m_ttl->isChecked() && !m_ttlCurrent.enabled);
    m_ttlAttribute->setToolTip(
        m_ttlCurrent.enabled
            ? tr("To use another attribute, turn Time to Live off, apply, then turn it on "
                 "again with the new name (DynamoDB allows one change per hour).")
            : tr("The Number attribute that holds each item's expiry time, in seconds since "
                 "1970 (Unix epoch time)."));
    if (ttlKnown)
        m_ttlStatus->setText(
            m_ttlCurrent.enabled
                ? tr("Enabled: items expire at the time in “%1”.").arg(m_ttlCurrent.attribute)
                : tr("Disabled: items do not expire."));
    const bool dirty = has && (now != m_current || (ttlKnown && editedTtl() != m_ttlCurrent) ||
                               m_encryption->dirty());
    m_apply->setEnabled(dirty && !busy());
    m_revert->setEnabled(dirty);
}

void TableSettingsPanel::revert() {
    showSettings(m_current);
    showTtl(m_ttlCurrent);
    m_encryption->revert();
    showError({});
    updateEnabled();
}

void TableSettingsPanel::apply() {
    const tablespan::Json table = TableSettings::updateRequest(m_table, m_current, edited());
    const TtlSettings ttl = editedTtl();
    const tablespan::Json ttlRequest =
        m_ttlKnown ? TtlSettings::updateRequest(m_table, m_ttlCurrent, ttl) : tablespan::Json();
    const tablespan::Json encryption = m_encryption->updateRequest(m_table);
    if (table.is_null() && ttlRequest.is_null() && encryption.is_null()) return;
    showError({});
    showNote({});
    if (!ttlRequest.is_null() && ttl.enabled && ttl.attribute.isEmpty()) {
        showError(tr("Name the attribute that holds each item's expiry time."));
        return;
    }
    if (!table.is_null()) applyTable(table);
    if (!ttlRequest.is_null()) applyTtl(ttlRequest);
    if (!encryption.is_null()) applyEncryption(encryption);
}

void TableSettingsPanel::applyEncryption(const tablespan::Json& request) {
    updateTable(request, tr("DynamoDB did not change the encryption of %1: %2"),
                [this](const tablespan::Json& description) {
                    m_encryption->setTable(m_region, description);
                    addNote(
                        tr("The table is encrypted with the new key once DynamoDB has "
                           "made the change."));
                });
}

void TableSettingsPanel::applyTable(const tablespan::Json& request) {
    updateTable(request, tr("DynamoDB did not change the settings of %1: %2"),
                [this](const tablespan::Json& description) {
                    m_current = TableSettings::fromDescription(description);
                    showSettings(m_current);
                    addNote(description.value("TableStatus", "") == "UPDATING"
                                ? tr("Applied. The table is Updating until DynamoDB "
                                     "has made the change.")
                                : tr("Applied."));
                });
}

void TableSettingsPanel::updateTable(const tablespan::Json& request, const QString& refused,
                                     const std::function<void(const tablespan::Json&)>& accepted) {
    ++m_pending;
    updateEnabled();
    const QString table = m_table;
    const QString region = m_region;
    m_bridge.call(this, region, QStringLiteral("UpdateTable"), request,
                  [this, table, region, refused, accepted](const tablespan::Result& r) {
                      --m_pending;
                      if (table != m_table || region != m_region) return updateEnabled();
                      if (!r.ok()) {
                          addError(refused.arg(table, QString::fromStdString(r.error->message)));
                          return updateEnabled();
                      }
                      const tablespan::Json& description = r.body["TableDescription"];
                      accepted(description);
                      updateEnabled();
                      emit applied(description);
                  });
}

void TableSettingsPanel::applyTtl(const tablespan::Json& request) {
    ++m_pending;
    updateEnabled();
    const QString table = m_table;
    const QString region = m_region;
    m_bridge.call(
        this, region, QStringLiteral("UpdateTimeToLive"), request,
        [this, table, region](const tablespan::Result& r) {
            --m_pending;
            if (table != m_table || region != m_region) return updateEnabled();
            if (!r.ok()) {
                addError(tr("DynamoDB did not change the Time to Live of %1: %2")
                             .arg(table, QString::fromStdString(r.error->message)));
                // The refusal may come from a change made elsewhere: show the setting as
                // it is, keeping the edit for another try.
                describeTtl();
                return updateEnabled();
            }
            const tablespan::Json& spec = r.body["TimeToLiveSpecification"];
            m_ttlCurrent = {spec.value("Enabled", false),
                            QString::fromStdString(spec.value("AttributeName", ""))};
            ++m_ttlGeneration;  // an answer to an earlier DescribeTimeToLive is stale
            m_ttlKnown = true;
            showTtl(m_ttlCurrent);
            addNote(m_ttlCurrent.enabled
                        ? tr("Time to Live is on. DynamoDB deletes each item within a few "
                             "days after the time in its “%1” attribute.")
                              .arg(m_ttlCurrent.attribute)
                        : tr("Time to Live is off. Items no longer expire."));
            updateEnabled();
        });
}
