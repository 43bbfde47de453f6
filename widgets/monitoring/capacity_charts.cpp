#include "monitoring/capacity_charts.h"

#include <algorithm>

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QSignalBlocker>
#include <QValueAxis>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/gapped_line.h"
#include "common/table_box.h"
#include "common/time_chart.h"
#include "common/view_style.h"
#include "tables/tables_model.h"

using CapacityPoints::Line;

namespace {
constexpr double kMaxStep = 1.5;  // periods: further apart is a gap

const QColor kConsumed(0x1f, 0x77, 0xb4);
const QColor kProvisioned(0xd1, 0x32, 0x12);
const QColor kReplicated(0x2c, 0xa0, 0x2c);
const QColor kRead(0xe6, 0x7e, 0x22);
const QColor kWrite(0x8e, 0x44, 0xad);
}  // namespace

CapacityCharts::CapacityCharts(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tableBox(new QComboBox(this)),
      m_indexBox(new QComboBox(this)),
      m_periodBox(new QComboBox(this)),
      m_summary(new QLabel(this)),
      m_remoteNote(new QLabel(this)),
      m_body(new QWidget(this)) {
    setObjectName(QStringLiteral("capacityCharts"));
    m_tableBox->setObjectName(QStringLiteral("capacityTable"));
    m_indexBox->setObjectName(QStringLiteral("capacityIndex"));
    m_periodBox->setObjectName(QStringLiteral("capacityPeriod"));
    m_summary->setObjectName(QStringLiteral("capacitySummary"));
    m_summary->setWordWrap(true);  // long in German and Japanese: never widens the window
    m_tableBox->setMinimumContentsLength(16);
    m_tableBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_indexBox->addItem(tr("Table"), QString());
    m_periodBox->addItem(tr("1 second"), 1);
    m_periodBox->addItem(tr("1 minute"), 60);

    const QString titles[3] = {tr("Read capacity units (average per second)"),
                               tr("Write capacity units (average per second)"),
                               tr("Throttled requests (sum per period)")};
    auto* charts = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        m_charts[i] = TimeChart::make(titles[i], kWindowPeriods, m_x[i], m_y[i]);
        m_charts[i]->legend()->setAlignment(Qt::AlignBottom);
        charts->addWidget(TimeChart::view(m_charts[i], this, 180), 1);
    }
    auto line = [this](Line l, int chart, const QString& name, const QColor& colour) {
        m_lines[l] =
            std::make_unique<GappedLine>(m_charts[chart], m_x[chart], m_y[chart], name, colour);
    };
    // The limit first: the consumed line is drawn over it where they meet.
    line(CapacityPoints::ProvisionedRead, 0, tr("Provisioned"), kProvisioned);
    line(CapacityPoints::ConsumedRead, 0, tr("Consumed"), kConsumed);
    line(CapacityPoints::ProvisionedWrite, 1, tr("Provisioned"), kProvisioned);
    line(CapacityPoints::ConsumedWrite, 1, tr("Consumed"), kConsumed);
    line(CapacityPoints::ReplicatedWrite, 1, tr("Replicated"), kReplicated);
    line(CapacityPoints::ThrottledRead, 2, tr("Read"), kRead);
    line(CapacityPoints::ThrottledWrite, 2, tr("Write"), kWrite);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Table:"), this));
    top->addWidget(m_tableBox);
    top->addWidget(new QLabel(tr("Index:"), this));
    top->addWidget(m_indexBox);
    top->addWidget(new QLabel(tr("Period:"), this));
    top->addWidget(m_periodBox);
    top->addWidget(m_summary, 1);
    auto* body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(top);
    body->addLayout(charts, 1);
    ViewStyle::notice(m_remoteNote, QStringLiteral("capacityRemoteNote"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_remoteNote, 1);

    connect(m_tableBox, &QComboBox::currentIndexChanged, this, [this] {
        reloadIndexes();
        refresh();
    });
    connect(m_indexBox, &QComboBox::currentIndexChanged, this, &CapacityCharts::refresh);
    connect(m_periodBox, &QComboBox::currentIndexChanged, this, &CapacityCharts::refresh);
}

CapacityCharts::~CapacityCharts() = default;

void CapacityCharts::setTablesModel(TablesModel* tables) {
    m_tables = tables;
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(tables, signal, this, &CapacityCharts::reloadTables);
    connect(tables, &QAbstractItemModel::modelReset, this, &CapacityCharts::reloadTables);
    connect(tables, &QAbstractItemModel::dataChanged, this, &CapacityCharts::reloadIndexes);
    reloadTables();
}

void CapacityCharts::setRegion(const QString& region) {
    m_region = region;
    const bool remote = EngineBridge::isRemoteRegion(region);
    m_remoteNote->setText(
        remote ? tr("%1 is a remote region. The capacity charts read the embedded engine's "
                    "capacity metrics, which exist for embedded regions only; a remote "
                    "table's capacity is in its service's own monitoring (Amazon CloudWatch "
                    "for DynamoDB).")
                     .arg(EngineBridge::regionLabel(region))
               : QString());
    m_remoteNote->setVisible(remote);
    m_body->setVisible(!remote);
    refresh();
}

QString CapacityCharts::remoteNoteText() const {
    return m_remoteNote->isHidden() ? QString() : m_remoteNote->text();
}

QString CapacityCharts::table() const {
    return m_tableBox->currentText();
}

QString CapacityCharts::index() const {
    return m_indexBox->currentData().toString();
}

int CapacityCharts::periodSeconds() const {
    return m_periodBox->currentData().toInt();
}

void CapacityCharts::setPeriodSeconds(int seconds) {
    m_periodBox->setCurrentIndex(std::max(0, m_periodBox->findData(seconds)));
}

void CapacityCharts::setTable(const QString& table) {
    const int i = m_tableBox->findText(table);
    if (i >= 0) m_tableBox->setCurrentIndex(i);
}

void CapacityCharts::setIndex(const QString& index) {
    m_indexBox->setCurrentIndex(std::max(0, m_indexBox->findData(index)));
}

QList<QPointF> CapacityCharts::points(Line line) const {
    return m_lines[line]->points();
}

int CapacityCharts::segments(Line line) const {
    return m_lines[line]->segments();
}

QString CapacityCharts::provisionedName() const {
    return m_lines[CapacityPoints::ProvisionedRead]->name();
}

QChart* CapacityCharts::chart(int n) const {
    return m_charts[n];
}

void CapacityCharts::reloadTables() {
    if (!m_tables) return;
    const QString current = table();
    syncTableBox(m_tableBox, *m_tables);
    if (table() != current) {
        reloadIndexes();
        refresh();
    }
}

// The table and its GSIs (an LSI consumes the table's capacity and has no metrics).
void CapacityCharts::reloadIndexes() {
    QStringList names;
    if (m_tables) {
        const int row = m_tables->rowOf(table());
        if (row >= 0) {
            const tablespan::Json d = m_tables->description(row);
            if (auto it = d.find("GlobalSecondaryIndexes"); it != d.end() && it->is_array())
                for (const auto& gsi : *it)
                    names << QString::fromStdString(gsi.value("IndexName", std::string()));
        }
    }
    QStringList shown;
    for (int i = 1; i < m_indexBox->count(); ++i) shown << m_indexBox->itemText(i);
    if (names == shown) return;
    const QString current = index();
    {
        const QSignalBlocker block(m_indexBox);
        while (m_indexBox->count() > 1) m_indexBox->removeItem(1);
        for (const QString& name : names) m_indexBox->addItem(name, name);
        setIndex(current);
    }
    refresh();
}

void CapacityCharts::refresh() {
    if (EngineBridge::isRemoteRegion(m_region)) return;  // no metrics: the note says so
    const int period = periodSeconds();
    const qint64 length = qint64{period} * 1000;
    const qint64 now = m_bridge.engine().clock().now();
    const qint64 current = now - now % length;
    std::vector<tablespan::CapacitySample> samples;
    if (!m_region.isEmpty() && !table().isEmpty())
        samples = m_bridge.engine().capacity_metrics(m_region.toStdString(), table().toStdString(),
                                                     index().toStdString(),
                                                     current - kWindowPeriods * length, now + 1000);
    const CapacityPoints::Points p = CapacityPoints::make(samples, period, now);
    for (int l = 0; l < CapacityPoints::NB_LINES; ++l) m_lines[l]->setPoints(p.lines[l], kMaxStep);
    // The replicated share only where replication wrote something.
    const bool replicated = std::any_of(p.lines[CapacityPoints::ReplicatedWrite].begin(),
                                        p.lines[CapacityPoints::ReplicatedWrite].end(),
                                        [](const QPointF& q) { return q.y() > 0; });
    m_lines[CapacityPoints::ReplicatedWrite]->setVisible(replicated);
    const QString limit = p.onDemandMaximum ? tr("On-demand maximum") : tr("Provisioned");
    m_lines[CapacityPoints::ProvisionedRead]->setName(limit);
    m_lines[CapacityPoints::ProvisionedWrite]->setName(limit);

    const int charts[CapacityPoints::NB_LINES] = {0, 0, 1, 1, 1, 2, 2};
    double top[3] = {0, 0, 0};
    for (int l = 0; l < CapacityPoints::NB_LINES; ++l)
        for (const QPointF& q : p.lines[l]) top[charts[l]] = std::max(top[charts[l]], q.y());
    double read = 0, write = 0;
    qint64 throttledRead = 0, throttledWrite = 0;
    for (const auto& s : samples) {
        read += s.consumed_read;
        write += s.consumed_write;
        throttledRead += s.throttled_read_requests;
        throttledWrite += s.throttled_write_requests;
    }
    for (int c = 0; c < 3; ++c) {
        TimeChart::setNiceRange(m_y[c], top[c], 1);
        m_x[c]->setTitleText(period == 1 ? tr("seconds (engine time)")
                                         : tr("minutes (engine time)"));
    }
    m_summary->setText((period == 1
                            ? tr("Last minute: %1 read and %2 write units consumed, %3 read and %4 "
                                 "write requests throttled.")
                            : tr("Last hour: %1 read and %2 write units consumed, %3 read and %4 "
                                 "write requests throttled."))
                           .arg(read, 0, 'g', 6)
                           .arg(write, 0, 'g', 6)
                           .arg(throttledRead)
                           .arg(throttledWrite));
}
