#include "window/activity_dock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include "window/activity_filter.h"
#include "window/activity_model.h"
#include "common/bridge_owned.h"
#include "common/engine_bridge.h"

ActivityDock::ActivityDock(EngineBridge& bridge, QWidget* parent)
    : QDockWidget(tr("Activity"), parent),
      m_model(bridgeOwned<ActivityModel>(bridge, QStringLiteral("activityModel"),
                                         [&bridge] {
                                             auto* model = new ActivityModel(10'000, &bridge);
                                             QObject::connect(&bridge,
                                                              &EngineBridge::requestsCompleted,
                                                              model, &ActivityModel::append);
                                             return model;
                                         })),
      m_filter(new ActivityFilter(this)) {
    setObjectName(QStringLiteral("activityDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 0, 4, 4);

    auto* filters = new QHBoxLayout;
    m_regions = new QComboBox(body);
    m_regions->setObjectName(QStringLiteral("activityRegion"));
    m_regions->addItem(tr("All regions"), QString());
    // Bounded: an operation name such as DescribeContinuousBackups must not widen the dock.
    m_regions->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_regions->setMinimumContentsLength(14);
    m_operations = new QComboBox(body);
    m_operations->setObjectName(QStringLiteral("activityOperation"));
    m_operations->addItem(tr("All operations"), QString());
    m_operations->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_operations->setMinimumContentsLength(16);
    auto* errorsOnly = new QCheckBox(tr("Errors only"), body);
    errorsOnly->setObjectName(QStringLiteral("activityErrorsOnly"));
    auto* hidePolling = new QCheckBox(tr("Hide the console's polling"), body);
    hidePolling->setObjectName(QStringLiteral("activityHidePolling"));
    hidePolling->setToolTip(
        tr("Hides the Describe and List requests the console sends by itself to keep its "
           "views current."));
    filters->addWidget(m_regions);
    filters->addWidget(m_operations);
    filters->addWidget(errorsOnly);
    filters->addWidget(hidePolling);
    filters->addStretch();
    layout->addLayout(filters);

    m_filter->setSourceModel(m_model);
    m_view = new QTableView(body);
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setModel(m_filter);
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

    count->setObjectName(QStringLiteral("activityCount"));
    const auto updateCount = [this, count] {
        const int all = m_model->rowCount();
        const int shown = m_filter->rowCount();
        QString kept =
            tr("%n request(s) (the last %1 are kept)", nullptr, all).arg(m_model->capacity());
        // Throttled requests (an SDK retries them) are counted apart.
        if (const int throttled = m_model->throttledCount())
            kept = tr("%1, %n throttled", nullptr, throttled).arg(kept);
        count->setText(shown == all ? kept : tr("%1 shown of %2").arg(shown).arg(kept));
    };
    updateCount();
    addChoices(0, m_model->rowCount() - 1);
    connect(m_regions, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setRegion(m_regions->currentData().toString()); });
    connect(m_operations, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setOperation(m_operations->currentData().toString()); });
    connect(errorsOnly, &QCheckBox::toggled, m_filter, &ActivityFilter::setErrorsOnly);
    connect(hidePolling, &QCheckBox::toggled, m_filter, &ActivityFilter::setHidePolling);
    connect(clear, &QPushButton::clicked, m_model, &ActivityModel::clear);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, updateCount);
    // The filter shows and hides rows as it changes: the count follows.
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar* bar = m_view->verticalScrollBar();
        m_followTail = bar->value() >= bar->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this, updateCount](const QModelIndex&, int first, int last) {
                addChoices(first, last);
                updateCount();
                if (m_followTail) m_view->scrollToBottom();
            });
    QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
}

void ActivityDock::addChoice(QComboBox* box, const QString& value) {
    if (value.isEmpty() || box->findData(value) >= 0) return;
    // Sorted after the "All" entry.
    int at = 1;
    while (at < box->count() && box->itemData(at).toString() < value) ++at;
    box->insertItem(at, value, value);
}

void ActivityDock::addChoices(int first, int last) {
    for (int row = first; row <= last; ++row) {
        const RequestRecord& r = m_model->record(row);
        addChoice(m_regions, r.region);
        addChoice(m_operations, r.operation);
    }
}
