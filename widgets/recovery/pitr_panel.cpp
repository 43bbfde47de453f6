#include "recovery/pitr_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "recovery/pitr_timeline.h"
#include "recovery/recovery_queries.h"
#include "recovery/restore_dialog.h"
#include "recovery/restore_progress.h"
#include "common/table_box.h"
#include "tables/tables_model.h"
#include "common/view_style.h"

using tablespan::Json;

namespace {
qint64 msOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? static_cast<qint64>(it->get<double>() * 1000) : 0;
}

QString dateText(qint64 ms) {
    return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms),
                                   QStringLiteral("yyyy-MM-dd HH:mm:ss"))
              : QStringLiteral("—");
}
}  // namespace

PitrPanel::PitrPanel(EngineBridge& bridge, TablesModel& tables, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tables(tables),
      m_tableBox(new QComboBox(this)),
      m_switch(new QCheckBox(tr("Point-in-time recovery"), this)),
      m_period(new QSpinBox(this)),
      m_status(new QLabel(this)),
      m_earliestLabel(new QLabel(this)),
      m_latestLabel(new QLabel(this)),
      m_storage(new QLabel(this)),
      m_error(new QLabel(this)),
      m_chartBox(new QGroupBox(this)),
      m_remoteNote(new QLabel(this)),
      m_timeline(new PitrTimeline(this)),
      m_time(new QDateTimeEdit(this)),
      m_latest(new QCheckBox(tr("Latest restorable time"), this)),
      m_restore(new QPushButton(icon(QStringLiteral("import")), tr("Restore to new table…"), this)),
      m_progress(new RestoreProgress(bridge, this)),
      m_tick(new QTimer(this)),
      m_changes(new QTimer(this)) {
    setObjectName(QStringLiteral("pitrPanel"));
    m_tableBox->setObjectName(QStringLiteral("pitrTable"));
    m_tableBox->setMinimumContentsLength(16);
    m_switch->setObjectName(QStringLiteral("pitrSwitch"));
    m_period->setObjectName(QStringLiteral("pitrPeriod"));
    m_period->setRange(1, 35);
    m_period->setValue(35);
    m_period->setKeyboardTracking(false);
    m_period->setSuffix(tr(" days"));
    auto* reload = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Table:"), this));
    top->addWidget(m_tableBox);
    top->addSpacing(12);
    top->addWidget(m_switch);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Recovery period:"), this));
    top->addWidget(m_period);
    top->addStretch();
    top->addWidget(reload);

    ViewStyle::inlineError(m_error, QStringLiteral("pitrError"));

    auto* statusBox = new QGroupBox(tr("Status"), this);
    auto* form = new QFormLayout(statusBox);
    m_status->setObjectName(QStringLiteral("pitrStatus"));
    m_storage->setObjectName(QStringLiteral("pitrStorage"));
    m_earliestLabel->setObjectName(QStringLiteral("pitrEarliest"));
    m_latestLabel->setObjectName(QStringLiteral("pitrLatest"));
    for (QLabel* l : {m_status, m_earliestLabel, m_latestLabel, m_storage}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    form->addRow(tr("Recovery"), m_status);
    form->addRow(tr("Earliest restorable"), m_earliestLabel);
    form->addRow(tr("Latest restorable"), m_latestLabel);
    form->addRow(tr("History storage"), m_storage);

    auto* chartLayout = new QVBoxLayout(m_chartBox);
    m_remoteNote->setObjectName(QStringLiteral("pitrRemoteNote"));
    m_remoteNote->setWordWrap(true);
    m_remoteNote->hide();
    chartLayout->addWidget(m_remoteNote);
    chartLayout->addWidget(m_timeline, 1);
    auto* pick = new QHBoxLayout;
    m_time->setObjectName(QStringLiteral("pitrTime"));
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_time->setCalendarPopup(true);
    m_latest->setObjectName(QStringLiteral("pitrLatestBox"));
    m_latest->setChecked(true);
    m_restore->setObjectName(QStringLiteral("pitrRestore"));
    pick->addWidget(new QLabel(tr("Restore to:"), this));
    pick->addWidget(m_time);
    pick->addWidget(m_latest);
    pick->addStretch();
    pick->addWidget(m_restore);
    chartLayout->addLayout(pick);
    chartLayout->addWidget(m_progress);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(statusBox);
    layout->addWidget(m_chartBox, 1);

    connect(m_tableBox, &QComboBox::currentTextChanged, this, &PitrPanel::setTable);
    connect(m_tableBox, &QComboBox::activated, this,
            [this] { emit tableChosen(m_tableBox->currentText()); });
    connect(m_switch, &QCheckBox::clicked, this, &PitrPanel::setPitr);
    connect(m_period, &QSpinBox::valueChanged, this, &PitrPanel::setRecoveryPeriod);
    connect(reload, &QPushButton::clicked, this, &PitrPanel::refresh);
    connect(m_restore, &QPushButton::clicked, this, &PitrPanel::restore);
    connect(m_timeline, &PitrTimeline::markerMoved, this, [this](qint64 ms) {
        m_latest->setChecked(false);
        m_momentChosen = true;
        setMoment(ms);
    });
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime& t) {
        m_momentChosen = true;
        m_timeline->setMarker(t.toMSecsSinceEpoch());
    });
    connect(m_latest, &QCheckBox::toggled, this, [this](bool latest) {
        if (latest) setMoment(m_timeline->latest());
        updateActions();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_tables, signal, this, &PitrPanel::reloadTableList);
    connect(&m_tables, &QAbstractItemModel::modelReset, this, &PitrPanel::reloadTableList);
    connect(&m_bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                if (region == m_region && table == this->table() && !m_changes->isActive())
                    m_changes->start();
            });
    m_changes->setSingleShot(true);
    m_changes->setInterval(250);
    connect(m_changes, &QTimer::timeout, this, &PitrPanel::refresh);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (isVisible()) refresh();
    });
    m_tick->start();
    reloadTableList();
    updateRemoteView();
    updateActions();
}

