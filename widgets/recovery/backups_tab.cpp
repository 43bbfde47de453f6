#include "recovery/backups_tab.h"

#include <QMenu>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "recovery/backup_details.h"
#include "recovery/backups_model.h"
#include "recovery/create_backup_dialog.h"
#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "recovery/restore_dialog.h"
#include "recovery/restore_progress.h"
#include "common/status_delegate.h"
#include "common/view_style.h"

using tablespan::Json;

BackupsTab::BackupsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tables(tables),
      m_model(new BackupsModel(this)),
      m_view(new QTableView(this)),
      m_status(new StatusDelegate(BackupsModel::StatusRole, this)),
      m_details(new QTextBrowser(this)),
      m_error(new QLabel(this)),
      m_progress(new RestoreProgress(bridge, this)),
      m_restore(new QPushButton(icon(QStringLiteral("import")), tr("Restore…"), this)),
      m_delete(new QPushButton(icon(QStringLiteral("delete")), tr("Delete"), this)),
      m_reload(new QTimer(this)),
      m_animation(new QTimer(this)) {
    setObjectName(QStringLiteral("backupsTab"));
    auto* create = new QPushButton(icon(QStringLiteral("add")), tr("Create backup…"), this);
    create->setObjectName(QStringLiteral("createBackup"));
    m_restore->setObjectName(QStringLiteral("restoreBackup"));
    m_delete->setObjectName(QStringLiteral("deleteBackup"));
    auto* refresh = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(create);
    actions->addWidget(m_restore);
    actions->addWidget(m_delete);
    actions->addStretch();
    actions->addWidget(refresh);
    ViewStyle::inlineError(m_error, QStringLiteral("backupsError"));

    ViewStyle::rowList(m_view, QStringLiteral("backupsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(BackupsModel::Status, m_status);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details->setObjectName(QStringLiteral("backupDetails"));
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);

    connect(create, &QPushButton::clicked, this, &BackupsTab::createBackup);
    connect(m_restore, &QPushButton::clicked, this, &BackupsTab::restoreSelected);
    connect(m_delete, &QPushButton::clicked, this, &BackupsTab::deleteSelected);
    connect(refresh, &QPushButton::clicked, this, &BackupsTab::refresh);
    ContextMenu::install(m_view, [this](QMenu* menu) {
        if (selectedArn().isEmpty()) return;
        ContextMenu::addButton(menu, m_restore);
        menu->addSeparator();
        ContextMenu::addButton(menu, m_delete);
    });
    connect(m_view, &QTableView::doubleClicked, this, &BackupsTab::restoreSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        describeSelected();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &BackupsTab::updateActions);
    // A refresh of the same backups repaints rows in place (the selection stays): a
    // selected backup that became AVAILABLE can be restored without reselecting it.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BackupsTab::updateActions);

    m_reload->setSingleShot(true);
    connect(m_reload, &QTimer::timeout, this, &BackupsTab::refresh);
    m_animation->setInterval(80);
    connect(m_animation, &QTimer::timeout, this, [this, phase = 0]() mutable {
        m_status->setPhase(++phase);
        m_view->viewport()->update();
        if (!m_model->hasTransitions()) m_animation->stop();
    });
    // A table removed with PITR on leaves a SYSTEM backup; a restore ends a backup's use.
    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString&, const QString&) {
                if (region == m_region && !m_reload->isActive()) m_reload->start(200);
            });
    updateActions();
}

QString BackupsTab::selectedArn() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->arn(rows.first().row());
}

QString BackupsTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

QString BackupsTab::detailsText() const {
    return m_details->toPlainText();
}

void BackupsTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void BackupsTab::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    m_progress->setRegion(region);
    m_model->setBackups({});
    m_details->clear();
    showError({});
    refresh();
}

void BackupsTab::refresh() {
    m_reload->stop();
    if (m_region.isEmpty()) return;
    listPage(Json(), {}, ++m_generation);
}

