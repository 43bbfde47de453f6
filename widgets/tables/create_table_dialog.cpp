#include "tables/create_table_dialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "kms/kms_key_picker.h"
#include "tables/index_editor.h"

namespace {
QComboBox* keyTypeBox(QWidget* parent) {
    auto* box = new QComboBox(parent);
    box->addItem(QCoreApplication::translate("CreateTableDialog", "String"), QStringLiteral("S"));
    box->addItem(QCoreApplication::translate("CreateTableDialog", "Number"), QStringLiteral("N"));
    box->addItem(QCoreApplication::translate("CreateTableDialog", "Binary"), QStringLiteral("B"));
    return box;
}

void markInvalid(QWidget* w, bool invalid) {
    w->setStyleSheet(invalid ? QStringLiteral("border: 1px solid #d13212;") : QString());
}

// The form scrolls up and down once it outgrows the dialog (five LSIs and a few GSIs
// do), but asks for its whole height (QScrollArea's own size hint is a small fixed box;
// QWidget::adjustSize keeps a dialog within the screen) and never for less than its width.
class FormScrollArea final : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    void setForm(QWidget* form) {
        // The form never shrinks below what its rows need (they would overlap): it
        // scrolls instead.
        form->layout()->setSizeConstraint(QLayout::SetMinimumSize);
        setWidget(form);
        form->installEventFilter(this);
    }
    QSize sizeHint() const override {
        if (!widget()) return QScrollArea::sizeHint();
        return widget()->sizeHint() + chrome();
    }
    QSize minimumSizeHint() const override {
        if (!widget()) return QScrollArea::minimumSizeHint();
        return {widget()->minimumSizeHint().width() + chrome().width(),
                QScrollArea::minimumSizeHint().height()};
    }
    bool eventFilter(QObject* watched, QEvent* event) override {
        // An index added or removed changes the form's size hint, and so the dialog's.
        if (watched == widget() && event->type() == QEvent::LayoutRequest) updateGeometry();
        return QScrollArea::eventFilter(watched, event);
    }

private:
    // The frame, and the vertical scroll bar when it shows.
    QSize chrome() const {
        const int frame = 2 * frameWidth();
        return {frame + verticalScrollBar()->sizeHint().width(), frame};
    }
};
}  // namespace