bool PitrPanel::isRemote() const {
    return EngineBridge::isRemoteRegion(m_region);
}

void PitrPanel::updateRemoteView() {
    const bool remote = isRemote();
    m_chartBox->setTitle(remote ? tr("Restorable window — click or drag to pick the restore moment")
                                : tr("Writes — click or drag to pick the restore moment"));
    m_remoteNote->setVisible(remote);
    if (!remote) m_timeline->show();
    // A remote window's end moves with the service's clock; asking every second would
    // cost a request a second for as long as the tab is open.
    m_tick->setInterval(remote ? 10'000 : 1000);
}

QString PitrPanel::remoteNoteText() const {
    return m_remoteNote->isHidden() ? QString() : m_remoteNote->text();
}

QString PitrPanel::table() const {
    return m_tableBox->currentText();
}

qint64 PitrPanel::restoreTime() const {
    // The service restores to whole seconds; never round below the window's start.
    const qint64 ms = m_time->dateTime().toMSecsSinceEpoch();
    const qint64 down = ms - ms % 1000;
    return down >= m_timeline->earliest() ? down : down + 1000;
}

QString PitrPanel::storageText() const {
    return m_storage->text();
}

QString PitrPanel::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void PitrPanel::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PitrPanel::reloadTableList() {
    const QString current = table();
    if (!syncTableBox(m_tableBox, m_tables)) return;
    if (table() != current) setTable(table());
}

void PitrPanel::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    m_progress->setRegion(region);
    updateRemoteView();
    setTable(table());
}

void PitrPanel::setTable(const QString& table) {
    if (m_tableBox->currentText() != table) {
        const int index = m_tableBox->findText(table);
        if (index >= 0) m_tableBox->setCurrentIndex(index);  // comes back through the signal
        return;
    }
    ++m_generation;
    m_enabled = false;
    m_momentChosen = false;
    m_latest->setChecked(true);
    m_timeline->clear();
    showError({});
    refresh();
}

