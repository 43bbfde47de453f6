#include "partiql/partiql_results_model.h"

#include "items/item_json.h"

using tablespan::Json;

PartiqlResultsModel::PartiqlResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PartiqlResultsModel::append(const Json& items) {
    if (!items.is_array() || items.empty()) return;
    // One item's names come in name order (the engine's JSON objects keep their keys
    // sorted); a name first seen in a later item goes after those already shown.
    QStringList added;
    for (const Json& item : items) {
        if (!item.is_object()) continue;
        for (auto it = item.begin(); it != item.end(); ++it) {
            const QString name = QString::fromStdString(it.key());
            if (!m_columns.contains(name) && !added.contains(name)) added << name;
        }
    }
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_columns.size());
        beginInsertColumns({}, first, first + static_cast<int>(added.size()) - 1);
        m_columns << added;
        endInsertColumns();
    }
    const int first = static_cast<int>(m_items.size());
    beginInsertRows({}, first, first + static_cast<int>(items.size()) - 1);
    for (const Json& item : items) m_items.append(item);
    endInsertRows();
}

void PartiqlResultsModel::clear() {
    beginResetModel();
    m_items.clear();
    m_columns.clear();
    endResetModel();
}

Json PartiqlResultsModel::items() const {
    Json out = Json::array();
    for (const Json& item : m_items) out.push_back(item);
    return out;
}

int PartiqlResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int PartiqlResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant PartiqlResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Json& item = m_items.at(index.row());
    const auto it =
        item.is_object() ? item.find(m_columns.at(index.column()).toStdString()) : item.end();
    if (it == item.end()) return {};
    switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return ItemJson::cellText(*it);
        case TypeRole:
            return ItemJson::typeOf(*it);
        default:
            return {};
    }
}

QVariant PartiqlResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_columns.size())
        return m_columns.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}
