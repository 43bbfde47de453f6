#include "drills/outage_drill_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "drills/drill_cleanup.h"
#include "drills/outage_drill.h"
#include "drills/outage_drill_chart.h"
#include "global/region_sets.h"

namespace {
constexpr int kWarmupSeconds = 10;
constexpr int kRecoverySeconds = 10;
}  // namespace

OutageDrillDialog::OutageDrillDialog(EngineBridge& bridge, const QString& region, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_drill(new OutageDrill(bridge, this)),
      m_set(new QComboBox(this)),
      m_regionBoxes(new QHBoxLayout),
      m_fault(new QComboBox(this)),
      m_kind(new QComboBox(this)),
      m_outage(new QSpinBox(this)),
      m_rate(new QSpinBox(this)),
      m_estimate(new QLabel(this)),
      m_phase(new QLabel(this)),
      m_run(new QPushButton(icon(QStringLiteral("region")), tr("Run comparison"), this)),
      m_cancel(new QPushButton(tr("Stop"), this)),
      m_deleteTables(
          new QPushButton(icon(QStringLiteral("delete")), tr("Delete the tables"), this)),
      m_results(new QTableWidget(NB_ROWS, 3, this)),
      m_chart(new OutageDrillChart(this)),
      m_redraw(new QTimer(this)) {
    setObjectName(QStringLiteral("outageDrillDialog"));
    setWindowTitle(tr("Outage comparison: eventual vs strong consistency"));
    auto* intro = new QLabel(
        tr("Creates two empty tables replicated to the same three regions, one eventually "
           "(MREC) and one strongly (MRSC) consistent, writes to both from every region, and "
           "takes one region down for a while. It then compares what each table lost, "
           "refused and how long its writes took."),
        this);
    intro->setWordWrap(true);

    m_set->setObjectName(QStringLiteral("drillRegionSet"));
    m_set->addItem(tr("US (N. Virginia, Ohio, Oregon)"), QStringLiteral("US"));
    m_set->addItem(tr("EU (Ireland, London, Paris, Frankfurt)"), QStringLiteral("EU"));
    m_set->addItem(tr("AP (Tokyo, Seoul, Osaka)"), QStringLiteral("AP"));
    const QString own = RegionSets::nameOf(region);
    m_set->setCurrentIndex(std::max(0, m_set->findData(own)));
    m_fault->setObjectName(QStringLiteral("drillFaultRegion"));
    m_kind->setObjectName(QStringLiteral("drillFaultKind"));
    m_kind->addItem(tr("Cut off from the other two regions"), false);
    m_kind->addItem(tr("Offline (answers no requests)"), true);
    m_outage->setObjectName(QStringLiteral("drillOutageSeconds"));
    m_outage->setRange(5, 600);
    m_outage->setValue(30);
    m_outage->setSuffix(tr(" s"));
    m_rate->setObjectName(QStringLiteral("drillRate"));
    m_rate->setRange(1, 20);
    m_rate->setValue(4);
    m_rate->setSuffix(tr(" per second"));
    m_rate->setToolTip(tr("Writes per second in each region, to each table"));
    m_estimate->setWordWrap(true);
    m_phase->setObjectName(QStringLiteral("drillPhase"));
    m_phase->setWordWrap(true);
    m_phase->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_run->setObjectName(QStringLiteral("runDrill"));
    m_cancel->setObjectName(QStringLiteral("stopDrill"));
    m_deleteTables->setObjectName(QStringLiteral("deleteDrillTables"));
    m_deleteTables->setToolTip(tr("Delete the two tables of the last run and their replicas"));

    m_results->setObjectName(QStringLiteral("drillResults"));
    m_results->setHorizontalHeaderLabels({QString(), tr("Eventual (MREC)"), tr("Strong (MRSC)")});
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionMode(QAbstractItemView::NoSelection);
    m_results->setFocusPolicy(Qt::NoFocus);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_results->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // As tall as its rows, no taller: the space below is the form's.
    m_results->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_results->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    for (int row = 0; row < NB_ROWS; ++row)
        for (int col = 0; col < 3; ++col) {
            auto* item = new QTableWidgetItem(col == 0 ? QString() : QStringLiteral("—"));
            if (col > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_results->setItem(row, col, item);
        }
    setRowLabels();

    auto* form = new QFormLayout;
    form->addRow(tr("Region set:"), m_set);
    form->addRow(tr("Regions:"), m_regionBoxes);
    form->addRow(tr("Region that fails:"), m_fault);
    form->addRow(tr("Fault:"), m_kind);
    form->addRow(tr("Outage (engine time):"), m_outage);
    form->addRow(tr("Write load:"), m_rate);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_deleteTables);
    buttons->addStretch();
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addWidget(close);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(intro);
    leftLayout->addLayout(form);
    leftLayout->addWidget(m_estimate);
    leftLayout->addWidget(m_phase);
    leftLayout->addWidget(m_results);
    leftLayout->addStretch(1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({470, 630});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_set, &QComboBox::currentIndexChanged, this, &OutageDrillDialog::fillRegions);
    for (QSpinBox* box : {m_outage, m_rate})
        connect(box, &QSpinBox::valueChanged, this, &OutageDrillDialog::updateForm);
    connect(m_fault, &QComboBox::currentIndexChanged, this, &OutageDrillDialog::setRowLabels);
    connect(m_run, &QPushButton::clicked, this, &OutageDrillDialog::run);
    connect(m_cancel, &QPushButton::clicked, m_drill, &OutageDrill::cancel);
    connect(m_deleteTables, &QPushButton::clicked, this, &OutageDrillDialog::deleteTables);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_drill, &OutageDrill::phaseChanged, this, &OutageDrillDialog::refresh);
    connect(m_drill, &OutageDrill::finished, this, &OutageDrillDialog::refresh);
    // Redrawn a few times a second while writes come and go, not at every answer.
    m_redraw->setInterval(250);
    connect(m_redraw, &QTimer::timeout, this, &OutageDrillDialog::refresh);
    fillRegions();
    resize(1100, 680);
}