CreateTableDialog::CreateTableDialog(EngineBridge& bridge, const QString& region, QWidget* parent)
    : QDialog(parent), m_bridge(bridge), m_region(region) {
    setObjectName(QStringLiteral("createTableDialog"));
    setWindowTitle(tr("Create table in %1").arg(region));
    auto* layout = new QVBoxLayout(this);
    // Everything but the message and the buttons scrolls, so that they stay in view.
    auto* scroll = new FormScrollArea(this);
    scroll->setObjectName(QStringLiteral("createTableScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* body = new QWidget(scroll);
    auto* form = new QVBoxLayout(body);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(buildKeys());
    m_indexes = new IndexEditor(body);
    form->addWidget(m_indexes);
    connect(m_indexes, &IndexEditor::changed, this, &CreateTableDialog::revalidate);
    const auto tableKey = [this] {
        m_indexes->setTablePartitionKey(m_pk->text(), m_pkType->currentData().toString());
    };
    connect(m_pk, &QLineEdit::textChanged, this, tableKey);
    connect(m_pkType, &QComboBox::currentIndexChanged, this, tableKey);
    connect(m_skType, &QComboBox::currentIndexChanged, this, &CreateTableDialog::revalidate);
    connect(m_pkType, &QComboBox::currentIndexChanged, this, &CreateTableDialog::revalidate);
    form->addWidget(buildSettings());
    form->addWidget(buildTags());
    form->addStretch();
    scroll->setForm(body);
    layout->addWidget(scroll, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d13212;"));
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create table"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateTableDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateTableDialog::reject);
    layout->addWidget(m_buttons);
    revalidate();
}

QWidget* CreateTableDialog::buildKeys() {
    auto* box = new QGroupBox(tr("Table details"), this);
    auto* form = new QFormLayout(box);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("tableName"));
    m_name->setPlaceholderText(tr("e.g. Music"));
    form->addRow(tr("Table name"), m_name);
    auto* pkRow = new QHBoxLayout;
    m_pk = new QLineEdit(box);
    m_pk->setObjectName(QStringLiteral("partitionKey"));
    m_pk->setPlaceholderText(tr("e.g. Artist"));
    m_pkType = keyTypeBox(box);
    pkRow->addWidget(m_pk, 1);
    pkRow->addWidget(m_pkType);
    form->addRow(tr("Partition key"), pkRow);
    auto* skRow = new QHBoxLayout;
    m_hasSort = new QCheckBox(box);
    m_hasSort->setObjectName(QStringLiteral("hasSortKey"));
    m_sk = new QLineEdit(box);
    m_sk->setObjectName(QStringLiteral("sortKey"));
    m_sk->setPlaceholderText(tr("optional, e.g. SongTitle"));
    m_sk->setEnabled(false);
    m_skType = keyTypeBox(box);
    m_skType->setEnabled(false);
    skRow->addWidget(m_hasSort);
    skRow->addWidget(m_sk, 1);
    skRow->addWidget(m_skType);
    form->addRow(tr("Sort key"), skRow);
    connect(m_hasSort, &QCheckBox::toggled, m_sk, &QWidget::setEnabled);
    connect(m_hasSort, &QCheckBox::toggled, m_skType, &QWidget::setEnabled);
    connect(m_hasSort, &QCheckBox::toggled, this, &CreateTableDialog::revalidate);
    for (auto* edit : {m_name, m_pk, m_sk})
        connect(edit, &QLineEdit::textChanged, this, &CreateTableDialog::revalidate);
    return box;
}

QWidget* CreateTableDialog::buildSettings() {
    auto* box = new QGroupBox(tr("Table settings"), this);
    auto* form = new QFormLayout(box);
    auto* modeRow = new QHBoxLayout;
    m_onDemand = new QRadioButton(tr("On-demand"), box);
    m_onDemand->setObjectName(QStringLiteral("onDemand"));
    auto* provisioned = new QRadioButton(tr("Provisioned"), box);
    provisioned->setObjectName(QStringLiteral("provisioned"));
    m_onDemand->setChecked(true);
    m_rcu = new QSpinBox(box);
    m_wcu = new QSpinBox(box);
    for (auto* spin : {m_rcu, m_wcu}) {
        spin->setRange(0, 1'000'000);
        spin->setValue(5);
        spin->setEnabled(false);
        connect(spin, &QSpinBox::valueChanged, this, &CreateTableDialog::revalidate);
        connect(provisioned, &QRadioButton::toggled, spin, &QWidget::setEnabled);
    }
    connect(provisioned, &QRadioButton::toggled, this, &CreateTableDialog::revalidate);
    modeRow->addWidget(m_onDemand);
    modeRow->addWidget(provisioned);
    modeRow->addSpacing(12);
    modeRow->addWidget(new QLabel(tr("Read units"), box));
    modeRow->addWidget(m_rcu);
    modeRow->addWidget(new QLabel(tr("Write units"), box));
    modeRow->addWidget(m_wcu);
    modeRow->addStretch();
    form->addRow(tr("Capacity mode"), modeRow);

    m_class = new QComboBox(box);
    m_class->addItem(tr("DynamoDB Standard"), false);
    m_class->addItem(tr("DynamoDB Standard-IA"), true);
    form->addRow(tr("Table class"), m_class);

    m_stream = new QComboBox(box);
    m_stream->addItem(tr("Off"), QString());
    m_stream->addItem(tr("Key attributes only"), QStringLiteral("KEYS_ONLY"));
    m_stream->addItem(tr("New image"), QStringLiteral("NEW_IMAGE"));
    m_stream->addItem(tr("Old image"), QStringLiteral("OLD_IMAGE"));
    m_stream->addItem(tr("New and old images"), QStringLiteral("NEW_AND_OLD_IMAGES"));
    form->addRow(tr("DynamoDB stream"), m_stream);

    auto* sseRow = new QHBoxLayout;
    m_sse = new QComboBox(box);
    m_sse->addItem(tr("Owned by Amazon DynamoDB"));
    m_sse->addItem(tr("AWS managed key (aws/dynamodb)"));
    m_sse->addItem(tr("Customer managed KMS key"));
    // The region's customer managed keys, or an id, ARN or alias typed by hand.
    m_kms = new KmsKeyPicker(m_bridge, box);
    m_kms->setRegion(m_region);
    m_kms->setEnabled(false);
    sseRow->addWidget(m_sse);
    sseRow->addWidget(m_kms, 1);
    form->addRow(tr("Encryption at rest"), sseRow);
    connect(m_sse, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_kms->setEnabled(i == 2);
        revalidate();
    });
    connect(m_kms, &KmsKeyPicker::keyChanged, this, &CreateTableDialog::revalidate);

    m_protect = new QCheckBox(tr("Turn on deletion protection"), box);
    m_protect->setObjectName(QStringLiteral("deletionProtection"));
    form->addRow(tr("Deletion protection"), m_protect);
    return box;
}

QWidget* CreateTableDialog::buildTags() {
    auto* box = new QGroupBox(tr("Tags"), this);
    auto* layout = new QHBoxLayout(box);
    m_tags = new QTableWidget(0, 2, box);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_tags->horizontalHeader()->setStretchLastSection(true);
    m_tags->verticalHeader()->hide();
    m_tags->setMaximumHeight(110);
    layout->addWidget(m_tags, 1);
    auto* buttons = new QVBoxLayout;
    auto* add = new QPushButton(tr("Add tag"), box);
    auto* remove = new QPushButton(tr("Remove"), box);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        m_tags->insertRow(m_tags->rowCount());
        m_tags->setItem(m_tags->rowCount() - 1, 0, new QTableWidgetItem);
        m_tags->setItem(m_tags->rowCount() - 1, 1, new QTableWidgetItem);
        m_tags->editItem(m_tags->item(m_tags->rowCount() - 1, 0));
        revalidate();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_tags->currentRow() >= 0) m_tags->removeRow(m_tags->currentRow());
        revalidate();
    });
    connect(m_tags, &QTableWidget::itemChanged, this, &CreateTableDialog::revalidate);
    return box;
}

