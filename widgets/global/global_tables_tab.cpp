#include "global/global_tables_tab.h"

#include <algorithm>

#include <QMenu>
#include <QScrollBar>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "global/propagation_probe.h"
#include "global/region_map.h"
#include "global/replica_model.h"
#include "global/replica_status_delegate.h"
#include "global/replication_chart.h"
#include "common/status_delegate.h"
#include "common/table_box.h"
#include "tables/tables_model.h"
#include "common/view_style.h"
#include "global/write_stats.h"

using tablespan::Json;

namespace {
constexpr tablespan::Millis kAverageWindowMs = 300'000;

}  // namespace

GlobalTablesTab::GlobalTablesTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tables(tables),
      m_tableBox(new QComboBox(this)),
      m_create(new QPushButton(icon(QStringLiteral("add")), tr("Create replica…"), this)),
      m_delete(new QPushButton(icon(QStringLiteral("delete")), tr("Delete replica"), this)),
      m_error(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_mode(new QLabel(this)),
      m_drill(new QPushButton(icon(QStringLiteral("region")), tr("Outage comparison…"), this)),
      m_writeStats(new WriteStats(bridge, this)),
      m_model(new ReplicaModel(this)),
      m_status(
          new ReplicaStatusDelegate(ReplicaModel::StatusRole, ReplicaModel::ProgressRole, this)),
      m_view(new QTableView(this)),
      m_map(new RegionMap(bridge, this)),
      m_chart(new ReplicationChart(this)),
      m_remoteNote(new QLabel(this)),
      m_probe(new PropagationProbe(bridge, this)),
      m_reload(new QTimer(this)),
      m_metrics(new QTimer(this)),
      m_tick(new QTimer(this)),
      m_animation(new QTimer(this)) {
    setObjectName(QStringLiteral("globalTablesTab"));
    m_tableBox->setObjectName(QStringLiteral("globalTable"));
    m_tableBox->setMinimumContentsLength(16);
    m_create->setObjectName(QStringLiteral("createReplica"));
    m_delete->setObjectName(QStringLiteral("deleteReplica"));
    auto* refresh = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    m_drill->setObjectName(QStringLiteral("outageDrill"));
    auto* actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Table:"), this));
    actions->addWidget(m_tableBox);
    actions->addWidget(m_create);
    actions->addWidget(m_delete);
    // Wrapped: a long summary (German) must not hold the window wider than 1000 px.
    m_summary->setObjectName(QStringLiteral("globalSummary"));
    m_summary->setWordWrap(true);
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_drill);
    actions->addWidget(refresh);
    ViewStyle::inlineError(m_error, QStringLiteral("globalError"));
    m_mode->setObjectName(QStringLiteral("globalMode"));
    m_mode->setWordWrap(true);
    m_mode->hide();

    ViewStyle::rowList(m_view, QStringLiteral("replicasView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(ReplicaModel::Status, m_status);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Room for three members (a strongly consistent group) under the header, and a
    // scroll bar.
    m_view->setMinimumHeight(std::max(m_view->fontMetrics().height() * 8,
                                      m_view->horizontalHeader()->sizeHint().height() +
                                          3 * m_view->verticalHeader()->defaultSectionSize() +
                                          m_view->horizontalScrollBar()->sizeHint().height() + 4));

    auto* probeBox = new QWidget(this);
    auto* probeLayout = new QVBoxLayout(probeBox);
    probeLayout->setContentsMargins(0, 0, 0, 0);
    auto* probeTitle = new QLabel(tr("<b>Propagation probe</b>"), probeBox);
    probeLayout->addWidget(probeTitle);
    probeLayout->addWidget(m_probe, 1);

    // A remote group: a sentence instead of the charts and the map, which show the
    // embedded engine's simulation.
    m_remoteNote->setObjectName(QStringLiteral("globalRemoteNote"));
    m_remoteNote->setWordWrap(true);
    m_remoteNote->hide();
    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_view);
    left->addWidget(m_chart);
    left->setSizes({230, 370});
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_map);
    right->addWidget(probeBox);
    right->setSizes({300, 300});
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    // The group's table is wide (nine columns for a strongly consistent group).
    split->setSizes({960, 320});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_mode);
    layout->addWidget(m_remoteNote);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    ContextMenu::install(m_view, [this](QMenu* menu) {
        const auto rows = m_view->selectionModel()->selectedRows();
        if (rows.isEmpty()) return;
        const ReplicaModel::Replica replica = m_model->replica(rows.first().row());
        if (!replica.local && !replica.witness) {
            QAction* probe = menu->addAction(icon(QStringLiteral("region")),
                                             tr("Probe propagation to %1").arg(replica.region),
                                             this, [this, region = replica.region] {
                                                 m_probe->setSource(m_region);
                                                 m_probe->setDestination(region);
                                                 m_probe->send();
                                             });
            probe->setObjectName(QStringLiteral("probeReplicaAction"));
            probe->setEnabled(replica.unreachable.isEmpty());
            probe->setToolTip(replica.unreachable);
            menu->setToolTipsVisible(true);
            menu->addSeparator();
        }
        ContextMenu::addButton(menu, m_delete);
    });
    connect(m_tableBox, &QComboBox::currentTextChanged, this, &GlobalTablesTab::setTable);
    connect(m_tableBox, &QComboBox::activated, this,
            [this] { emit tableChosen(m_tableBox->currentText()); });
    connect(m_create, &QPushButton::clicked, this, &GlobalTablesTab::createReplica);
    connect(m_delete, &QPushButton::clicked, this, &GlobalTablesTab::deleteSelectedReplica);
    connect(refresh, &QPushButton::clicked, this, &GlobalTablesTab::reload);
    connect(m_drill, &QPushButton::clicked, this, &GlobalTablesTab::openOutageDrill);
    connect(m_writeStats, &WriteStats::changed, this, [this] {
        if (!m_metrics->isActive()) m_metrics->start();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GlobalTablesTab::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GlobalTablesTab::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_tables, signal, this, &GlobalTablesTab::reloadTableList);
    connect(&m_tables, &QAbstractItemModel::modelReset, this, &GlobalTablesTab::reloadTableList);

    m_reload->setSingleShot(true);
    connect(m_reload, &QTimer::timeout, this, &GlobalTablesTab::reload);
    m_metrics->setSingleShot(true);
    m_metrics->setInterval(250);
    connect(m_metrics, &QTimer::timeout, this, &GlobalTablesTab::updateMetrics);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this, ticks = 0]() mutable {
        updateMetrics();
        // A remote group is described every 2 seconds while it changes, as the console
        // polls remote tables elsewhere.
        const bool due = !EngineBridge::isRemoteRegion(m_region) || ++ticks % 2 == 0;
        if (due && m_model->hasTransitions()) scheduleReload(0);
    });
    m_tick->start();
    m_animation->setInterval(80);
    connect(m_animation, &QTimer::timeout, this, [this, phase = 0]() mutable {
        m_status->setPhase(++phase);
        m_view->viewport()->update();
        if (!m_model->hasTransitions()) m_animation->stop();
    });

    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString&) {
                if (table == this->table() && (region == m_region || m_model->rowOf(region) >= 0))
                    scheduleReload(50);
            });
    connect(&m_bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                // Item counts: at most one reload a second under a stream of writes.
                if (table == this->table() && m_model->rowOf(region) >= 0) scheduleReload(1000);
            });
    connect(&m_bridge, &EngineBridge::replicationDelivered, this,
            [this](const QList<ReplicationRecord>& records) {
                for (const auto& r : records)
                    if (r.table == table()) {
                        if (!m_metrics->isActive()) m_metrics->start();
                        return;
                    }
            });
    connect(&m_bridge, &EngineBridge::networkChanged, this, [this] {
        if (!EngineBridge::isRemoteRegion(m_region)) scheduleReload(50);
    });
    // The regions a connection serves decide which remote replicas the console reaches.
    connect(&m_bridge, &EngineBridge::connectionsChanged, this, [this] {
        if (EngineBridge::isRemoteRegion(m_region)) scheduleReload(0);
    });
    reloadTableList();
    updateRemoteView();
    updateActions();
}

