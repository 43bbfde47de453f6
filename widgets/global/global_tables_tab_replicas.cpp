// The Global tables tab's changes to the group: creating replicas (or a strongly
// consistent group), deleting one or the whole strong group, and the outage comparison.
// Replicas are named in requests by their region codes, also in a remote table's group.

#include "global/global_tables_tab.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

#include "common/engine_bridge.h"
#include "drills/outage_drill_dialog.h"
#include "global/create_replica_dialog.h"
#include "global/replica_model.h"

using tablespan::Json;

namespace {
// Requests name replicas by region code: "us-east-1@lab" → "us-east-1".
QStringList codesOf(const QStringList& regions) {
    QStringList codes;
    for (const QString& region : regions) codes << EngineBridge::regionCode(region);
    return codes;
}

Json regionUpdates(const char* action, const QStringList& regions) {
    Json updates = Json::array();
    for (const QString& code : codesOf(regions))
        updates.push_back({{action, {{"RegionName", code.toStdString()}}}});
    return updates;
}
}  // namespace

void GlobalTablesTab::createReplica() {
    if (!m_description.is_object()) return;
    auto* dialog =
        new CreateReplicaDialog(m_bridge, m_region, table(), codesOf(m_model->regions()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateReplicaDialog::replicaRequested, this, [this](const QString& code) {
        // The status bar follows the new replica where the console reaches it.
        const QString region = m_bridge.replicaRegion(m_region, code);
        emit progressMessage(tr("Creating a replica of %1 in %2…").arg(table(), code),
                             region.isEmpty() ? m_region : region, table());
        scheduleReload(0);
    });
    connect(dialog, &CreateReplicaDialog::strongGroupRequested, this,
            [this](const QStringList& replicas, const QString& witness) {
                const QString members =
                    witness.isEmpty() ? replicas.join(QStringLiteral(", "))
                                      : tr("%1 and a witness in %2")
                                            .arg(replicas.join(QStringLiteral(", ")), witness);
                const QString first = m_bridge.replicaRegion(m_region, replicas.value(0));
                emit progressMessage(
                    tr("Creating a strongly consistent group of %1 with %2…").arg(table(), members),
                    first.isEmpty() ? m_region : first, table());
                scheduleReload(0);
            });
    dialog->open();
}

void GlobalTablesTab::openOutageDrill() {
    auto* dialog = findChild<OutageDrillDialog*>();
    if (!dialog) {
        // The drill runs in embedded regions: a remote one preselects its code's set.
        dialog = new OutageDrillDialog(m_bridge, EngineBridge::regionCode(m_region), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
}

void GlobalTablesTab::deleteSelectedReplica() {
    if (m_model->consistency() == QLatin1String("STRONG")) {
        QStringList others = m_model->regions();
        others.removeAll(m_region);
        const QStringList witnesses = m_model->witnesses();
        const QString what =
            witnesses.isEmpty()
                ? tr("the replicas in %1").arg(others.join(QStringLiteral(", ")))
                : tr("the replica in %1 and the witness in %2")
                      .arg(others.join(QStringLiteral(", ")), witnesses.join(QStringLiteral(", ")));
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Delete group"),
            tr("A strongly consistent group is deleted as a whole. Delete %1 of %2? Their items "
               "are deleted there; %3 keeps the table as a regional table.")
                .arg(what, table(), m_region),
            QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("confirmDeleteGroup"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        auto* confirm = box->addButton(tr("Delete group"), QMessageBox::DestructiveRole);
        connect(confirm, &QPushButton::clicked, this, &GlobalTablesTab::deleteStrongGroup);
        box->open();
        return;
    }
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
        {{"TableName", name.toStdString()}, {"ReplicaUpdates", regionUpdates("Delete", {region})}},
        [this, name, region](const tablespan::Result& r) {
            if (!r.ok()) {
                showError(EngineBridge::errorText(r));
                return;
            }
            showError({});
            // A replica out of the console's reach is followed in the table's own region.
            const QString followed =
                m_bridge.replicaRegion(m_region, EngineBridge::regionCode(region)).isEmpty()
                    ? m_region
                    : region;
            emit progressMessage(tr("Deleting the replica of %1 in %2…").arg(name, region),
                                 followed, name);
            scheduleReload(0);
        });
}

void GlobalTablesTab::deleteStrongGroup() {
    const QString name = table();
    QStringList others = m_model->regions();
    others.removeAll(m_region);
    Json request = {{"TableName", name.toStdString()},
                    {"ReplicaUpdates", regionUpdates("Delete", others)}};
    if (!m_model->witnesses().isEmpty())
        request["GlobalTableWitnessUpdates"] = regionUpdates("Delete", m_model->witnesses());
    m_bridge.call(this, m_region, QStringLiteral("UpdateTable"), request,
                  [this, name](const tablespan::Result& r) {
                      if (!r.ok()) {
                          showError(EngineBridge::errorText(r));
                          return;
                      }
                      showError({});
                      emit progressMessage(
                          tr("Deleting the strongly consistent group of %1…").arg(name), m_region,
                          name);
                      scheduleReload(0);
                  });
}