void BackupsTab::listPage(const Json& start, QList<Json> found, int generation) {
    Json request = {{"BackupType", "ALL"}};
    if (!start.is_null()) request["ExclusiveStartBackupArn"] = start;
    m_bridge.call(
        this, m_region, QStringLiteral("ListBackups"), request,
        [this, found = std::move(found), generation](const tablespan::Result& r) mutable {
            if (generation != m_generation) return;
            if (!r.ok()) {
                showError(tr("Could not list backups: %1").arg(EngineBridge::errorText(r)));
                return;
            }
            for (const auto& s : r.body.value("BackupSummaries", Json::array())) found.append(s);
            if (r.body.contains("LastEvaluatedBackupArn")) {
                listPage(r.body["LastEvaluatedBackupArn"], std::move(found), generation);
                return;
            }
            const QString selected = selectedArn();
            m_model->setBackups(found);
            const QString wanted = m_pendingSelection.isEmpty() ? selected : m_pendingSelection;
            if (m_model->rowOf(wanted) >= 0) {
                m_pendingSelection.clear();
                selectBackup(wanted);
            }
            describeSelected();
            if (m_model->hasTransitions()) {
                if (!m_animation->isActive()) m_animation->start();
                if (!m_reload->isActive()) m_reload->start(1000);
            }
        });
}

void BackupsTab::selectBackup(const QString& arn) {
    const int row = m_model->rowOf(arn);
    if (row < 0) {
        m_pendingSelection = arn;
        return;
    }
    if (selectedArn() != arn) m_view->selectRow(row);
}

void BackupsTab::describeSelected() {
    const QString arn = selectedArn();
    if (arn.isEmpty()) {
        m_details->clear();
        return;
    }
    m_bridge.call(this, m_region, QStringLiteral("DescribeBackup"),
                  {{"BackupArn", arn.toStdString()}}, [this, arn](const tablespan::Result& r) {
                      if (arn != selectedArn()) return;
                      if (r.ok())
                          m_details->setHtml(BackupDetails::html(r.body["BackupDescription"]));
                      else
                          m_details->setPlainText(EngineBridge::errorText(r));
                  });
}

void BackupsTab::updateActions() {
    const int row = m_model->rowOf(selectedArn());
    const QString status =
        row < 0
            ? QString()
            : m_model->index(row, BackupsModel::Status).data(BackupsModel::StatusRole).toString();
    m_restore->setEnabled(status == QLatin1String("AVAILABLE"));
    m_delete->setEnabled(row >= 0);
}

void BackupsTab::createBackup() {
    auto* dialog = new CreateBackupDialog(m_bridge, m_region, m_tables, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateBackupDialog::backupCreated, this,
            [this](const QString& arn, const QString& name) {
                showError({});
                emit message(tr("Backup %1 created.").arg(name));
                m_pendingSelection = arn;
                refresh();
            });
    dialog->open();
}

void BackupsTab::restoreSelected() {
    const int row = m_model->rowOf(selectedArn());
    if (row < 0) return;
    const Json summary = m_model->summary(row);
    RestoreDialog::Source source;
    source.backupArn = QString::fromStdString(summary.value("BackupArn", ""));
    source.backupName = QString::fromStdString(summary.value("BackupName", ""));
    source.table = QString::fromStdString(summary.value("TableName", ""));
    auto* dialog = new RestoreDialog(m_bridge, m_region, source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::restoreStarted, this, [this, dialog](const QString& table) {
        showError({});
        const QString region = dialog->targetRegion();
        if (region != m_region) {
            emit progressMessage(tr("Restoring table %1 in %2…").arg(table, region), region, table);
            return;
        }
        m_progress->track(table);
        emit progressMessage(tr("Restoring table %1…").arg(table), m_region, table);
    });
    dialog->open();
}

void BackupsTab::deleteSelected() {
    const int row = m_model->rowOf(selectedArn());
    if (row < 0) return;
    const QString arn = m_model->arn(row);
    const QString name = m_model->index(row, BackupsModel::Name).data().toString();
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete backup"),
        tr("Delete the backup %1 in %2? It cannot be restored afterwards.").arg(name, m_region),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteBackup"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* confirm = box->addButton(tr("Delete backup"), QMessageBox::DestructiveRole);
    connect(confirm, &QPushButton::clicked, this, [this, arn] { deleteBackup(arn); });
    box->open();
}

void BackupsTab::deleteBackup(const QString& arn) {
    m_bridge.call(
        this, m_region, QStringLiteral("DeleteBackup"), {{"BackupArn", arn.toStdString()}},
        [this, arn](const tablespan::Result& r) {
            if (!r.ok()) {
                showError(tr("Could not delete the backup: %1").arg(EngineBridge::errorText(r)));
                return;
            }
            showError({});
            m_model->removeBackup(arn);
            emit message(tr("Backup deleted."));
            refresh();
        });
}