void PitrPanel::refresh() {
    // Engine time is the wall clock's until the time scale changes: then it runs ahead.
    // A remote table's dates are its service's, shown in local time.
    const double scale = m_bridge.engine().time_scale();
    const qint64 drift = m_bridge.engine().clock().now() - QDateTime::currentMSecsSinceEpoch();
    m_timeline->setTimeBase(!isRemote() && (scale != 1.0 || qAbs(drift) > 60'000), scale);
    const QString name = table();
    const int generation = m_generation;
    if (name.isEmpty() || m_region.isEmpty()) {
        m_status->setText(tr("No table in this region."));
        m_enabled = false;
        updateActions();
        return;
    }
    m_bridge.call(this, m_region, QStringLiteral("DescribeContinuousBackups"),
                  {{"TableName", name.toStdString()}},
                  [this, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          m_status->setText(EngineBridge::errorText(r));
                          m_enabled = false;
                          updateActions();
                          return;
                      }
                      showDescription(r.body["ContinuousBackupsDescription"]);
                  });
    if (isRemote()) {
        m_storage->setText(tr("Not reported by a remote endpoint"));
        return;
    }
    RecoveryQueries::storage(
        m_bridge, this, m_region, name, [this, generation](const tablespan::PitrStorage& s) {
            if (generation != m_generation) return;
            if (s.error) {
                m_storage->setText(QStringLiteral("—"));
                return;
            }
            m_storage->setText(tr("%n version(s), %1", nullptr, static_cast<int>(s.versions))
                                   .arg(QLocale().formattedDataSize(s.bytes)) +
                               (s.oldest ? tr(" — oldest %1").arg(dateText(s.oldest)) : QString()));
        });
}

void PitrPanel::showDescription(const Json& description) {
    const Json pitr = description.value("PointInTimeRecoveryDescription", Json::object());
    m_enabled = pitr.value("PointInTimeRecoveryStatus", "") == "ENABLED";
    const bool ready = description.value("ContinuousBackupsStatus", "") == "ENABLED";
    {
        const QSignalBlocker block(m_switch);
        if (!m_busy) m_switch->setChecked(m_enabled);
    }
    if (m_enabled) {
        const QSignalBlocker block(m_period);
        m_period->setValue(pitr.value("RecoveryPeriodInDays", 35));
    }
    const qint64 now = m_bridge.engine().clock().now();
    const qint64 earliest = msOf(pitr, "EarliestRestorableDateTime");
    const qint64 latest = msOf(pitr, "LatestRestorableDateTime");
    m_status->setText(m_enabled ? tr("Enabled: every write is kept for %n day(s).", nullptr,
                                     pitr.value("RecoveryPeriodInDays", 35))
                      : ready   ? tr("Disabled: turn it on to restore this table to any second "
                                       "of its recovery period.")
                                : tr("Disabled: backups are being enabled for this table."));
    m_earliestLabel->setText(m_enabled ? dateText(earliest) : QStringLiteral("—"));
    m_latestLabel->setText(m_enabled ? dateText(latest) : QStringLiteral("—"));
    if (m_enabled) {
        m_timeline->setWindow(earliest, latest);
        {
            const QSignalBlocker block(m_time);
            m_time->setDateTimeRange(
                QDateTime::fromMSecsSinceEpoch(earliest + 999 - (earliest + 999) % 1000),
                QDateTime::fromMSecsSinceEpoch(latest - latest % 1000));
        }
        if (m_latest->isChecked() || !m_momentChosen)
            setMoment(latest);
        else
            setMoment(m_timeline->marker());
    } else {
        m_timeline->setWindow(0, -1);
    }
    if (isRemote())
        showRemoteWindow(earliest, latest);
    else
        readActivity(m_enabled ? earliest : now - 3'600'000, now);
    updateActions();
}

void PitrPanel::showRemoteWindow(qint64 earliest, qint64 latest) {
    const bool window = m_enabled && m_timeline->hasWindow();
    m_remoteNote->setText(
        window ? tr("The restorable window is the one %1 reports. The writes within it are "
                    "recorded by the embedded engine only: a remote table's timeline shows "
                    "the window alone.")
                     .arg(EngineBridge::regionLabel(m_region))
               : tr("Point-in-time recovery is off for this table: turn it on to see its "
                    "restorable window here (a chart of writes exists for embedded tables "
                    "only)."));
    m_timeline->setVisible(window);
    if (!window) return;
    const auto span = PitrTimeline::spanFor(earliest, latest);
    m_timeline->setSpan(span.from, span.to);
}

void PitrPanel::readActivity(qint64 earliest, qint64 now) {
    const auto span = PitrTimeline::spanFor(earliest, now);
    const int generation = m_generation;
    RecoveryQueries::activity(m_bridge, this, m_region, table(), span.from, span.to, span.bucketMs,
                              [this, generation, span](const tablespan::PitrActivity& a) {
                                  if (generation != m_generation || a.error) return;
                                  m_timeline->setActivity(span.from, span.to, span.bucketMs,
                                                          a.writes);
                              });
}

void PitrPanel::setMoment(qint64 ms) {
    m_timeline->setMarker(ms);
    const QSignalBlocker block(m_time);
    m_time->setDateTime(QDateTime::fromMSecsSinceEpoch(m_timeline->marker()));
}

void PitrPanel::updateActions() {
    const bool hasTable = !table().isEmpty();
    m_switch->setEnabled(hasTable && !m_busy);
    m_period->setEnabled(m_enabled && !m_busy);
    m_time->setEnabled(m_enabled && !m_latest->isChecked());
    m_latest->setEnabled(m_enabled);
    m_restore->setEnabled(m_enabled);
}

void PitrPanel::setPitr(bool on) {
    if (table().isEmpty() || m_busy) return;
    Json spec = {{"PointInTimeRecoveryEnabled", on}};
    if (on) spec["RecoveryPeriodInDays"] = m_period->value();
    m_busy = true;
    m_switch->setChecked(on);
    updateActions();
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("UpdateContinuousBackups"),
        {{"TableName", table().toStdString()}, {"PointInTimeRecoverySpecification", spec}},
        [this, generation, on](const tablespan::Result& r) {
            m_busy = false;
            if (generation != m_generation) return;
            if (!r.ok()) {
                m_switch->setChecked(!on);
                showError(EngineBridge::errorText(r));
                updateActions();
                return;
            }
            showError({});
            m_momentChosen = false;
            m_latest->setChecked(true);
            emit message(on ? tr("Point-in-time recovery is on for %1.").arg(table())
                            : tr("Point-in-time recovery is off for %1.").arg(table()));
            emit pitrChanged(table(), on);
            showDescription(r.body["ContinuousBackupsDescription"]);
        });
}

void PitrPanel::setRecoveryPeriod(int days) {
    if (!m_enabled || m_busy) return;
    m_busy = true;
    updateActions();
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("UpdateContinuousBackups"),
                  {{"TableName", table().toStdString()},
                   {"PointInTimeRecoverySpecification",
                    {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", days}}}},
                  [this, generation](const tablespan::Result& r) {
                      m_busy = false;
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          showError(EngineBridge::errorText(r));
                          refresh();
                          return;
                      }
                      showError({});
                      showDescription(r.body["ContinuousBackupsDescription"]);
                  });
}

void PitrPanel::restore() {
    if (!m_enabled) return;
    RestoreDialog::Source source;
    source.table = table();
    source.latest = m_latest->isChecked();
    source.timeMs = restoreTime();
    auto* dialog = new RestoreDialog(m_bridge, m_region, source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::restoreStarted, this, [this, dialog](const QString& name) {
        showError({});
        const QString region = dialog->targetRegion();
        if (region != m_region) {
            emit progressMessage(tr("Restoring table %1 in %2…").arg(name, region), region, name);
            return;
        }
        m_progress->track(name);
        emit progressMessage(tr("Restoring table %1…").arg(name), m_region, name);
    });
    dialog->open();
}