QString GlobalTablesTab::table() const {
    return m_tableBox->currentText();
}

QString GlobalTablesTab::remoteNoteText() const {
    return m_remoteNote->isHidden() ? QString() : m_remoteNote->text();
}

QString GlobalTablesTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void GlobalTablesTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void GlobalTablesTab::reloadTableList() {
    const QString current = table();
    if (!syncTableBox(m_tableBox, m_tables)) return;
    if (table() != current || m_description.is_null()) reload();
}

void GlobalTablesTab::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    m_description = Json();
    m_model->setGroup(region, Json());
    showError({});
    updateRemoteView();
    scheduleReload(0);
}

void GlobalTablesTab::updateRemoteView() {
    const bool remote = EngineBridge::isRemoteRegion(m_region);
    m_remoteNote->setText(
        remote ? tr("%1 is a remote region. Replication latency, pending changes and the map "
                    "of links come from the embedded engine's network simulation (outages, "
                    "link cuts, latencies), which covers embedded regions only. The "
                    "propagation probe measures how fast a write reaches another region of "
                    "the connection.")
                     .arg(EngineBridge::regionLabel(m_region))
               : QString());
    m_chart->setVisible(!remote);
    m_remoteNote->setVisible(remote);
    m_map->setVisible(!remote);
    for (int column : {ReplicaModel::LastLatency, ReplicaModel::AvgLatency, ReplicaModel::Pending,
                       ReplicaModel::WriteLatency})
        m_view->setColumnHidden(column, remote);
    m_drill->setToolTip(
        tr("Take a region offline under a write load, once against an eventually "
           "and once against a strongly consistent table, and compare") +
        (remote ? QLatin1Char(' ') + tr("(in embedded regions: a remote region cannot be taken "
                                        "offline)")
                : QString()));
}

