#include "global/global_tables_tab.h"

#include <QMenu>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "global/create_replica_dialog.h"
#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "global/propagation_probe.h"
#include "global/region_map.h"
#include "global/replica_model.h"
#include "global/replica_status_delegate.h"
#include "global/replication_chart.h"
#include "common/table_box.h"
#include "tables/tables_model.h"
#include "common/view_style.h"

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
      m_model(new ReplicaModel(this)),
      m_status(
          new ReplicaStatusDelegate(ReplicaModel::StatusRole, ReplicaModel::ProgressRole, this)),
      m_view(new QTableView(this)),
      m_map(new RegionMap(bridge, this)),
      m_chart(new ReplicationChart(this)),
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
    auto* actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Table:"), this));
    actions->addWidget(m_tableBox);
    actions->addWidget(m_create);
    actions->addWidget(m_delete);
    // Wrapped: a long summary (German) must not hold the window wider than 1000 px.
    m_summary->setObjectName(QStringLiteral("globalSummary"));
    m_summary->setWordWrap(true);
    actions->addWidget(m_summary, 1);
    actions->addWidget(refresh);
    ViewStyle::inlineError(m_error, QStringLiteral("globalError"));

    ViewStyle::rowList(m_view, QStringLiteral("replicasView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(ReplicaModel::Status, m_status);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 8);

    auto* probeBox = new QWidget(this);
    auto* probeLayout = new QVBoxLayout(probeBox);
    probeLayout->setContentsMargins(0, 0, 0, 0);
    auto* probeTitle = new QLabel(tr("<b>Propagation probe</b>"), probeBox);
    probeLayout->addWidget(probeTitle);
    probeLayout->addWidget(m_probe, 1);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_view);
    left->addWidget(m_chart);
    left->setSizes({200, 400});
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_map);
    right->addWidget(probeBox);
    right->setSizes({300, 300});
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({800, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    ContextMenu::install(m_view, [this](QMenu* menu) {
        const auto rows = m_view->selectionModel()->selectedRows();
        if (rows.isEmpty()) return;
        const ReplicaModel::Replica replica = m_model->replica(rows.first().row());
        if (!replica.local) {
            menu->addAction(icon(QStringLiteral("region")),
                            tr("Probe propagation to %1").arg(replica.region), this,
                            [this, region = replica.region] {
                                m_probe->setSource(m_region);
                                m_probe->setDestination(region);
                                m_probe->send();
                            })
                ->setObjectName(QStringLiteral("probeReplicaAction"));
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
    connect(m_tick, &QTimer::timeout, this, [this] {
        updateMetrics();
        if (m_model->hasTransitions()) scheduleReload(0);
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
    connect(&m_bridge, &EngineBridge::networkChanged, this, [this] { scheduleReload(50); });
    reloadTableList();
    updateActions();
}

QString GlobalTablesTab::table() const {
    return m_tableBox->currentText();
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
    scheduleReload(0);
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
            m_model->setGroup(m_region, m_description);
            const QStringList regions = m_model->regions();
            for (const QString& member : regions)
                if (member != m_region) describeMember(member, generation);
            m_map->setGroup(regions, m_region);
            m_probe->setGroup(m_description, regions);
            m_chart->setTable(name, regions);
            m_summary->setText(regions.size() > 1
                                   ? tr("Global table (version %1), %n region(s)", nullptr,
                                        static_cast<int>(regions.size()))
                                         .arg(QString::fromStdString(m_description.value(
                                             "GlobalTableVersion", "2019.11.21")))
                                   : tr("Not replicated: add a replica to make it a global table"));
            updateMetrics();
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
    }
    m_map->setPending(links);
    if (m_chart->isVisible()) m_chart->refresh(metrics, now);
}

void GlobalTablesTab::updateActions() {
    const auto rows = m_view->selectionModel()->selectedRows();
    const bool replicaSelected = !rows.isEmpty() && !m_model->replica(rows.first().row()).local;
    m_delete->setEnabled(replicaSelected);
    m_create->setEnabled(m_description.is_object());
}

void GlobalTablesTab::createReplica() {
    if (!m_description.is_object()) return;
    auto* dialog = new CreateReplicaDialog(m_bridge, m_region, table(), m_model->regions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateReplicaDialog::replicaRequested, this, [this](const QString& region) {
        emit progressMessage(tr("Creating a replica of %1 in %2…").arg(table(), region), region,
                             table());
        scheduleReload(0);
    });
    dialog->open();
}

void GlobalTablesTab::deleteSelectedReplica() {
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || m_model->replica(rows.first().row()).local) return;
    const QString region = m_model->replica(rows.first().row()).region;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete replica"),
                                tr("Delete the replica of %1 in %2? Its items are deleted there; "
                                   "the other regions keep theirs.")
                                    .arg(table(), region),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteReplica"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* confirm = box->addButton(tr("Delete replica"), QMessageBox::DestructiveRole);
    connect(confirm, &QPushButton::clicked, this, [this, region] { deleteReplica(region); });
    box->open();
}

void GlobalTablesTab::deleteReplica(const QString& region) {
    const QString name = table();
    m_bridge.call(
        this, m_region, QStringLiteral("UpdateTable"),
        {{"TableName", name.toStdString()},
         {"ReplicaUpdates", Json::array({{{"Delete", {{"RegionName", region.toStdString()}}}}})}},
        [this, name, region](const tablespan::Result& r) {
            if (!r.ok()) {
                showError(EngineBridge::errorText(r));
                return;
            }
            showError({});
            emit progressMessage(tr("Deleting the replica of %1 in %2…").arg(name, region), region,
                                 name);
            scheduleReload(0);
        });
}