CreateTableSpec CreateTableDialog::spec() const {
    CreateTableSpec s;
    s.name = m_name->text().trimmed();
    s.partitionKey = m_pk->text();
    s.partitionType = m_pkType->currentData().toString();
    s.hasSortKey = m_hasSort->isChecked();
    s.sortKey = m_sk->text();
    s.sortType = m_skType->currentData().toString();
    s.onDemand = m_onDemand->isChecked();
    s.readCapacity = m_rcu->value();
    s.writeCapacity = m_wcu->value();
    s.infrequentAccess = m_class->currentData().toBool();
    s.streamViewType = m_stream->currentData().toString();
    s.encryption = static_cast<CreateTableSpec::Encryption>(m_sse->currentIndex());
    s.kmsKeyId = m_kms->keyId();
    s.deletionProtection = m_protect->isChecked();
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const auto* key = m_tags->item(row, 0);
        const auto* value = m_tags->item(row, 1);
        s.tags.append({key ? key->text() : QString(), value ? value->text() : QString()});
    }
    s.indexes = m_indexes->indexes();
    return s;
}

QString CreateTableDialog::errorText() const {
    return m_error->text();
}

void CreateTableDialog::revalidate() {
    const auto problems = validateSpec(spec());
    const auto has = [&](SpecProblem::Field f) {
        for (const auto& p : problems)
            if (p.field == f) return true;
        return false;
    };
    // Empty required fields are not shouted at before the user typed anything.
    const bool pristine = m_name->text().isEmpty() && m_pk->text().isEmpty();
    markInvalid(m_name, !pristine && has(SpecProblem::Name));
    markInvalid(m_pk, !pristine && has(SpecProblem::PartitionKey));
    markInvalid(m_sk, has(SpecProblem::SortKey) && !m_sk->text().isEmpty());
    markInvalid(m_kms, has(SpecProblem::Kms));
    QStringList shown;
    if (!pristine)
        for (const auto& p : problems) shown << p.message;
    m_error->setText(shown.join(QLatin1Char('\n')));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty() && !m_busy);
}

void CreateTableDialog::accept() {
    const CreateTableSpec s = spec();
    if (!validateSpec(s).isEmpty() || m_busy) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->setText(tr("Creating…"));
    m_error->setStyleSheet(QString());
    m_bridge.call(this, m_region, QStringLiteral("CreateTable"), createTableRequest(s),
                  [this, name = s.name](const tablespan::Result& r) {
                      m_busy = false;
                      if (r.ok()) {
                          emit tableCreated(name);
                          QDialog::accept();
                          return;
                      }
                      m_error->setStyleSheet(QStringLiteral("color: #d13212;"));
                      m_error->setText(EngineBridge::errorText(r));
                      m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                  });
}