void OutageDrillDialog::fillRegions() {
    for (QCheckBox* box : m_regions) delete box;
    m_regions.clear();
    for (const QStringList& set : RegionSets::all()) {
        if (RegionSets::nameOf(set.first()) != m_set->currentData().toString()) continue;
        for (const QString& code : set) {
            auto* box = new QCheckBox(code, this);
            box->setObjectName(QStringLiteral("drillRegion-") + code);
            box->setToolTip(EngineBridge::regionName(code));
            box->setChecked(m_regions.size() < 3);
            connect(box, &QCheckBox::toggled, this, &OutageDrillDialog::updateForm);
            m_regionBoxes->addWidget(box);
            m_regions << box;
        }
    }
    updateForm();
}

void OutageDrillDialog::updateForm() {
    const DrillPlan p = plan();
    const QString fault = m_fault->currentData().toString();
    {
        const QSignalBlocker block(m_fault);
        m_fault->clear();
        for (const QString& r : p.regions)
            m_fault->addItem(tr("%1 %2").arg(EngineBridge::regionName(r), r), r);
        // By default the last region fails: the tables are created in the first.
        const int keep = m_fault->findData(fault);
        m_fault->setCurrentIndex(keep >= 0 ? keep : m_fault->count() - 1);
    }
    const bool running = m_drill->running();
    if (!running) setRowLabels();
    m_run->setEnabled(valid() && !running);
    m_cancel->setEnabled(running);
    m_deleteTables->setEnabled(!running && !m_cleanup &&
                               !m_drill->tableName(DrillWrite::Eventual).isEmpty() &&
                               m_cleanupText.isEmpty());
    for (QWidget* w : std::initializer_list<QWidget*>{m_set, m_fault, m_kind, m_outage, m_rate})
        w->setEnabled(!running);
    for (QCheckBox* box : m_regions) box->setEnabled(!running);
    const double scale = std::max(0.001, m_bridge.engine().time_scale());
    const int loadSeconds = kWarmupSeconds + m_outage->value() + kRecoverySeconds;
    m_estimate->setText(
        p.regions.size() != 3
            ? tr("Choose three regions.")
            : tr("%1 s of writes after the tables are ready (about %2 s at time ×%3). The "
                 "tables are created in %4.")
                      .arg(loadSeconds)
                      .arg(QLocale().toString(loadSeconds / scale, 'f', 0))
                      .arg(scale)
                      .arg(p.regions.first()) +
                  (scale > 1 && p.regions.size() == 3
                       ? QLatin1Char(' ') +
                             tr("Latencies are engine time: at ×%1 the engine's own work counts "
                                "%1 times slower than the network's delays, which are modelled.")
                                 .arg(scale)
                       : QString()));
}

DrillPlan OutageDrillDialog::plan() const {
    DrillPlan p;
    for (QCheckBox* box : m_regions)
        if (box->isChecked()) p.regions << box->text();
    p.faultRegion = m_fault->currentData().toString();
    if (!p.regions.contains(p.faultRegion)) p.faultRegion = p.regions.value(p.regions.size() - 1);
    p.offline = m_kind->currentData().toBool();
    p.warmupMs = kWarmupSeconds * 1000;
    p.outageMs = m_outage->value() * 1000;
    p.recoveryMs = kRecoverySeconds * 1000;
    p.writesPerSecond = m_rate->value();
    return p;
}

bool OutageDrillDialog::valid() const {
    const DrillPlan p = plan();
    return p.regions.size() == 3 && p.regions.contains(p.faultRegion);
}

void OutageDrillDialog::setRegionSet(const QString& name) {
    m_set->setCurrentIndex(std::max(0, m_set->findData(name)));
}

void OutageDrillDialog::setRegions(const QStringList& regions) {
    for (QCheckBox* box : m_regions) box->setChecked(regions.contains(box->text()));
}

