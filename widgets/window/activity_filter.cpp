#include "window/activity_filter.h"

#include "common/engine_bridge.h"
#include "window/activity_model.h"

ActivityFilter::ActivityFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void ActivityFilter::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    invalidateRowsFilter();
}

void ActivityFilter::setOperation(const QString& operation) {
    if (operation == m_operation) return;
    m_operation = operation;
    invalidateRowsFilter();
}

void ActivityFilter::setErrorsOnly(bool on) {
    if (on == m_errorsOnly) return;
    m_errorsOnly = on;
    invalidateRowsFilter();
}

void ActivityFilter::setHidePolling(bool on) {
    if (on == m_hidePolling) return;
    m_hidePolling = on;
    invalidateRowsFilter();
}

bool ActivityFilter::isPolling(const RequestRecord& record) {
    return record.fromConsole && (record.operation.startsWith(QLatin1String("Describe")) ||
                                  record.operation.startsWith(QLatin1String("List")) ||
                                  record.operation == QLatin1String("GetShardIterator") ||
                                  record.operation == QLatin1String("GetRecords"));
}

bool ActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const auto* model = qobject_cast<const ActivityModel*>(sourceModel());
    if (!model || sourceParent.isValid()) return true;
    const RequestRecord& r = model->record(sourceRow);
    if (!m_region.isEmpty() && r.region != m_region) return false;
    if (!m_operation.isEmpty() && r.operation != m_operation) return false;
    if (m_errorsOnly && r.errorType.isEmpty()) return false;
    if (m_hidePolling && isPolling(r)) return false;
    return true;
}
