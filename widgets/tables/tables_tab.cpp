#include "tables/tables_tab.h"

#include <QMenu>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "capacity/auto_scaling_box.h"
#include "tables/create_table_dialog.h"
#include "remote/copy_table_dialog.h"
#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/status_delegate.h"
#include "tables/index_panel.h"
#include "tables/table_details.h"
#include "tables/table_settings_panel.h"
#include "tables/table_tags_editor.h"
#include "tables/tables_model.h"
#include "common/view_style.h"

TablesTab::TablesTab(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_model(new TablesModel(this)),
      m_view(new QTableView(this)),
      m_status(new StatusDelegate(TablesModel::StatusRole, this)),
      m_details(new QTextBrowser(this)),
      m_indexPanel(new IndexPanel(this)),
      m_settings(new TableSettingsPanel(bridge, this)),
      m_detailTabs(new QTabWidget(this)),
      m_error(new QLabel(this)),
      m_animation(new QTimer(this)) {
    setObjectName(QStringLiteral("tablesTab"));
    auto* layout = new QVBoxLayout(this);
    auto* actions = new QHBoxLayout;
    auto* create = new QPushButton(icon(QStringLiteral("add")), tr("Create table"), this);
    create->setObjectName(QStringLiteral("createTable"));
    auto* remove = new QPushButton(icon(QStringLiteral("delete")), tr("Delete"), this);
    remove->setObjectName(QStringLiteral("deleteTable"));
    auto* explore = new QPushButton(icon(QStringLiteral("items")), tr("Explore items"), this);
    explore->setObjectName(QStringLiteral("exploreItems"));
    auto* refresh = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    actions->addWidget(create);
    actions->addWidget(remove);
    actions->addWidget(explore);
    actions->addStretch();
    actions->addWidget(refresh);
    layout->addLayout(actions);
    ViewStyle::inlineError(m_error, QStringLiteral("tablesError"));
    layout->addWidget(m_error);

    ViewStyle::rowList(m_view, QStringLiteral("tablesView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(TablesModel::Status, m_status);
    m_details->setObjectName(QStringLiteral("tableDetails"));
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    m_detailTabs->setObjectName(QStringLiteral("tableDetailTabs"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_details, tr("Overview"));
    m_detailTabs->addTab(m_indexPanel, tr("Indexes"));
    auto* settingsScroll = new QScrollArea(this);
    settingsScroll->setObjectName(QStringLiteral("tableSettingsScroll"));
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setWidget(m_settings);
    m_detailTabs->addTab(settingsScroll, tr("Settings"));
    splitter->addWidget(m_detailTabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(create, &QPushButton::clicked, this, &TablesTab::newTable);
    connect(remove, &QPushButton::clicked, this, &TablesTab::deleteSelected);
    connect(refresh, &QPushButton::clicked, this, &TablesTab::refresh);
    connect(explore, &QPushButton::clicked, this, [this] {
        const auto names = selectedTables();
        if (!names.isEmpty()) emit exploreItems(names.first());
    });
    ContextMenu::install(m_view, [this, create, remove, explore](QMenu* menu) {
        if (selectedTables().isEmpty()) {
            ContextMenu::addButton(menu, create);
            return;
        }
        ContextMenu::addButton(menu, explore);
        menu->addAction(icon(QStringLiteral("add")), tr("Create index…"), this,
                        &TablesTab::createIndex)
            ->setObjectName(QStringLiteral("createIndexAction"));
        const QStringList names = selectedTables();
        auto* copy =
            menu->addAction(icon(QStringLiteral("duplicate")), tr("Copy to another region…"), this,
                            [this, names] { copyTable(names.first()); });
        copy->setObjectName(QStringLiteral("copyTableAction"));
        copy->setEnabled(names.size() == 1);
        menu->addSeparator();
        ContextMenu::addButton(menu, remove);
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit exploreItems(m_model->tableName(index.row()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TablesTab::updateDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_view->selectionModel()->selectedRows();
        if (rows.size() == 1) emit tableChosen(m_model->tableName(rows.first().row()));
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablesTab::updateDetails);
    connect(m_indexPanel, &IndexPanel::createRequested, this, &TablesTab::createIndex);
    connect(m_indexPanel, &IndexPanel::deleteRequested, this, &TablesTab::deleteIndex);
    connect(m_settings, &TableSettingsPanel::applied, this, [this](const tablespan::Json& table) {
        m_model->updateTable(table);
        if (table.value("TableStatus", "") == std::string("UPDATING"))
            emit progressMessage(
                tr("Updating table %1…").arg(QString::fromStdString(table.value("TableName", ""))),
                m_region, QString::fromStdString(table.value("TableName", "")));
    });
    connect(m_settings->autoScalingBox(), &AutoScalingBox::scalingKnown, this,
            [this](const QString& arn, const tablespan::Json& scaling) {
                m_scaling.insert(arn, scaling);
                updateDetails();
            });
    connect(m_settings->tagsEditor(), &TableTagsEditor::tagsKnown, this,
            [this](const QString& arn, const tablespan::Json& tags) {
                m_tags.insert(arn, tags);
                updateDetails();
            });

    m_animation->setInterval(80);
    connect(m_animation, &QTimer::timeout, this, [this, phase = 0]() mutable {
        m_status->setPhase(++phase);
        m_view->viewport()->update();
        if (!m_model->hasTransitions()) m_animation->stop();
    });
    const auto animate = [this] {
        if (m_model->hasTransitions() && !m_animation->isActive()) m_animation->start();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, animate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, animate);

    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString& status) {
                if (region != m_region) return;
                if (status.isEmpty())
                    m_model->removeTable(table);
                else
                    describe(table);
            });
    connect(&m_bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                if (region == m_region) describe(table);
            });
}

QStringList TablesTab::selectedTables() const {
    QStringList names;
    for (const auto& index : m_view->selectionModel()->selectedRows())
        names << m_model->tableName(index.row());
    return names;
}

QString TablesTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void TablesTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void TablesTab::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    refresh();
}

void TablesTab::refresh() {
    const int generation = ++m_generation;
    showError({});
    m_pitrSupport = Support::Unknown;
    m_model->setTables({});
    updateDetails();  // nothing selected: no details left from the region before
    m_bridge.call(
        this, m_region, QStringLiteral("ListTables"), tablespan::Json::object(),
        [this, generation](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (!r.ok()) {
                showError(
                    tr("Could not list tables: %1").arg(QString::fromStdString(r.error->message)));
                return;
            }
            for (const auto& name : r.body["TableNames"])
                describe(QString::fromStdString(name.get<std::string>()));
        });
}

void TablesTab::describe(const QString& table) {
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeTable"), {{"TableName", table.toStdString()}},
        [this, generation, table](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (r.ok()) {
                // PITR settings exist once the table is ACTIVE: ask when it
                // first shows up ACTIVE (new, or just out of CREATING).
                const int row = m_model->rowOf(table);
                const bool wasActive = row >= 0 && m_model->description(row).value(
                                                       "TableStatus", "") == std::string("ACTIVE");
                m_model->updateTable(r.body["Table"]);
                if (!wasActive && r.body["Table"].value("TableStatus", "") == std::string("ACTIVE"))
                    queryPitr(table);
            } else if (r.error->type == "ResourceNotFoundException") {
                m_model->removeTable(table);
            }
        });
}

void TablesTab::queryPitr(const QString& table) {
    // Until the engine answers DescribeContinuousBackups, the column shows "—"; one
    // UnknownOperationException per refresh is enough to know.
    if (m_pitrSupport == Support::No) return;
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("DescribeContinuousBackups"),
                  {{"TableName", table.toStdString()}},
                  [this, generation, table](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          if (r.error->type == "UnknownOperationException")
                              m_pitrSupport = Support::No;
                          return;
                      }
                      m_pitrSupport = Support::Yes;
                      const auto& d = r.body["ContinuousBackupsDescription"];
                      const bool on = d.contains("PointInTimeRecoveryDescription") &&
                                      d["PointInTimeRecoveryDescription"].value(
                                          "PointInTimeRecoveryStatus", "") == "ENABLED";
                      m_model->setPitr(table, on ? TablesModel::PitrState::Enabled
                                                 : TablesModel::PitrState::Disabled);
                  });
}

void TablesTab::updateDetails() {
    const auto rows = m_view->selectionModel()->selectedRows();
    const tablespan::Json table =
        rows.size() == 1 ? m_model->description(rows.first().row()) : tablespan::Json();
    // Keep the reader's place: a backfill refreshes the details several times a second.
    const QString name =
        table.is_object() ? QString::fromStdString(table.value("TableName", "")) : QString();
    const int scroll = name == m_shownTable ? m_details->verticalScrollBar()->value() : 0;
    m_shownTable = name;
    const QString arn =
        table.is_object() ? QString::fromStdString(table.value("TableArn", "")) : QString();
    m_details->setHtml(TableDetails::html(table, m_tags.value(arn, tablespan::Json()),
                                          m_scaling.value(arn, tablespan::Json())));
    m_details->verticalScrollBar()->setValue(scroll);
    m_indexPanel->setTable(table);
    m_settings->setTable(m_region, table);
    const int count =
        table.is_object()
            ? static_cast<int>(
                  table.value("GlobalSecondaryIndexes", tablespan::Json::array()).size() +
                  table.value("LocalSecondaryIndexes", tablespan::Json::array()).size())
            : 0;
    m_detailTabs->setTabText(1, count ? tr("Indexes (%1)").arg(count) : tr("Indexes"));
}

void TablesTab::selectTable(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row >= 0) m_view->selectRow(row);
}

