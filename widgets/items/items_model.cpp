#include "items/items_model.h"

#include <algorithm>

#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include "common/engine_bridge.h"
#include "items/item_json.h"
#include "items/ttl_expiry.h"

using tablespan::Json;

ItemsModel::ItemsModel(EngineBridge& bridge, QObject* parent)
    : QAbstractTableModel(parent), m_bridge(bridge) {}

void ItemsModel::setSource(const QString& region, const QString& table, const QStringList& keyNames,
                           const QString& operation, Json request, const QStringList& indexKeyNames,
                           const QStringList& projected, int indexPartitionKeys) {
    if (table != m_table || region != m_region) m_expiryAttribute.clear();  // reset below
    m_region = region;
    m_table = table;
    m_keyNames = keyNames;
    m_indexKeyNames = indexKeyNames;
    m_indexPartitionKeys = std::max(1, indexPartitionKeys);
    m_leadColumns.clear();
    for (const QStringList* names : {&indexKeyNames, &keyNames, &projected})
        for (const QString& name : *names)
            if (!m_leadColumns.contains(name)) m_leadColumns << name;
    m_operation = operation;
    m_request = std::move(request);
    reload();
}

void ItemsModel::clear() {
    m_table.clear();
    m_expiryAttribute.clear();
    m_keyNames.clear();
    m_indexKeyNames.clear();
    m_leadColumns.clear();
    reload();
}

void ItemsModel::reload() {
    ++m_generation;
    const bool wasLoading = m_loading;
    beginResetModel();
    m_loading = false;  // answers to the previous source are dropped by generation
    m_items.clear();
    m_columns = m_leadColumns;
    m_startKey = Json();
    m_returned = 0;
    m_scanned = 0;
    m_consumed = 0;
    m_pages = 0;
    m_hasMore = !m_table.isEmpty();
    endResetModel();
    if (wasLoading && !m_loading) emit loadingChanged(false);
    // The view asks for the first page itself; so do we, for views not yet shown.
    if (m_hasMore) fetchMore({});
}

int ItemsModel::expiryColumn() const {
    // Right after the key columns, which every reload puts first.
    return m_expiryAttribute.isEmpty() ? -1 : static_cast<int>(m_leadColumns.size());
}

int ItemsModel::attributeIndex(int column) const {
    const int expiry = expiryColumn();
    if (expiry < 0 || column < expiry) return column;
    return column == expiry ? -1 : column - 1;
}

void ItemsModel::setExpiryAttribute(const QString& attribute) {
    if (attribute == m_expiryAttribute) return;
    const int column = static_cast<int>(m_leadColumns.size());
    if (m_expiryAttribute.isEmpty()) {
        beginInsertColumns({}, column, column);
        m_expiryAttribute = attribute;
        endInsertColumns();
    } else if (attribute.isEmpty()) {
        beginRemoveColumns({}, column, column);
        m_expiryAttribute.clear();
        endRemoveColumns();
    } else {
        m_expiryAttribute = attribute;
        emit headerDataChanged(Qt::Horizontal, column, column);
        refreshExpiry();
    }
}

void ItemsModel::refreshExpiry() {
    const int column = expiryColumn();
    if (column < 0 || rowCount() == 0) return;
    emit dataChanged(index(0, column), index(rowCount() - 1, column),
                     {Qt::DisplayRole, Qt::ToolTipRole, ExpiryRole});
}

void ItemsModel::setLoading(bool loading) {
    if (loading == m_loading) return;
    m_loading = loading;
    emit loadingChanged(loading);
}

QString ItemsModel::indexName() const {
    return m_request.is_object() && m_request.contains("IndexName")
               ? QString::fromStdString(m_request["IndexName"].get<std::string>())
               : QString();
}

Json ItemsModel::item(int row) const {
    return row >= 0 && row < rowCount() ? m_items[static_cast<std::size_t>(row)] : Json();
}

Json ItemsModel::key(int row) const {
    Json key = Json::object();
    const Json it = item(row);
    for (const QString& name : m_keyNames) {
        const std::string n = name.toStdString();
        if (it.contains(n)) key[n] = it[n];
    }
    return key;
}

int ItemsModel::rowOfKey(const Json& key) const {
    // Compares the key attributes in place: no copy of each row.
    for (std::size_t row = 0; row < m_items.size(); ++row) {
        const Json& item = m_items[row];
        bool same = true;
        for (auto it = key.begin(); same && it != key.end(); ++it) {
            const auto found = item.find(it.key());
            same = found != item.end() && *found == it.value();
        }
        if (same) return static_cast<int>(row);
    }
    return -1;
}

