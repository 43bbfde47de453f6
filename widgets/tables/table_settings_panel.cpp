#include "tables/table_settings_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/view_style.h"
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
      m_apply(new QPushButton(tr("Apply changes"), this)),
      m_revert(new QPushButton(tr("Revert"), this)),
      m_error(new QLabel(this)),
      m_note(new QLabel(this)),
      m_tags(new TableTagsEditor(bridge, this)) {
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
    m_apply->setObjectName(QStringLiteral("applySettings"));
    m_revert->setObjectName(QStringLiteral("revertSettings"));
    ViewStyle::inlineError(m_error, QStringLiteral("settingsError"));
    m_note->setObjectName(QStringLiteral("settingsNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    auto* settings = new QGroupBox(tr("Table settings"), this);
    auto* box = new QVBoxLayout(settings);
    box->setSpacing(4);
    // The actions and what they answered first, as in the tags: the details pane is short
    // at 1000×700.
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    box->addLayout(buttons);
    box->addWidget(m_error);
    box->addWidget(m_note);
    auto* form = new QFormLayout;
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
    form->addRow(tr("Table class"), m_class);
    auto* stream = new QHBoxLayout;
    stream->addWidget(m_stream);
    stream->addWidget(m_streamView, 1);
    form->addRow(tr("DynamoDB stream"), stream);
    box->addLayout(form);
    box->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(settings, 1);
    layout->addWidget(m_tags, 1);

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

void TableSettingsPanel::setTable(const QString& region, const tablespan::Json& table) {
    const QString name =
        table.is_object() ? QString::fromStdString(table.value("TableName", "")) : QString();
    const bool other = name != m_table || region != m_region;
    const bool dirty = edited() != m_current;
    m_region = region;
    m_table = name;
    m_status =
        table.is_object() ? QString::fromStdString(table.value("TableStatus", "")) : QString();
    m_current = TableSettings::fromDescription(table);
    if (other) {
        showError({});
        showNote({});
    }
    // A refresh (a status change, a write) keeps what the user is editing.
    if (other || !dirty) showSettings(m_current);
    m_tags->setTable(region, table.is_object() ? QString::fromStdString(table.value("TableArn", ""))
                                               : QString());
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
    const bool dirty = has && now != m_current;
    m_apply->setEnabled(dirty && !m_busy);
    m_revert->setEnabled(dirty);
}

void TableSettingsPanel::revert() {
    showSettings(m_current);
    showError({});
    updateEnabled();
}

void TableSettingsPanel::apply() {
    const tablespan::Json request = TableSettings::updateRequest(m_table, m_current, edited());
    if (request.is_null()) return;
    showError({});
    showNote({});
    m_busy = true;
    updateEnabled();
    const QString table = m_table;
    const QString region = m_region;
    m_bridge.call(this, region, QStringLiteral("UpdateTable"), request,
                  [this, table, region](const tablespan::Result& r) {
                      m_busy = false;
                      if (table != m_table || region != m_region) return updateEnabled();
                      if (!r.ok()) {
                          showError(tr("DynamoDB did not change the settings of %1: %2")
                                        .arg(table, QString::fromStdString(r.error->message)));
                          return updateEnabled();
                      }
                      const tablespan::Json& description = r.body["TableDescription"];
                      m_current = TableSettings::fromDescription(description);
                      showSettings(m_current);
                      showNote(description.value("TableStatus", "") == "UPDATING"
                                   ? tr("Applied. The table is Updating until DynamoDB "
                                        "has made the change.")
                                   : tr("Applied."));
                      updateEnabled();
                      emit applied(description);
                  });
}
