#include "window/activity_dock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include "window/activity_model.h"
#include "common/bridge_owned.h"
#include "common/engine_bridge.h"

ActivityDock::ActivityDock(EngineBridge& bridge, QWidget* parent)
    : QDockWidget(tr("Activity"), parent),
      m_model(bridgeOwned<ActivityModel>(bridge, QStringLiteral("activityModel"), [&bridge] {
          auto* model = new ActivityModel(10'000, &bridge);
          QObject::connect(&bridge, &EngineBridge::requestsCompleted, model,
                           &ActivityModel::append);
          return model;
      })) {
    setObjectName(QStringLiteral("activityDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 0, 4, 4);
    m_view = new QTableView(body);
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(ActivityModel::Time, 100);
    m_view->setColumnWidth(ActivityModel::Region, 110);
    m_view->setColumnWidth(ActivityModel::Operation, 130);
    m_view->setColumnWidth(ActivityModel::Table, 130);
    m_view->setColumnWidth(ActivityModel::Latency, 80);
    layout->addWidget(m_view);

    auto* row = new QHBoxLayout;
    auto* count = new QLabel(body);
    auto* clear = new QPushButton(tr("Clear"), body);
    row->addWidget(count, 1);
    row->addWidget(clear);
    layout->addLayout(row);
    setWidget(body);

    const auto updateCount = [this, count] {
        count->setText(tr("%n request(s) (the last %1 are kept)", nullptr, m_model->rowCount())
                           .arg(m_model->capacity()));
    };
    updateCount();
    connect(clear, &QPushButton::clicked, m_model, &ActivityModel::clear);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar* bar = m_view->verticalScrollBar();
        m_followTail = bar->value() >= bar->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this, updateCount] {
        updateCount();
        if (m_followTail) m_view->scrollToBottom();
    });
    QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
}