void ItemsModel::upsert(const Json& item) {
    Json k = Json::object();
    for (const QString& name : m_keyNames)
        if (item.contains(name.toStdString())) k[name.toStdString()] = item[name.toStdString()];
    addColumns(item);
    const int row = rowOfKey(k);
    if (row >= 0) {
        m_items[static_cast<std::size_t>(row)] = item;
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_items.push_back(item);
    endInsertRows();
}

void ItemsModel::removeKey(const Json& key) {
    const int row = rowOfKey(key);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    m_items.erase(m_items.begin() + row);
    endRemoveRows();
}

void ItemsModel::addColumns(const Json& item) {
    // After the key columns, attributes in name order: a column found on a later page
    // takes its place among them, and every run over the same attributes shows the same
    // order, whichever item comes first.
    const qsizetype lead = m_leadColumns.size();
    for (auto it = item.begin(); it != item.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (m_columns.contains(name)) continue;
        const auto at = std::upper_bound(m_columns.begin() + lead, m_columns.end(), name);
        const int column = static_cast<int>(at - m_columns.begin());
        // After the lead columns, so after the Expires column when there is one.
        const int shown = column + (expiryColumn() >= 0 ? 1 : 0);
        beginInsertColumns({}, shown, shown);
        m_columns.insert(column, name);
        endInsertColumns();
    }
}

bool ItemsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_hasMore && !m_loading;
}

void ItemsModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    setLoading(true);
    Json request = m_request.is_object() ? m_request : Json::object();
    request["TableName"] = m_table.toStdString();
    request["Limit"] = m_pageSize;
    request["ReturnConsumedCapacity"] = "TOTAL";
    if (!m_startKey.is_null()) request["ExclusiveStartKey"] = m_startKey;
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, m_operation, request, [this, generation](const tablespan::Result& r) {
            if (generation != m_generation) return;
            setLoading(false);
            if (!r.ok()) {
                m_hasMore = false;
                emit loadFailed(QString::fromStdString(r.error->type),
                                QString::fromStdString(r.error->message));
                return;
            }
            const Json& items = r.body["Items"];
            ++m_pages;
            m_returned += r.body.value("Count", qint64{0});
            m_scanned += r.body.value("ScannedCount", qint64{0});
            if (r.body.contains("ConsumedCapacity"))
                m_consumed += r.body["ConsumedCapacity"].value("CapacityUnits", 0.0);
            m_hasMore = r.body.contains("LastEvaluatedKey");
            m_startKey = m_hasMore ? r.body["LastEvaluatedKey"] : Json();
            for (const auto& item : items) addColumns(item);
            if (!items.empty()) {
                beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(items.size()) - 1);
                for (const auto& item : items) m_items.push_back(item);
                endInsertRows();
            }
            emit pageLoaded();
            // A filter may leave a page empty; the view would not ask again.
            if (items.empty() && m_hasMore) fetchMore({});
        });
}

int ItemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int ItemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0
                            : static_cast<int>(m_columns.size()) + (expiryColumn() >= 0 ? 1 : 0);
}

QVariant ItemsModel::expiryData(const Json& item, int role) const {
    // A remote table's items expire on its service's clock: the wall clock, not the
    // embedded engine's time.
    const qint64 now = EngineBridge::isRemoteRegion(m_region) ? QDateTime::currentMSecsSinceEpoch()
                                                              : m_bridge.engine().clock().now();
    const auto at = TtlExpiry::seconds(item, m_expiryAttribute.toStdString(), now);
    if (!at) return {};
    switch (role) {
        case Qt::DisplayRole:
            return TtlExpiry::text(*at, now);
        case Qt::ToolTipRole:
            return TtlExpiry::toolTip(*at, now, m_expiryAttribute);
        case ExpiryRole:
            return *at;
        case Qt::ForegroundRole:
            // Expired, pending deletion: dimmed, as the theme dims placeholder text.
            return *at <= now / 1000 ? QVariant(QGuiApplication::palette().placeholderText())
                                     : QVariant();
        default:
            return {};
    }
}

QVariant ItemsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Json& item = m_items[static_cast<std::size_t>(index.row())];
    if (role == ItemRole) return QString::fromStdString(item.dump());
    const int attribute = attributeIndex(index.column());
    if (attribute < 0) return expiryData(item, role);
    const std::string name = m_columns.at(attribute).toStdString();
    const auto it = item.find(name);
    if (it == item.end()) return {};
    switch (role) {
        case Qt::DisplayRole:
            return ItemJson::cellText(*it).left(500);
        case Qt::ToolTipRole:
            return tr("%1 (%2)").arg(ItemJson::cellText(*it).left(2000), ItemJson::typeOf(*it));
        case TypeRole:
            return ItemJson::typeOf(*it);
        case Qt::TextAlignmentRole:
            return ItemJson::typeOf(*it) == QLatin1String("N")
                       ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        default:
            return {};
    }
}

QVariant ItemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole) return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount()) return {};
    if (attributeIndex(section) < 0) {
        if (role == Qt::DisplayRole) return tr("Expires");
        if (role == Qt::ToolTipRole)
            return tr("When each item expires under Time to Live, from its “%1” attribute")
                .arg(m_expiryAttribute);
        return {};
    }
    const QString name = m_columns.at(attributeIndex(section));
    if (role == Qt::DisplayRole) {
        // Reading an index, its keys are named for their role in it.
        if (const auto at = m_indexKeyNames.indexOf(name); at >= 0)
            return at < m_indexPartitionKeys ? tr("%1 (index partition key)").arg(name)
                                             : tr("%1 (index sort key)").arg(name);
        if (!m_keyNames.isEmpty() && name == m_keyNames.first())
            return tr("%1 (partition key)").arg(name);
        if (m_keyNames.size() > 1 && name == m_keyNames.at(1)) return tr("%1 (sort key)").arg(name);
        return name;
    }
    return {};
}
