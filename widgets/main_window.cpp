#include "main_window.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include "engine_bridge.h"
#include "tables_model.h"
#include "tablespan/regions.h"

MainWindow::MainWindow(EngineBridge& bridge, const QString& region, QWidget* parent)
    : QMainWindow(parent), m_bridge(bridge) {
    setWindowTitle(tr("Tablespan"));
    resize(1100, 650);

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Region:"), toolbar));
    m_region = new QComboBox(toolbar);
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        const QString name =
            QString::fromUtf8(r.name.data(), static_cast<qsizetype>(r.name.size()));
        m_region->addItem(tr("%1 · %2").arg(name, code), code);
    }
    m_region->setCurrentIndex(std::max(0, m_region->findData(region)));
    toolbar->addWidget(m_region);
    auto* refreshAction = toolbar->addAction(tr("Refresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    connect(refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_tables = new TablesModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_tables);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    setCentralWidget(m_view);

    m_message = new QLabel(this);
    statusBar()->addWidget(m_message, 1);
    statusBar()->addPermanentWidget(
        new QLabel(tr("Data: %1").arg(QString::fromStdString(m_bridge.engine().data_dir())), this));
    statusBar()->addPermanentWidget(
        new QLabel(tr("Time ×%1").arg(m_bridge.engine().time_scale()), this));

    connect(m_region, &QComboBox::currentIndexChanged, this, &MainWindow::refresh);
    connect(m_tables, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCount);
    connect(m_tables, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCount);
    connect(m_tables, &QAbstractItemModel::modelReset, this, &MainWindow::updateCount);
    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString& status) {
                if (region != currentRegion()) return;
                if (status.isEmpty())
                    m_tables->removeTable(table);
                else
                    describe(table);
            });
    connect(&m_bridge, &EngineBridge::itemsChanged, this,
            [this](const QString& region, const QString& table) {
                if (region == currentRegion()) describe(table);
            });
    refresh();
}

void MainWindow::showMessage(const QString& text) {
    m_message->setText(text);
}

void MainWindow::updateCount() {
    m_message->setText(tr("%n table(s)", nullptr, m_tables->rowCount()));
}

QString MainWindow::currentRegion() const {
    return m_region->currentData().toString();
}

void MainWindow::refresh() {
    const int generation = ++m_generation;
    m_tables->setTables({});
    m_bridge.call(
        currentRegion(), QStringLiteral("ListTables"), tablespan::Json::object(),
        [this, generation](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (!r.ok()) {
                m_message->setText(
                    tr("Could not list tables: %1").arg(QString::fromStdString(r.error->message)));
                return;
            }
            for (const auto& name : r.body["TableNames"])
                describe(QString::fromStdString(name.get<std::string>()));
        });
}

void MainWindow::describe(const QString& table) {
    const int generation = m_generation;
    m_bridge.call(currentRegion(), QStringLiteral("DescribeTable"),
                  {{"TableName", table.toStdString()}},
                  [this, generation, table](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (r.ok())
                          m_tables->updateTable(r.body["Table"]);
                      else if (r.error->type == "ResourceNotFoundException")
                          m_tables->removeTable(table);
                  });
}
