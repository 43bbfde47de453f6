#include "partiql/partiql_results_model.h"

#include <algorithm>
#include <string>

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
    // The names the statement lists lead, in its order.
    std::stable_sort(added.begin(), added.end(), [this](const QString& a, const QString& b) {
        const qsizetype ia = m_leading.indexOf(a), ib = m_leading.indexOf(b);
        return ia >= 0 && (ib < 0 || ia < ib);
    });
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

void PartiqlResultsModel::clear(const QStringList& leading) {
    beginResetModel();
    m_items.clear();
    m_columns.clear();
    m_leading = leading;
    endResetModel();
}

Json PartiqlResultsModel::items() const {
    Json out = Json::array();
    for (const Json& item : m_items) out.push_back(item);
    return out;
}

namespace {
// Compact JSON with a space after ':' and ',' ({"S": "a"}, ["x", "y"]).
void writeCompact(const Json& j, std::string& out) {
    if (j.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!first) out += ", ";
            first = false;
            out += Json(it.key()).dump() + ": ";
            writeCompact(it.value(), out);
        }
        out += '}';
    } else if (j.is_array()) {
        out += '[';
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i) out += ", ";
            writeCompact(j[i], out);
        }
        out += ']';
    } else {
        out += j.dump();
    }
}
}  // namespace

QString PartiqlResultsModel::jsonText() const {
    if (m_items.isEmpty()) return QStringLiteral("[]");
    std::string out = "[\n";
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Json& item = m_items.at(i);
        const char* close = i + 1 < m_items.size() ? "},\n" : "}\n";
        if (!item.is_object() || item.empty()) {
            out += std::string("  {") + close;
            continue;
        }
        out += "  {\n";
        bool first = true;
        for (auto it = item.begin(); it != item.end(); ++it) {
            if (!first) out += ",\n";
            first = false;
            out += "    " + Json(it.key()).dump() + ": ";
            writeCompact(it.value(), out);
        }
        out += std::string("\n  ") + close;
    }
    out += ']';
    return QString::fromStdString(out);
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