void GlobalTablesTab::setTable(const QString& table) {
    if (m_tableBox->currentText() != table) {
        const int index = m_tableBox->findText(table);
        if (index < 0) return;
        m_tableBox->setCurrentIndex(index);  // comes back here through the signal
        return;
    }
    m_description = Json();
    m_model->setGroup(m_region, Json());
    showError({});
    reload();
}

void GlobalTablesTab::scheduleReload(int delayMs) {
    if (m_reload->isActive() && m_reload->remainingTime() <= delayMs) return;
    m_reload->start(delayMs);
}

void GlobalTablesTab::reload() {
    m_reload->stop();
    const QString name = table();
    const int generation = ++m_generation;
    if (name.isEmpty() || m_region.isEmpty()) {
        m_description = Json();
        m_model->setGroup(m_region, Json());
        m_map->setGroup({}, m_region);
        m_probe->setGroup(Json(), {});
        m_summary->clear();
        updateMode();
        updateActions();
        return;
    }
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeTable"), {{"TableName", name.toStdString()}},
        [this, generation, name](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (!r.ok()) {
                showError(EngineBridge::errorText(r));
                return;
            }
            showError({});
            m_description = r.body["Table"];
            m_model->setGroup(m_region, m_description,
                              m_bridge.connections().value(EngineBridge::connectionOf(m_region)));
            const QStringList regions = m_model->regions();
            const QStringList reachable = m_model->reachableRegions();
            QMap<QString, QString> unreachable;
            for (const QString& member : regions) {
                const ReplicaModel::Replica& replica = m_model->replica(m_model->rowOf(member));
                if (!replica.unreachable.isEmpty())
                    unreachable.insert(member, replica.unreachable);
                else if (member != m_region)
                    describeMember(member, generation);
            }
            m_map->setGroup(regions, m_region, m_model->witnesses(),
                            m_description.value("MultiRegionConsistency", "") == "STRONG");
            m_probe->setGroup(m_description, reachable, unreachable);
            m_chart->setTable(name, regions);
            m_summary->setText(regions.size() > 1
                                   ? tr("Global table (version %1), %n region(s)", nullptr,
                                        static_cast<int>(regions.size()))
                                         .arg(QString::fromStdString(m_description.value(
                                             "GlobalTableVersion", "2019.11.21")))
                                   : tr("Not replicated: add a replica to make it a global table"));
            updateMetrics();
            updateMode();
            updateActions();
            if (m_model->hasTransitions() && !m_animation->isActive()) m_animation->start();
        });
}

