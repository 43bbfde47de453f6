#include "remote/copy_table_dialog.h"

#include <algorithm>
#include <climits>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/view_style.h"
#include "remote/table_copy.h"
#include "tablespan/regions.h"

namespace {
// The service's rule for table names.
const QRegularExpression& tableNamePattern() {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]{3,255}$"));
    return pattern;
}

QString barText(QString text) {
    return text.replace(u'%', QStringLiteral("%%"));  // QProgressBar's placeholders
}
}  // namespace

CopyTableDialog::CopyTableDialog(EngineBridge& bridge, const QString& region, const QString& table,
                                 QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(table),
      m_destination(new QComboBox(this)),
      m_name(new QLineEdit(table, this)),
      m_sample(new QCheckBox(tr("Copy only the first"), this)),
      m_sampleSize(new QSpinBox(this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)),
      m_error(new QLabel(this)),
      m_start(new QPushButton(tr("Start copy"), this)),
      m_cancel(new QPushButton(tr("Cancel copy"), this)),
      m_close(new QPushButton(tr("Close"), this)) {
    setObjectName(QStringLiteral("copyTableDialog"));
    setWindowTitle(tr("Copy table %1").arg(table));

    auto* source = new QLabel(tr("%1 in %2").arg(table, EngineBridge::regionName(region)), this);
    source->setObjectName(QStringLiteral("copySource"));
    source->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_destination->setObjectName(QStringLiteral("copyDestinationRegion"));
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        m_destination->addItem(icon(QStringLiteral("region")),
                               tr("%1 %2").arg(EngineBridge::regionName(code), code), code);
    }
    const QMap<QString, QStringList> connections = bridge.connections();
    int firstRemote = -1;
    for (auto it = connections.begin(); it != connections.end(); ++it) {
        m_destination->insertSeparator(m_destination->count());
        for (const QString& code : it.value()) {
            if (firstRemote < 0) firstRemote = m_destination->count();
            m_destination->addItem(icon(QStringLiteral("remote")),
                                   tr("%1: %2 %3", "connection: region name, region code")
                                       .arg(it.key(), EngineBridge::regionName(code), code),
                                   EngineBridge::remoteRegion(code, it.key()));
        }
    }
    // Most copies cross between the embedded regions and a connection's.
    int initial = !EngineBridge::isRemoteRegion(region) && firstRemote >= 0 ? firstRemote : 0;
    if (m_destination->itemData(initial).toString() == region) initial = initial == 0 ? 1 : 0;
    m_destination->setCurrentIndex(initial);

    m_name->setObjectName(QStringLiteral("copyDestinationTable"));
    m_name->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9_.-]{0,255}")), m_name));
    m_sample->setObjectName(QStringLiteral("copySample"));
    m_sampleSize->setObjectName(QStringLiteral("copySampleSize"));
    m_sampleSize->setRange(1, 100'000'000);
    m_sampleSize->setValue(100);
    m_sampleSize->setGroupSeparatorShown(true);
    m_sampleSize->setSuffix(tr(" items"));
    m_sampleSize->setEnabled(false);
    auto* sampleRow = new QHBoxLayout;
    sampleRow->addWidget(m_sample);
    sampleRow->addWidget(m_sampleSize);
    sampleRow->addStretch();

    auto* note = new QLabel(tr("The copy is created on demand, with the source's keys and "
                               "indexes. Not copied: streams, TTL, tags, capacity and backup "
                               "settings."),
                            this);
    note->setObjectName(QStringLiteral("copyNote"));
    note->setWordWrap(true);
    QFont italic = note->font();
    italic.setItalic(true);
    note->setFont(italic);

    m_progress->setObjectName(QStringLiteral("copyProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_progress->hide();  // until a copy starts
    m_status->setObjectName(QStringLiteral("copyStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    ViewStyle::inlineError(m_error, QStringLiteral("copyError"));

    m_start->setObjectName(QStringLiteral("startCopy"));
    m_start->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelCopy"));
    m_close->setObjectName(QStringLiteral("closeCopy"));
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);

    auto* form = new QFormLayout;
    form->addRow(tr("Source:"), source);
    form->addRow(tr("Destination region:"), m_destination);
    form->addRow(tr("Destination table:"), m_name);
    form->addRow(QString(), sampleRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addSpacing(layout->spacing());
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_destination, &QComboBox::currentIndexChanged, this, &CopyTableDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &CopyTableDialog::validate);
    connect(m_sample, &QCheckBox::toggled, m_sampleSize, &QSpinBox::setEnabled);
    connect(m_start, &QPushButton::clicked, this, &CopyTableDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &CopyTableDialog::cancelCopy);
    connect(buttons, &QDialogButtonBox::rejected, this, &CopyTableDialog::reject);
    validate();
    layout->activate();
    resize(std::max(sizeHint().width(), 560), sizeHint().height());
}

QStringList CopyTableDialog::offeredRegions() const {
    QStringList out;
    for (int i = 0; i < m_destination->count(); ++i)
        if (const QString code = m_destination->itemData(i).toString(); !code.isEmpty())
            out << code;
    return out;
}

void CopyTableDialog::setDestination(const QString& region, const QString& table) {
    const int index = m_destination->findData(region);
    if (index >= 0) m_destination->setCurrentIndex(index);
    m_name->setText(table);
}

QString CopyTableDialog::destinationRegion() const {
    return m_destination->currentData().toString();
}

QString CopyTableDialog::destinationTable() const {
    return m_name->text();
}

void CopyTableDialog::setSample(int items) {
    m_sample->setChecked(items > 0);
    if (items > 0) m_sampleSize->setValue(items);
}

QString CopyTableDialog::validationText() const {
    return m_invalid;
}

bool CopyTableDialog::isRunning() const {
    return m_job && m_job->isRunning();
}

QString CopyTableDialog::statusText() const {
    return m_status->isHidden() ? QString() : m_status->text();
}

QString CopyTableDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void CopyTableDialog::validate() {
    const QString name = m_name->text();
    if (!tableNamePattern().match(name).hasMatch())
        m_invalid = tr("A table name has 3 to 255 characters: letters, digits, _ . and -.");
    else if (destinationRegion() == m_region && name == m_table)
        m_invalid = tr("That is the source table: choose another region or name.");
    else
        m_invalid.clear();
    if (!isRunning()) {
        m_error->setText(m_invalid);
        m_error->setVisible(!m_invalid.isEmpty());
    }
    updateButtons();
    fitHeight();
}

void CopyTableDialog::updateButtons() {
    const bool running = isRunning();
    m_start->setEnabled(!running && m_invalid.isEmpty());
    m_cancel->setEnabled(running && !m_cancelRequested);
    m_close->setEnabled(!running);
    m_destination->setEnabled(!running);
    m_name->setEnabled(!running);
    m_sample->setEnabled(!running);
    m_sampleSize->setEnabled(!running && m_sample->isChecked());
}

void CopyTableDialog::start() {
    if (isRunning() || !m_invalid.isEmpty()) return;
    if (m_job) {
        m_job->disconnect(this);
        m_job->deleteLater();
    }
    m_job =
        new TableCopy(m_bridge, m_region, m_table, destinationRegion(), destinationTable(), this);
    m_job->setLimit(m_sample->isChecked() ? m_sampleSize->value() : 0);
    connect(m_job, &TableCopy::stageChanged, this, &CopyTableDialog::showStage);
    connect(m_job, &TableCopy::progress, this, &CopyTableDialog::showProgress);
    connect(m_job, &TableCopy::finished, this, &CopyTableDialog::copyDone);
    m_cancelRequested = false;
    m_error->hide();
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_progress->show();
    m_job->start();
    updateButtons();
    fitHeight();
}

void CopyTableDialog::cancelCopy() {
    if (!isRunning()) return;
    m_cancelRequested = true;
    m_status->setText(tr("Cancelling: waiting for the writes in flight…"));
    m_status->show();
    updateButtons();
    m_job->cancel();
    fitHeight();
}

void CopyTableDialog::reject() {
    if (isRunning()) {
        cancelCopy();
        return;
    }
    QDialog::reject();
}

void CopyTableDialog::showStage() {
    if (m_cancelRequested) return;
    const QString destination =
        tr("%1 in %2").arg(destinationTable(), EngineBridge::regionName(destinationRegion()));
    QString text;
    switch (m_job->stage()) {
        case TableCopy::Stage::Describing:
            text = tr("Reading the description of %1…").arg(m_table);
            break;
        case TableCopy::Stage::Creating:
            text = tr("Creating %1…").arg(destination);
            break;
        case TableCopy::Stage::WaitingForActive:
            text = tr("Waiting for %1 to become ACTIVE…").arg(destination);
            break;
        case TableCopy::Stage::Copying:
            text = tr("Copying items to %1…").arg(destination);
            break;
        case TableCopy::Stage::Idle:
        case TableCopy::Stage::Finished:
            return;  // copyDone says how it ended
    }
    if (m_job->stage() != TableCopy::Stage::Copying) m_progress->setRange(0, 0);  // busy
    m_status->setText(text);
    m_status->show();
    fitHeight();
}

void CopyTableDialog::fitHeight() {
    // Lines come and go (the status, the error, longer wrapped translations): the dialog
    // grows to show them without squeezing the fields.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height()) resize(width(), needed);
}

void CopyTableDialog::showProgress(qint64 copied, qint64 expected) {
    const QLocale locale;
    if (expected > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::min<qint64>(1000, copied * 1000 / expected)));
        m_progress->setFormat(
            barText(tr("%1 of %2 items").arg(locale.toString(copied), locale.toString(expected))));
    } else {
        m_progress->setRange(0, 0);  // how many is not known: busy
        m_progress->setFormat(QString());
        if (!m_cancelRequested)
            m_status->setText(tr("Copying items: %1 so far…").arg(locale.toString(copied)));
    }
}

void CopyTableDialog::copyDone(bool ok, const QString& message) {
    const qint64 copied = m_job->copied();
    if (copied == 0) {
        m_progress->hide();  // the message says what happened
    } else if (ok) {
        showProgress(copied, copied);
    } else if (m_progress->maximum() == 0) {
        // A busy bar: how many there were was never known.
        m_progress->setRange(0, 1000);
        m_progress->setValue(0);
        m_progress->setFormat(barText(tr("%Ln item(s) copied", nullptr,
                                         static_cast<int>(std::min<qint64>(copied, INT_MAX)))));
    }
    const bool cancelled = m_cancelRequested;
    if (ok || cancelled) {
        m_status->setText(message);
        m_status->show();
        m_error->hide();
    } else {
        m_status->hide();
        m_error->setText(message);
        m_error->show();
    }
    updateButtons();
    fitHeight();
    emit copyFinished(ok, message);
}
