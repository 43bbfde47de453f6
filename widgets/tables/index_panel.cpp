#include "tables/index_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "common/icons.h"
#include "common/status_delegate.h"
#include "common/view_style.h"
#include "tables/table_details.h"

using tablespan::Json;

namespace {
constexpr int kGlobalRole = Qt::UserRole;
}  // namespace

IndexPanel::IndexPanel(QWidget* parent)
    : QWidget(parent),
      m_list(new QTableWidget(0, NB_COLUMNS, this)),
      m_empty(new QLabel(this)),
      m_create(new QPushButton(icon(QStringLiteral("add")), tr("Create index"), this)),
      m_delete(new QPushButton(icon(QStringLiteral("delete")), tr("Delete index"), this)) {
    setObjectName(QStringLiteral("indexPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* actions = new QHBoxLayout;
    m_create->setObjectName(QStringLiteral("createIndex"));
    m_delete->setObjectName(QStringLiteral("deleteIndex"));
    actions->addWidget(m_create);
    actions->addWidget(m_delete);
    actions->addStretch();
    layout->addLayout(actions);
    ViewStyle::rowList(m_list, QStringLiteral("indexList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    // The same words as the index list of the overview.
    m_list->setHorizontalHeaderLabels({TableDetails::tr("Name"), TableDetails::tr("Kind"),
                                       TableDetails::tr("Partition key"),
                                       TableDetails::tr("Sort key"), TableDetails::tr("Projection"),
                                       TableDetails::tr("Items"), TableDetails::tr("Status")});
    layout->addWidget(m_list, 1);
    m_empty->setObjectName(QStringLiteral("indexPanelEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_empty);

    connect(m_create, &QPushButton::clicked, this, &IndexPanel::createRequested);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!selectedIndex().isEmpty()) emit deleteRequested(selectedIndex());
    });
    connect(m_list, &QTableWidget::itemSelectionChanged, this, &IndexPanel::updateActions);
    connect(m_list, &QWidget::customContextMenuRequested, this, &IndexPanel::showMenu);
    setTable({});
}

QString IndexPanel::selectedIndex() const {
    const auto rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_list->item(rows.first().row(), Name)->text();
}

void IndexPanel::selectIndex(const QString& name) {
    for (int row = 0; row < m_list->rowCount(); ++row)
        if (m_list->item(row, Name)->text() == name) {
            m_list->selectRow(row);
            return;
        }
}

int IndexPanel::backfillPercent(const QString& index) const {
    for (int row = 0; row < m_list->rowCount(); ++row)
        if (m_list->item(row, Name)->text() == index) {
            const QWidget* cellBox = m_list->cellWidget(row, Status);
            const auto* bar =
                cellBox ? cellBox->findChild<QProgressBar*>(QStringLiteral("backfillProgress"))
                        : nullptr;
            return bar ? bar->value() : -1;
        }
    return -1;
}

void IndexPanel::setTable(const Json& table) {
    const QString selected = selectedIndex();
    m_hasTable = table.is_object();
    m_list->clearContents();
    m_list->setRowCount(0);
    const QString tableStatus =
        m_hasTable ? QString::fromStdString(table.value("TableStatus", "")) : QString();
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
        const bool global = kind[0] == 'G';
        for (const auto& index : m_hasTable ? table.value(kind, Json::array()) : Json::array()) {
            const int row = m_list->rowCount();
            m_list->insertRow(row);
            const Json keys = index.value("KeySchema", Json::array());
            // An LSI has no status of its own: it is the table's.
            const QString status = StatusDelegate::statusText(
                global ? QString::fromStdString(index.value("IndexStatus", "")) : tableStatus);
            QString cells[NB_COLUMNS];
            cells[Name] = QString::fromStdString(index.value("IndexName", ""));
            cells[Kind] = global ? TableDetails::tr("GSI") : TableDetails::tr("LSI");
            cells[PartitionKey] = TableDetails::keyText(table, keys, "HASH");
            cells[SortKey] = TableDetails::keyText(table, keys, "RANGE");
            cells[Projection] =
                TableDetails::projectionText(index.value("Projection", Json::object()));
            cells[Items] = QLocale().toString(index.value("ItemCount", qint64{0}));
            cells[Status] = status;
            for (int c = 0; c < NB_COLUMNS; ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                item->setData(kGlobalRole, global);
                if (c == Items) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_list->setItem(row, c, item);
            }
            const int percent = TableDetails::backfillPercent(table, index);
            if (percent >= 0) {
                // A bar of a readable width at the left of the cell, not across the pane.
                auto* cellBox = new QWidget(m_list);
                auto* cellLayout = new QHBoxLayout(cellBox);
                cellLayout->setContentsMargins(2, 1, 2, 1);
                auto* bar = new QProgressBar(cellBox);
                bar->setObjectName(QStringLiteral("backfillProgress"));
                bar->setRange(0, 100);
                bar->setValue(percent);
                // The words beside the bar, not on it: a bar's own text is unreadable on
                // a selected row in some styles.
                bar->setTextVisible(false);
                bar->setFixedWidth(120);
                // The same words as the overview's; they stand in for the item's text.
                auto* label = new QLabel(
                    TableDetails::tr("%1 · Backfilling · %2%").arg(status).arg(percent), cellBox);
                m_list->item(row, Status)->setText(QString());
                label->setObjectName(QStringLiteral("backfillText"));
                cellBox->setToolTip(
                    tr("The index is being filled from the table's items: %1 of %2.")
                        .arg(QLocale().toString(index.value("ItemCount", qint64{0})),
                             QLocale().toString(table.value("ItemCount", qint64{0}))));
                cellLayout->addWidget(label);
                cellLayout->addWidget(bar);
                cellLayout->addStretch();
                m_list->setCellWidget(row, Status, cellBox);
            }
        }
    }
    m_list->setVisible(m_list->rowCount() > 0);
    m_empty->setText(!m_hasTable ? tr("Select a table to see its indexes.")
                                 : tr("This table has no secondary indexes. Create a global "
                                      "secondary index to query it by other attributes."));
    m_empty->setVisible(m_list->rowCount() == 0);
    if (!selected.isEmpty()) selectIndex(selected);
    updateActions();
}

void IndexPanel::updateActions() {
    m_create->setEnabled(m_hasTable);
    const auto rows = m_list->selectionModel()->selectedRows();
    const bool global =
        !rows.isEmpty() && m_list->item(rows.first().row(), Name)->data(kGlobalRole).toBool();
    m_delete->setEnabled(global);
    m_delete->setToolTip(!rows.isEmpty() && !global
                             ? tr("A local secondary index is deleted only with its table.")
                             : QString());
}

void IndexPanel::showMenu(const QPoint& pos) {
    if (!m_hasTable) return;
    QMenu menu(this);
    const QTableWidgetItem* item = m_list->itemAt(pos);
    if (item) {
        m_list->selectRow(item->row());
        QAction* remove = menu.addAction(icon(QStringLiteral("delete")),
                                         tr("Delete index %1…").arg(selectedIndex()));
        remove->setEnabled(item->data(kGlobalRole).toBool());
        connect(remove, &QAction::triggered, this,
                [this, name = selectedIndex()] { emit deleteRequested(name); });
    }
    QAction* create = menu.addAction(icon(QStringLiteral("add")), tr("Create index…"));
    connect(create, &QAction::triggered, this, &IndexPanel::createRequested);
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}