void TablesTab::newTable() {
    auto* dialog = new CreateTableDialog(m_bridge, m_region, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateTableDialog::tableCreated, this, [this](const QString& name) {
        emit progressMessage(tr("Creating table %1…").arg(name), m_region, name);
        describe(name);
    });
    dialog->open();
}

void TablesTab::copyTable(const QString& table) {
    auto* dialog = new CopyTableDialog(m_bridge, m_region, table, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CopyTableDialog::copyFinished, this,
            [this](bool, const QString& text) { emit message(text); });
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void TablesTab::deleteSelected() {
    const QStringList names = selectedTables();
    if (names.isEmpty()) return;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete tables"),
        tr("Delete %n table(s) in %1? All items are deleted and cannot be recovered.\n\n%2",
           nullptr, static_cast<int>(names.size()))
            .arg(m_region, names.join(QLatin1Char('\n'))),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, names](QAbstractButton* b) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) deleteTables(names);
    });
    box->open();
}

void TablesTab::deleteTables(const QStringList& names) {
    showError({});
    for (const QString& name : names) {
        const int generation = m_generation;
        m_bridge.call(
            this, m_region, QStringLiteral("DeleteTable"), {{"TableName", name.toStdString()}},
            [this, generation, name](const tablespan::Result& r) {
                if (generation != m_generation) return;
                if (r.ok()) {
                    m_model->updateTable(r.body["TableDescription"]);
                    emit progressMessage(tr("Deleting table %1…").arg(name), m_region, name);
                } else {
                    showError(tr("Could not delete %1: %2")
                                  .arg(name, QString::fromStdString(r.error->message)));
                }
            });
    }
}