void OutageDrillDialog::setFaultRegion(const QString& region) {
    m_fault->setCurrentIndex(std::max(0, m_fault->findData(region)));
}

void OutageDrillDialog::setOffline(bool offline) {
    m_kind->setCurrentIndex(offline ? 1 : 0);
}

void OutageDrillDialog::setOutageSeconds(int seconds) {
    m_outage->setValue(seconds);
}

void OutageDrillDialog::setWritesPerSecond(int rate) {
    m_rate->setValue(rate);
}

QString OutageDrillDialog::phaseText() const {
    return m_phase->text();
}

void OutageDrillDialog::run() {
    if (!valid() || m_drill->running()) return;
    m_chart->clear();
    for (int row = 0; row < NB_ROWS; ++row)
        for (int col = 1; col < 3; ++col) {
            m_results->item(row, col)->setText(QStringLiteral("—"));
            m_results->item(row, col)->setData(Qt::ForegroundRole, QVariant());
        }
    setRowLabels();
    m_cleanupText.clear();
    m_drill->start(plan());
    m_redraw->start();
    refresh();
}

void OutageDrillDialog::deleteTables() {
    if (m_cleanup || m_drill->running()) return;
    const QString mrec = m_drill->tableName(DrillWrite::Eventual);
    const QString mrsc = m_drill->tableName(DrillWrite::Strong);
    if (mrec.isEmpty()) return;
    m_cleanupText = tr("Deleting %1 and %2 (the replicas first)…").arg(mrec, mrsc);
    m_cleanup = new DrillCleanup(m_bridge, m_drill->plan().regions.value(0), {mrec, mrsc}, this);
    connect(m_cleanup, &DrillCleanup::finished, this, [this, mrec, mrsc](const QString& error) {
        m_cleanupText = error.isEmpty() ? tr("Deleted %1 and %2.").arg(mrec, mrsc)
                                        : tr("The tables could not be deleted: %1").arg(error);
        m_cleanup->deleteLater();
        m_cleanup = nullptr;
        refresh();
    });
    refresh();
}

void OutageDrillDialog::refresh() {
    m_phase->setText(m_cleanupText.isEmpty() ? m_drill->phaseText() : m_cleanupText);
    m_phase->setStyleSheet(m_drill->phase() == OutageDrill::Phase::Failed
                               ? QStringLiteral("color: #d13212;")
                               : QString());
    updateForm();
    if (m_drill->loadStarted()) {
        const DrillPlan& p = m_drill->plan();
        const double span =
            static_cast<double>(p.warmupMs + p.outageMs + p.recoveryMs) / 1000.0 + 2;
        m_chart->draw(m_drill->writes(), m_drill->timeline(), m_bridge.engine().clock().now(),
                      span);
        showResults();
    }
    if (!m_drill->running()) m_redraw->stop();
}

void OutageDrillDialog::setRowLabels() {
    const QString fault = plan().faultRegion;
    const QString labels[NB_ROWS] = {tr("Writes sent"),
                                     tr("Acknowledged"),
                                     tr("Refused (region unavailable)"),
                                     tr("Refused as conflicts"),
                                     tr("Lost had %1 never come back").arg(fault),
                                     tr("Data lost (RPO)"),
                                     tr("Write latency p50"),
                                     tr("Write latency p99")};
    for (int row = 0; row < NB_ROWS; ++row) m_results->item(row, 0)->setText(labels[row]);
}

void OutageDrillDialog::showResults() {
    const QLocale locale;
    const bool read = m_drill->phase() >= OutageDrill::Phase::Recovery &&
                      m_drill->phase() != OutageDrill::Phase::Failed;
    const auto ms = [&locale](double v) {
        return v < 0 ? QStringLiteral("—") : tr("%1 ms").arg(locale.toString(v, 'f', 0));
    };
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        const DrillOutcome o = m_drill->outcome(t);
        const int c = t + 1;
        m_results->item(Sent, c)->setText(locale.toString(o.attempted));
        m_results->item(Acknowledged, c)->setText(locale.toString(o.acknowledged));
        m_results->item(Refused, c)->setText(locale.toString(o.refused));
        m_results->item(Conflicts, c)->setText(locale.toString(o.conflicts));
        m_results->item(Lost, c)->setText(read ? locale.toString(o.lost) : QStringLiteral("…"));
        m_results->item(LossWindow, c)
            ->setText(read ? tr("%1 s").arg(locale.toString(o.rpoSeconds, 'f', 1))
                           : QStringLiteral("…"));
        m_results->item(P50, c)->setText(ms(o.p50));
        m_results->item(P99, c)->setText(ms(o.p99));
        // What makes the difference stand out: a loss in red, no loss in green.
        if (read)
            m_results->item(Lost, c)->setForeground(o.lost > 0 ? QColor(0xd1, 0x32, 0x12)
                                                               : QColor(0x1d, 0x81, 0x02));
    }
}