void GlobalTablesTab::describeMember(const QString& member, int generation) {
    m_bridge.call(this, member, QStringLiteral("DescribeTable"),
                  {{"TableName", table().toStdString()}},
                  [this, member, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (r.ok())
                          m_model->setRegionDescription(member, r.body["Table"]);
                      else
                          m_model->setRegionError(member, EngineBridge::errorText(r));
                  });
}

void GlobalTablesTab::updateMetrics() {
    const QString name = table();
    if (name.isEmpty() || m_model->rowCount() == 0) return;
    // The metrics are the embedded engine's: a remote group has none here.
    if (EngineBridge::isRemoteRegion(m_region)) {
        updateMode();
        return;
    }
    const auto& metrics = m_bridge.engine().replication_metrics();
    const tablespan::Millis now = m_bridge.engine().clock().now();
    const QStringList regions = m_model->regions();
    QHash<RegionMap::Link, qint64> links;
    for (const QString& destination : regions) {
        tablespan::ReplicationQuery q;
        q.table = name.toStdString();
        q.destination = destination.toStdString();
        q.from = now - kAverageWindowMs;
        double sum = 0, last = -1;
        std::int64_t delivered = 0;
        tablespan::Millis lastSecond = 0;
        for (const auto& s : metrics.query(q)) {
            if (s.delivered == 0) continue;
            sum += s.latency_avg_ms * static_cast<double>(s.delivered);
            delivered += s.delivered;
            if (s.second >= lastSecond) {
                lastSecond = s.second;
                last = s.latency_avg_ms;
            }
        }
        qint64 pending = 0;
        for (const QString& source : regions) {
            if (source == destination) continue;
            const qint64 p = metrics.pending(q.table, source.toStdString(), q.destination);
            pending += p;
            if (p > 0) links.insert({source, destination}, p);
        }
        m_model->setLatency(destination, last,
                            delivered ? sum / static_cast<double>(delivered) : -1.0, pending);
        const WriteStats::Summary writes = m_writeStats->summary(name, destination, now);
        m_model->setWriteStats(destination, writes.p50, writes.p99, writes.conflicts);
    }
    updateMode();
    m_map->setPending(links);
    if (m_chart->isVisible()) m_chart->refresh(metrics, now);
}

QString GlobalTablesTab::modeText() const {
    return m_mode->isHidden() ? QString() : m_mode->text();
}

void GlobalTablesTab::updateMode() {
    const QString mode = m_model->consistency();
    if (mode.isEmpty()) {
        m_mode->hide();
        return;
    }
    const bool strong = mode == QLatin1String("STRONG");
    QString text = strong ? tr("<b>Strong consistency (MRSC)</b>: writes are acknowledged once "
                               "a second region has them; no acknowledged write is lost.")
                          : tr("<b>Eventual consistency (MREC)</b>: writes are acknowledged "
                               "locally and replicated asynchronously; last writer wins.");
    for (const QString& witness : m_model->witnesses()) {
        const int row = m_model->rowOf(witness);
        text += QLatin1Char(' ') +
                tr("Witness: %1 (%2).")
                    .arg(witness, StatusDelegate::statusText(m_model->replica(row).status));
    }
    if (strong)
        text +=
            QLatin1Char(' ') +
            tr("Write conflicts: %1.").arg(QLocale().toString(m_writeStats->conflicts(table())));
    m_mode->setText(text);
    m_mode->show();
}

void GlobalTablesTab::updateActions() {
    const auto rows = m_view->selectionModel()->selectedRows();
    const bool replicaSelected = !rows.isEmpty() && !m_model->replica(rows.first().row()).local;
    const bool strong = m_model->consistency() == QLatin1String("STRONG");
    // A strongly consistent group is removed as a whole, whichever member is selected.
    m_delete->setEnabled(strong ? m_model->rowCount() > 1 : replicaSelected);
    m_delete->setText(strong ? tr("Delete group…") : tr("Delete replica"));
    m_delete->setToolTip(strong ? tr("Delete the other replicas and the witness in one request; "
                                     "the table stays here as a regional table")
                                : QString());
    m_create->setEnabled(m_description.is_object() && !strong);
    // Only a strongly consistent group refuses writes as conflicts.
    m_view->setColumnHidden(ReplicaModel::Conflicts, !strong);
    m_create->setToolTip(strong ? tr("A strongly consistent group cannot take more replicas")
                                : QString());
}
