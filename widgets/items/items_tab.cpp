#include "items/items_tab.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "items/batch_writer.h"
#include "items/compare_view.h"
#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/status_delegate.h"
#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/pending_transaction_panel.h"
#include "items/query_form.h"
#include "common/table_box.h"
#include "tables/tables_model.h"

using tablespan::Json;

namespace {
QPushButton* button(const char* iconName, const QString& text, const char* name, QWidget* parent) {
    auto* b = new QPushButton(icon(QString::fromLatin1(iconName)), text, parent);
    b->setObjectName(QString::fromLatin1(name));
    return b;
}
}  // namespace

ItemsTab::ItemsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tables(tables),
      m_tableBox(new QComboBox(this)),
      m_form(new QueryForm(this)),
      m_model(new ItemsModel(bridge, this)),
      m_view(new QTableView(this)),
      m_status(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_error(new QLabel(this)),
      m_progressRow(new QWidget(this)),
      m_progressLabel(new QLabel(m_progressRow)),
      m_progress(new QProgressBar(m_progressRow)),
      m_compareButton(button("region", tr("Compare regions"), "compareRegions", this)),
      m_compare(new CompareView(bridge, this)),
      m_pending(new PendingTransactionPanel(bridge, this)),
      m_expiryClock(new QTimer(this)) {
    setObjectName(QStringLiteral("itemsTab"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Table:"), this));
    m_tableBox->setObjectName(QStringLiteral("tableBox"));
    // As wide as the longest table name where there is room, narrower where there is not:
    // the row must fit a 1000 px window in German.
    m_tableBox->setMinimumWidth(100);
    top->addWidget(m_tableBox);
    top->addStretch();
    auto* create = button("add", tr("Create item"), "createItem", this);
    auto* edit = button("edit", tr("Edit"), "editItem", this);
    auto* duplicate = button("duplicate", tr("Duplicate"), "duplicateItem", this);
    auto* remove = button("delete", tr("Delete"), "deleteItems", this);
    auto* import = button("import", tr("Import…"), "importItems", this);
    auto* exportButton = button("export", tr("Export…"), "exportItems", this);
    m_compareButton->setCheckable(true);
    for (auto* b : {create, edit, duplicate, remove, import, exportButton, m_compareButton})
        top->addWidget(b);
    layout->addLayout(top);
    layout->addWidget(m_form);

    m_error->setObjectName(QStringLiteral("itemsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #d13212;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    auto* cancelButton = new QPushButton(tr("Cancel"), m_progressRow);
    cancelButton->setObjectName(QStringLiteral("cancel"));
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(cancelButton);
    m_progressRow->hide();
    layout->addWidget(m_progressRow);

    m_view->setObjectName(QStringLiteral("itemsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setDefaultSectionSize(150);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // No row numbers (the AWS console shows none): sizing a header for a million of them
    // costs every layout pass while the table loads.
    m_view->verticalHeader()->hide();
    layout->addWidget(m_view, 1);
    m_compare->hide();
    layout->addWidget(m_compare, 1);
    m_status->setObjectName(QStringLiteral("itemsStatus"));
    m_summary->setObjectName(QStringLiteral("itemsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    statusRow->addStretch();
    statusRow->addWidget(m_summary);
    layout->addLayout(statusRow);
    layout->addWidget(m_pending);
    connect(m_pending, &PendingTransactionPanel::saved, this, [this](int changes) {
        m_model->reload();
        emit message(tr("Transaction saved: %n change(s) written.", nullptr, changes));
    });

    connect(m_tableBox, &QComboBox::currentIndexChanged, this,
            [this] { setTable(m_tableBox->currentText()); });
    connect(m_tableBox, &QComboBox::activated, this,
            [this] { emit tableChosen(m_tableBox->currentText()); });
    connect(m_form, &QueryForm::runRequested, this, &ItemsTab::run);
    connect(m_form, &QueryForm::indexChanged, this, [this](const QString& index) {
        showIndexKeys(index);
        // A Scan needs nothing more: show what the index holds at once.
        if (!m_form->spec().query) run();
    });
    connect(create, &QPushButton::clicked, this, &ItemsTab::newItem);
    connect(edit, &QPushButton::clicked, this, &ItemsTab::editSelected);
    connect(duplicate, &QPushButton::clicked, this, &ItemsTab::duplicateSelected);
    connect(remove, &QPushButton::clicked, this, &ItemsTab::deleteSelected);
    connect(import, &QPushButton::clicked, this, &ItemsTab::chooseImportFile);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->setObjectName(QStringLiteral("exportMenu"));
    exportMenu->addAction(tr("Export the whole table…"), this, &ItemsTab::chooseExportFile)
        ->setObjectName(QStringLiteral("exportTable"));
    exportMenu->addAction(tr("Export these results…"), this, &ItemsTab::chooseResultsExportFile)
        ->setObjectName(QStringLiteral("exportResults"));
    exportMenu->addSeparator();
    for (QAction* a : copyActions()) exportMenu->addAction(a);
    exportButton->setMenu(exportMenu);
    // Ctrl+C in the items copies them as DynamoDB JSON, which keeps every type.
    m_view->addAction(copyActions().first());
    connect(cancelButton, &QPushButton::clicked, this, &ItemsTab::cancel);
    connect(m_compareButton, &QPushButton::toggled, this, &ItemsTab::updateCompare);
    ContextMenu::install(m_view, [=, this](QMenu* menu) {
        if (m_view->selectionModel()->selectedRows().isEmpty()) {
            ContextMenu::addButton(menu, create);
            return;
        }
        for (auto* b : {edit, duplicate}) ContextMenu::addButton(menu, b);
        menu->addSeparator();
        for (QAction* a : copyActions()) menu->addAction(a);
        menu->addSeparator();
        ContextMenu::addButton(menu, remove);
    });
    connect(m_view, &QTableView::doubleClicked, this, &ItemsTab::editSelected);
    connect(m_model, &ItemsModel::pageLoaded, this, &ItemsTab::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_sized = false;
        updateStatus();
    });
    connect(m_model, &ItemsModel::pageLoaded, this, [this] {
        // Fit the columns to the first page (headers included), within reason.
        if (m_sized || m_model->rowCount() == 0) return;
        m_sized = true;
        m_view->resizeColumnsToContents();
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 320));
        fitExpiryColumn();
    });
    // Engine time may run faster than the wall clock: a second is often enough.
    m_expiryClock->setInterval(1000);
    // Hidden, nothing to repaint: the text is made from engine time when painted.
    connect(m_expiryClock, &QTimer::timeout, this, [this] {
        if (isVisible()) m_model->refreshExpiry();
    });
    const auto followExpiry = [this] {
        if (m_model->expiryColumn() < 0) return m_expiryClock->stop();
        if (!m_expiryClock->isActive()) m_expiryClock->start();
    };
    connect(m_model, &QAbstractItemModel::columnsInserted, this,
            [this, followExpiry](const QModelIndex&, int first, int last) {
                followExpiry();
                const int column = m_model->expiryColumn();
                if (column >= first && column <= last) fitExpiryColumn();
            });
    connect(m_model, &QAbstractItemModel::columnsRemoved, this, followExpiry);
    connect(m_model, &QAbstractItemModel::modelReset, this, followExpiry);
    connect(m_model, &ItemsModel::loadingChanged, this, &ItemsTab::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ItemsTab::updateStatus);
    connect(m_model, &ItemsModel::loadFailed, this,
            [this](const QString& type, const QString& message) {
                showError(tr("%1: %2").arg(type, message));
            });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_tables, signal, this, &ItemsTab::reloadTableList);
    connect(&m_tables, &QAbstractItemModel::modelReset, this, &ItemsTab::reloadTableList);
    connect(&m_tables, &QAbstractItemModel::dataChanged, this, [this] {
        // The key schema becomes known once DescribeTable answered.
        if (m_model->table().isEmpty() && !table().isEmpty()) setTable(table());
        refreshSources();  // indexes come and go
        updateCompare();   // and replicas
    });
    // Writes from elsewhere (the PartiQL tab, a client of the endpoint) show when the tab
    // is shown next; while shown, the tab keeps its rows and scroll position.
    connect(&m_bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                if (!isVisible() && region == m_model->region() && table == m_model->table())
                    m_itemsStale = true;
            });
    updateStatus();
    updateCompare();
}

QString ItemsTab::table() const {
    return m_tableBox->currentText();
}

QString ItemsTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ItemsTab::statusText() const {
    return m_status->text();
}

QList<QAction*> ItemsTab::copyActions() {
    if (m_copyActions.isEmpty()) {
        auto* dynamo = new QAction(tr("Copy as DynamoDB JSON"), this);
        dynamo->setObjectName(QStringLiteral("copyDynamo"));
        dynamo->setShortcut(QKeySequence::Copy);
        dynamo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(dynamo, &QAction::triggered, this,
                [this] { copySelected(ItemClipboard::Format::Dynamo); });
        auto* plain = new QAction(tr("Copy as JSON"), this);
        plain->setObjectName(QStringLiteral("copyPlain"));
        connect(plain, &QAction::triggered, this,
                [this] { copySelected(ItemClipboard::Format::Plain); });
        m_copyActions = {dynamo, plain};
    }
    return m_copyActions;
}

QList<Json> ItemsTab::selectedItems() const {
    QList<int> rows;
    for (const auto& index : m_view->selectionModel()->selectedRows()) rows << index.row();
    std::sort(rows.begin(), rows.end());
    QList<Json> items;
    for (int row : rows) items << m_model->item(row);
    return items;
}

void ItemsTab::copySelected(ItemClipboard::Format format) {
    const QList<Json> items = selectedItems();
    if (items.isEmpty()) return;
    ItemClipboard::copy(items, format);
    emit message(tr("%n item(s) copied.", nullptr, static_cast<int>(items.size())));
}

QString ItemsTab::summaryText() const {
    return m_summary->text();
}

bool ItemsTab::isBusy() const {
    return m_writer || m_exporting;
}

void ItemsTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ItemsTab::reloadTableList() {
    if (!syncTableBox(m_tableBox, m_tables)) return;
    if (table() != m_model->table()) setTable(table());
}

void ItemsTab::setRegion(const QString& region) {
    m_region = region;
    m_model->clear();
    showError({});
    updateCompare();
}

Json ItemsTab::indexDescription(const QString& index) const {
    const Json d = m_tables.description(m_tables.rowOf(table()));
    if (!d.is_object() || index.isEmpty()) return {};
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
        for (const auto& i : d.value(kind, Json::array()))
            if (i.value("IndexName", "") == index.toStdString()) return i;
    return {};
}

ItemFiles::KeySchema ItemsTab::keySchema(const QString& index) const {
    const Json d = m_tables.description(m_tables.rowOf(table()));
    ItemFiles::KeySchema keys;
    if (!d.is_object()) return keys;
    const Json indexDesc = indexDescription(index);
    const Json& owner = indexDesc.is_object() ? indexDesc : d;
    for (const auto& k : owner.value("KeySchema", Json::array())) {
        const std::string name = k.value("AttributeName", "");
        for (const auto& a : d.value("AttributeDefinitions", Json::array()))
            if (a.value("AttributeName", "") == name)
                keys.append({QString::fromStdString(name),
                             QString::fromStdString(a.value("AttributeType", ""))});
    }
    return keys;
}

QStringList ItemsTab::keyNames() const {
    QStringList names;
    for (const auto& k : keySchema()) names << k.first;
    return names;
}

void ItemsTab::setTable(const QString& name) {
    if (name != table()) {
        const int index = m_tableBox->findText(name);
        if (index < 0) return;
        m_tableBox->setCurrentIndex(index);  // comes back here
        return;
    }
    const auto keys = keySchema();
    showError({});
    if (name.isEmpty() || keys.isEmpty()) {
        m_model->clear();
        updateStatus();
        return;
    }
    m_form->setSources(sourcesOf(name));
    showIndexKeys({});
    // Another table starts from a plain Scan, and the form says so.
    m_form->setQueryMode(false);
    m_form->clearFilters();
    m_form->setProjection({});
    m_model->setSource(m_region, name, keyNames(), QStringLiteral("Scan"), Json::object());
    describeTtl();
    updateCompare();
}

void ItemsTab::fitExpiryColumn() {
    // Wider than other columns may be: the date and "expired … ago, pending deletion".
    const int column = m_model->expiryColumn();
    if (column < 0 || m_model->rowCount() == 0) return;
    m_view->resizeColumnToContents(column);
    m_view->setColumnWidth(column, std::min(m_view->columnWidth(column), 420));
}

void ItemsTab::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    describeTtl();  // Time to Live may have changed in Settings meanwhile
    if (m_itemsStale && !isBusy() && !m_model->table().isEmpty()) m_model->reload();
    m_itemsStale = false;
}

void ItemsTab::describeTtl() {
    const int generation = ++m_ttlGeneration;
    const QString region = m_model->region();
    const QString name = m_model->table();
    if (name.isEmpty()) return;
    m_bridge.call(this, region, QStringLiteral("DescribeTimeToLive"),
                  {{"TableName", name.toStdString()}},
                  [this, generation, region, name](const tablespan::Result& r) {
                      if (generation != m_ttlGeneration || region != m_model->region() ||
                          name != m_model->table())
                          return;
                      // Unknown (a table being created or deleted) shows no expiry.
                      const Json ttl = r.ok() ? r.body["TimeToLiveDescription"] : Json();
                      m_model->setExpiryAttribute(
                          ttl.is_object() && ttl.value("TimeToLiveStatus", "") == "ENABLED"
                              ? QString::fromStdString(ttl.value("AttributeName", ""))
                              : QString());
                  });
}

QList<QPair<QString, QString>> ItemsTab::sourcesOf(const QString& name) const {
    QList<QPair<QString, QString>> sources = {{tr("Table: %1").arg(name), QString()}};
    const Json d = m_tables.description(m_tables.rowOf(name));
    if (!d.is_object()) return sources;
    for (const auto& [kind, label] : {std::pair{"GlobalSecondaryIndexes", tr("GSI: %1")},
                                      std::pair{"LocalSecondaryIndexes", tr("LSI: %1")}})
        for (const auto& i : d.value(kind, Json::array())) {
            const QString index = QString::fromStdString(i.value("IndexName", ""));
            const QString status = QString::fromStdString(i.value("IndexStatus", "ACTIVE"));
            // An index being created or deleted cannot be read yet (or any more): say so.
            sources.append(
                {status == QLatin1String("ACTIVE")
                     ? label.arg(index)
                     : tr("%1 (%2)").arg(label.arg(index), StatusDelegate::statusText(status)),
                 index});
        }
    return sources;
}

void ItemsTab::refreshSources() {
    const QString name = table();
    if (name.isEmpty() || m_model->table() != name) return;
    const auto sources = sourcesOf(name);
    if (sources == m_form->sources()) return;
    const QString current = m_form->indexName();
    m_form->setSources(sources, current);
    if (m_form->indexName() == current) return;
    // The index read is gone: back to the table, as a Scan.
    showIndexKeys({});
    m_form->setQueryMode(false);
    m_model->setSource(m_region, name, keyNames(), QStringLiteral("Scan"), Json::object());
}

int ItemsTab::partitionKeyCount(const QString& index) const {
    const Json indexDesc = indexDescription(index);
    const Json owner =
        indexDesc.is_object() ? indexDesc : m_tables.description(m_tables.rowOf(table()));
    int count = 0;
    if (owner.is_object())
        for (const auto& k : owner.value("KeySchema", Json::array()))
            count += k.value("KeyType", "") == "HASH";
    return count;
}

void ItemsTab::showIndexKeys(const QString& index) {
    // A KeySchema lists its HASH attributes first, then its RANGE ones.
    const auto keys = keySchema(index);
    if (keys.isEmpty()) return;
    const int partition = std::max(1, partitionKeyCount(index));
    m_form->setKeys(keys.mid(0, partition), keys.mid(partition));
}

void ItemsTab::updateCompare() {
    // A remote table's replicas are compared where its connection reaches them.
    QStringList others, unserved;
    for (const QString& code :
         CompareView::replicaRegions(m_tables.description(m_tables.rowOf(table())))) {
        const QString region = m_bridge.replicaRegion(m_region, code);
        (region.isEmpty() ? unserved : others) << (region.isEmpty() ? code : region);
    }
    m_compareButton->setEnabled(!others.isEmpty());
    m_compareButton->setToolTip(
        !others.isEmpty() ? tr("Show this table in two regions side by side.")
        : unserved.isEmpty()
            ? tr("Only a global table can be compared: this table has no "
                 "replica in another region.")
            : tr("This table's replicas are in regions connection %1 does not "
                 "serve (%2): the console cannot read them to compare.")
                  .arg(EngineBridge::connectionOf(m_region), unserved.join(QStringLiteral(", "))));
    const bool on = m_compareButton->isChecked() && !others.isEmpty();
    m_form->setVisible(!on);
    m_view->setVisible(!on);
    m_status->setVisible(!on);
    m_summary->setVisible(!on);
    m_compare->setVisible(on);
    if (on)
        m_compare->setSource(m_region, table(), keyNames(), others);
    else
        m_compare->clear();
}

void ItemsTab::run() {
    if (table().isEmpty()) return;
    QString error;
    const QuerySpec spec = m_form->spec();
    Json request = QueryBuilder::build(spec, &error);
    if (request.is_null()) {
        showError(error);
        return;
    }
    showError({});
    QStringList indexKeys, projected;
    if (!spec.indexName.isEmpty()) {
        for (const auto& k : keySchema(spec.indexName)) indexKeys << k.first;
        // Columns follow the projection: keys first, then what INCLUDE names.
        const Json projection =
            indexDescription(spec.indexName).value("Projection", Json::object());
        for (const auto& a : projection.value("NonKeyAttributes", Json::array()))
            if (a.is_string()) projected << QString::fromStdString(a.get<std::string>());
    }
    m_model->setSource(m_region, table(), keyNames(),
                       spec.query ? QStringLiteral("Query") : QStringLiteral("Scan"), request,
                       indexKeys, projected, partitionKeyCount(spec.indexName));
    describeTtl();
}

void ItemsTab::updateStatus() {
    const QLocale locale;
    m_summary->setText(m_model->table().isEmpty() || m_model->pagesLoaded() == 0
                           ? QString()
                           : tr("Items returned: %1 · Items scanned: %2 · Consumed RCUs: %3")
                                 .arg(locale.toString(m_model->returnedCount()),
                                      locale.toString(m_model->scannedCount()),
                                      locale.toString(m_model->consumedCapacity(), 'f',
                                                      QLocale::FloatingPointShortest)));
    if (m_model->table().isEmpty()) {
        m_status->setText(m_tableBox->count() ? tr("Choose a table.")
                                              : tr("This region has no tables."));
        return;
    }
    QString text = tr("%n item(s) loaded", nullptr, m_model->rowCount());
    if (m_model->isLoading())
        text += tr(" · loading…");
    else if (m_model->hasMore())
        text += tr(" · more as you scroll");
    m_status->setText(text);
}

void ItemsTab::setBusy(const QString& what) {
    m_cancelled = false;
    m_progressLabel->setText(what);
    m_progress->setRange(0, 0);
    m_progressRow->show();
}

void ItemsTab::finishBusy(const QString& error, const QString& done) {
    m_progressRow->hide();
    if (!error.isEmpty()) showError(error);
    if (!done.isEmpty()) emit message(done);
    emit operationFinished(error);
}

void ItemsTab::startBatch(const QList<Json>& items, bool deleteKeys, const QString& what) {
    if (isBusy()) return;
    showError({});
    setBusy(what);
    m_writer = new BatchWriter(m_bridge, m_region, table(), keyNames(), this);
    connect(m_writer, &BatchWriter::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        m_progress->setFormat(
            tr("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_writer, &BatchWriter::finished, this,
            [this, deleteKeys, items](bool cancelled, const QString& error) {
                const int written = m_writer->written();
                m_writer->deleteLater();
                m_writer = nullptr;
                if (deleteKeys) {
                    for (int i = 0; i < written && i < items.size(); ++i)
                        m_model->removeKey(items[i]);
                } else {
                    m_model->reload();
                }
                const QString done = cancelled ? tr("Cancelled after %n item(s).", nullptr, written)
                                     : deleteKeys ? tr("%n item(s) deleted.", nullptr, written)
                                                  : tr("%n item(s) imported.", nullptr, written);
                finishBusy(error, done);
            });
    m_writer->start(items, deleteKeys);
}

void ItemsTab::cancel() {
    m_cancelled = true;
    if (m_writer) m_writer->cancel();
}
