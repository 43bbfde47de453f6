#include "monitoring/monitoring_tab.h"

#include <algorithm>
#include <functional>

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSortFilterProxyModel>
#include <QSet>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include "common/bridge_owned.h"
#include "common/engine_bridge.h"
#include "common/gapped_line.h"
#include "global/replication_chart.h"
#include "monitoring/capacity_charts.h"
#include "monitoring/request_stats_model.h"
#include "common/time_chart.h"
#include "common/view_style.h"

namespace {
constexpr const char* kSinceProperty = "countingSinceMs";
constexpr const char* kSinceWallProperty = "countingSinceWallMs";  // remote calls
constexpr double kMaxStep = 1.5;  // seconds: further apart is a gap

QLineSeries* addSeries(QChart* chart, QValueAxis* x, QValueAxis* y, const QString& name) {
    auto* s = new QLineSeries;
    s->setName(name);
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
    return s;
}

class RegionFilter final : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString region;  // empty: every region
    void setRegion(const QString& r) {
        region = r;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (region.isEmpty()) return true;
        return sourceModel()->index(row, 0, parent).data(RequestStatsModel::RegionCodeRole) ==
               region;
    }
};
}  // namespace

MonitoringTab::MonitoringTab(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_model(bridgeOwned<RequestStatsModel>(
          bridge, QStringLiteral("requestStats"),
          [&bridge] {
              auto* model = new RequestStatsModel(&bridge);
              // Requests are counted from here on: earlier seconds are unknown, not zero.
              model->setProperty(kSinceProperty, QVariant::fromValue<qint64>(
                                                     bridge.engine().clock().now() / 1000 * 1000));
              model->setProperty(
                  kSinceWallProperty,
                  QVariant::fromValue<qint64>(QDateTime::currentMSecsSinceEpoch() / 1000 * 1000));
              QObject::connect(&bridge, &EngineBridge::requestsCompleted, model,
                               &RequestStatsModel::append);
              return model;
          })),
      m_proxy(new RegionFilter(this)),
      m_view(new QTableView(this)),
      m_all(new QCheckBox(tr("All regions"), this)),
      m_caption(new QLabel(this)),
      m_replication(new ReplicationChart(this)),
      m_replicationNote(new QLabel(this)),
      m_capacity(new CapacityCharts(bridge, this)),
      m_pages(new QTabWidget(this)),
      m_refresh(new QTimer(this)) {
    setObjectName(QStringLiteral("monitoringTab"));
    m_all->setObjectName(QStringLiteral("allRegions"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RequestStatsModel::SortRole);
    m_view->setObjectName(QStringLiteral("requestStatsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RequestStatsModel::Requests, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();

    m_rateChart =
        TimeChart::make(tr("Requests per second by operation"), kWindowSeconds, m_rateX, m_rateY);
    m_latencyChart = TimeChart::make(tr("Request latency by operation (average, ms)"),
                                     kWindowSeconds, m_latencyX, m_latencyY);
    // Both charts colour operations alike; one legend is enough.
    m_latencyChart->legend()->hide();
    m_errors = addSeries(m_rateChart, m_rateX, m_rateY, tr("errors"));
    m_errors->setPen(QPen(QColor(0xd1, 0x32, 0x12), 2, Qt::DashLine));

    auto* top = new QHBoxLayout;
    m_caption->setObjectName(QStringLiteral("monitoringCaption"));
    m_caption->setWordWrap(true);
    top->addWidget(m_caption, 1);
    top->addWidget(m_all);
    ViewStyle::notice(m_replicationNote, QStringLiteral("replicationRemoteNote"));
    auto* charts = new QSplitter(Qt::Horizontal, this);
    auto* requestCharts = new QWidget(charts);
    auto* requestLayout = new QVBoxLayout(requestCharts);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(TimeChart::view(m_rateChart, requestCharts, 140));
    requestLayout->addWidget(TimeChart::view(m_latencyChart, requestCharts, 140));
    charts->addWidget(requestCharts);
    m_replicationPage = new QStackedWidget(charts);
    m_replicationPage->addWidget(m_replication);
    m_replicationPage->addWidget(m_replicationNote);
    charts->addWidget(m_replicationPage);
    // Halves, whichever page shows: the sentence's width hint would squeeze the requests.
    charts->setSizes({500, 500});
    m_pages->setObjectName(QStringLiteral("monitoringPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(charts, tr("Requests and replication"));
    m_pages->addTab(m_capacity, tr("Capacity"));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_pages);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_all, &QCheckBox::toggled, this, &MonitoringTab::applyFilter);
    connect(&m_bridge, &EngineBridge::requestsCompleted, this, [this] { m_dirty = true; });
    connect(&m_bridge, &EngineBridge::replicationDelivered, this, [this] { m_dirty = true; });
    // Charts are redrawn at most four times a second, and every second as time slides.
    m_refresh->setInterval(250);
    connect(m_refresh, &QTimer::timeout, this, [this, ticks = 0]() mutable {
        if (m_dirty || ++ticks % 4 == 0) refresh();
    });
    m_refresh->start();
    updateRemoteView();
}

bool MonitoringTab::chartsRemote() const {
    return EngineBridge::isRemoteRegion(m_region) && !m_all->isChecked();
}

void MonitoringTab::updateRemoteView() {
    const bool remote = chartsRemote();
    m_caption->setText(
        remote ? tr("Requests the console sent to %1, per second of wall time (the endpoint's "
                    "own metrics are not read).")
                     .arg(EngineBridge::regionLabel(m_region))
               : tr("Requests answered by the engine, per second of engine time."));
    m_replicationNote->setText(
        remote ? tr("Replication latency and pending changes are measured by the embedded "
                    "engine and exist for embedded regions only.")
               : QString());
    m_replicationNote->setVisible(remote);
    m_replicationPage->setCurrentWidget(remote ? static_cast<QWidget*>(m_replicationNote)
                                               : m_replication);
    const QString axis = remote ? tr("seconds (wall time)")
                                : QCoreApplication::translate("TimeChart", "seconds (engine time)");
    m_rateX->setTitleText(axis);
    m_latencyX->setTitleText(axis);
}

QString MonitoringTab::captionText() const {
    return m_caption->text();
}

QString MonitoringTab::replicationNoteText() const {
    return m_replicationPage->currentWidget() == m_replicationNote ? m_replicationNote->text()
                                                                   : QString();
}

QStringList MonitoringTab::chartedOperations() const {
    QStringList out;
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        if (it->rate->count() > 0) out << it.key();
    out.sort();
    return out;
}

QList<QPointF> MonitoringTab::ratePoints(const QString& operation) const {
    const auto it = m_series.find(operation);
    return it == m_series.end() ? QList<QPointF>() : it->rate->points();
}

int MonitoringTab::latencySegments(const QString& operation) const {
    const auto it = m_series.find(operation);
    return it == m_series.end() ? 0 : it->latency->segments();
}

bool MonitoringTab::showsAllRegions() const {
    return m_all->isChecked();
}

void MonitoringTab::setShowAllRegions(bool all) {
    m_all->setChecked(all);
}

void MonitoringTab::setRegion(const QString& region) {
    m_region = region;
    m_capacity->setRegion(region);
    applyFilter();
}

void MonitoringTab::showCapacity(bool capacity) {
    m_pages->setCurrentWidget(capacity ? static_cast<QWidget*>(m_capacity) : m_pages->widget(0));
}

void MonitoringTab::setTablesModel(TablesModel* tables) {
    m_capacity->setTablesModel(tables);
}

void MonitoringTab::applyFilter() {
    static_cast<RegionFilter*>(m_proxy)->setRegion(m_all->isChecked() ? QString() : m_region);
    updateRemoteView();
    for (auto& s : m_series) {
        s.rate->clear();
        s.latency->clear();
    }
    refresh();
}

MonitoringTab::OperationSeries& MonitoringTab::seriesFor(const QString& operation) {
    auto it = m_series.find(operation);
    if (it != m_series.end()) return *it;
    OperationSeries s;
    s.rate = addSeries(m_rateChart, m_rateX, m_rateY, operation);
    s.latency = std::make_shared<GappedLine>(m_latencyChart, m_latencyX, m_latencyY, operation,
                                             s.rate->pen().color());
    return *m_series.insert(operation, s);
}

void MonitoringTab::refresh() {
    m_dirty = false;
    const qint64 engineNow = m_bridge.engine().clock().now();
    m_model->setNow(engineNow);
    if (!isVisible()) return;
    // A remote region's calls are timed on the wall clock, the engine's on engine time.
    const qint64 now = chartsRemote() ? QDateTime::currentMSecsSinceEpoch() : engineNow;
    const qint64 current = now / 1000 * 1000;
    const qint64 from = current - kWindowSeconds * 1000;
    const auto seconds = m_model->series(m_all->isChecked() ? QString() : m_region);
    const qint64 since = std::max(
        from, m_model->property(chartsRemote() ? kSinceWallProperty : kSinceProperty).toLongLong());
    QHash<QString, QList<QPointF>> rates, latencies;
    QList<QPointF> errors;
    double maxRate = 1, maxLatency = 1;
    QSet<QString> operations;
    for (auto it = seconds.lowerBound(from); it != seconds.end() && it.key() <= current; ++it)
        for (auto op = it->begin(); op != it->end(); ++op) operations.insert(op.key());
    // One point a second from the first counted second: a second without requests is 0
    // requests (a rate of zero), but no latency (a gap).
    for (qint64 second = since; second <= current; second += 1000) {
        const double x = static_cast<double>(second - current) / 1000.0;
        const auto it = seconds.constFind(second);
        qint64 errorCount = 0;
        for (const QString& operation : operations) {
            const RequestStatsModel::Bucket op =
                it == seconds.cend() ? RequestStatsModel::Bucket{} : it->value(operation);
            const bool measured = op.requests > 0;
            const qint64 requests = op.requests;
            rates[operation] << QPointF(x, static_cast<double>(requests));
            maxRate = std::max(maxRate, static_cast<double>(requests));
            if (!measured) continue;
            const double avg = op.sumMs / static_cast<double>(op.requests);
            latencies[operation] << QPointF(x, avg);
            errorCount += op.errors;
            maxLatency = std::max(maxLatency, avg);
        }
        errors << QPointF(x, static_cast<double>(errorCount));
    }
    // The busiest operations of the window are drawn; the legend stays readable.
    QList<std::pair<double, QString>> busiest;
    for (auto it = rates.begin(); it != rates.end(); ++it) {
        double total = 0;
        for (const QPointF& p : *it) total += p.y();
        busiest.append({total, it.key()});
    }
    std::sort(busiest.begin(), busiest.end(), std::greater<>());
    QStringList shown;
    for (int i = 0; i < std::min<qsizetype>(kMaxOperations, busiest.size()); ++i)
        shown << busiest[i].second;
    for (const QString& operation : shown) {
        OperationSeries& s = seriesFor(operation);
        s.rate->replace(rates.value(operation));
        s.latency->setPoints(latencies.value(operation), kMaxStep);
    }
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        const bool visible = shown.contains(it.key());
        if (!visible) {
            it->rate->clear();
            it->latency->clear();
        }
        it->rate->setVisible(visible);
        it->latency->setVisible(visible);
    }
    m_errors->replace(errors);
    TimeChart::setNiceRange(m_rateY, maxRate, 1);
    TimeChart::setNiceRange(m_latencyY, maxLatency, 1);
    if (!chartsRemote()) m_replication->refresh(m_bridge.engine().replication_metrics(), now);
    if (m_capacity->isVisible()) m_capacity->refresh();
}
