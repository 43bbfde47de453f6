#include "streams/stream_event_filter.h"

#include "streams/stream_records_model.h"

StreamEventFilter::StreamEventFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void StreamEventFilter::setEventShown(const QString& name, bool shown) {
    if (shown == isEventShown(name)) return;
    if (shown)
        m_hidden.remove(name);
    else
        m_hidden.insert(name);
    invalidateRowsFilter();
}

bool StreamEventFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_hidden.isEmpty()) return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return !m_hidden.contains(index.data(StreamRecordsModel::EventNameRole).toString());
}
