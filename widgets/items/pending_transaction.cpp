#include "items/pending_transaction.h"

#include <algorithm>

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include "common/engine_bridge.h"
#include "items/item_json.h"

using tablespan::Json;

namespace {
Json keyOf(const Json& item, const QStringList& keyNames) {
    Json key = Json::object();
    for (const QString& name : keyNames) {
        const std::string n = name.toStdString();
        if (item.is_object() && item.contains(n)) key[n] = item[n];
    }
    return key;
}
}  // namespace

PendingTransaction::PendingTransaction(QObject* parent) : QAbstractTableModel(parent) {}

QString PendingTransaction::add(const QString& region, Change change) {
    if (!m_changes.isEmpty() && region != m_region)
        return tr("The pending transaction is in %1: a transaction writes in one region. Save "
                  "or clear it first.")
            .arg(EngineBridge::regionName(m_region));
    if (count() >= kMaxActions)
        return tr("A transaction holds at most %1 changes. Save or remove some of the pending "
                  "ones first.")
            .arg(kMaxActions);
    if (change.kind == Kind::Put) {
        change.key = keyOf(change.item, change.keyNames);
        // Another key in the editor's JSON makes a new item: it must not exist.
        if (!change.loaded.is_null() && keyOf(change.loaded, change.keyNames) != change.key)
            change.loaded = Json();
    }
    if (rowOf(change.table, change.key) >= 0)
        return tr("This item already has a change in the pending transaction (%1): a "
                  "transaction changes an item once. Remove that change first.")
            .arg(keyText(change.key, change.keyNames));
    change.reason = Json();
    beginInsertRows({}, count(), count());
    m_region = region;
    m_changes.append(std::move(change));
    endInsertRows();
    return {};
}

void PendingTransaction::remove(int row) {
    if (row < 0 || row >= count()) return;
    beginRemoveRows({}, row, row);
    m_changes.removeAt(row);
    if (m_changes.isEmpty()) m_region.clear();
    endRemoveRows();
}

void PendingTransaction::clear() {
    beginResetModel();
    m_changes.clear();
    m_region.clear();
    endResetModel();
}

int PendingTransaction::rowOf(const QString& table, const Json& key) const {
    for (int row = 0; row < count(); ++row)
        if (m_changes[row].table == table && m_changes[row].key == key) return row;
    return -1;
}

void PendingTransaction::setOnlyIfUnchanged(bool on) {
    if (on == m_onlyIfUnchanged) return;
    m_onlyIfUnchanged = on;
    if (count()) emit dataChanged(index(0, Condition), index(count() - 1, Condition));
}

void PendingTransaction::setReasons(const Json& reasons) {
    for (int row = 0; row < count(); ++row)
        m_changes[row].reason = reasons.is_array() && row < static_cast<int>(reasons.size())
                                    ? reasons[static_cast<std::size_t>(row)]
                                    : Json();
    if (count()) emit dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
}

void PendingTransaction::clearReasons() {
    setReasons(Json());
}

bool PendingTransaction::hasReasons() const {
    return std::any_of(m_changes.begin(), m_changes.end(),
                       [](const Change& c) { return c.reason.is_object(); });
}

QString PendingTransaction::reasonText(int row) const {
    const Json& reason = m_changes.at(row).reason;
    if (!reason.is_object()) return {};
    const QString code = QString::fromStdString(reason.value("Code", ""));
    if (code == QLatin1String("None")) return tr("None: would have succeeded");
    const QString message = QString::fromStdString(reason.value("Message", ""));
    return message.isEmpty() ? code : tr("%1: %2").arg(code, message);
}

QString PendingTransaction::keyText(const Json& key, const QStringList& keyNames) {
    QStringList parts;
    for (const QString& name : keyNames) {
        const std::string n = name.toStdString();
        if (key.is_object() && key.contains(n))
            parts << tr("%1: %2").arg(name, ItemJson::cellText(key[n]));
    }
    return parts.join(QStringLiteral(" · "));
}

QString PendingTransaction::conditionText(const Change& change) const {
    if (change.loaded.is_null()) return tr("Must not exist yet");
    return m_onlyIfUnchanged ? tr("Unchanged since loaded") : tr("None");
}

int PendingTransaction::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

int PendingTransaction::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PendingTransaction::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count()) return {};
    const Change& c = m_changes[index.row()];
    const QString code = QString::fromStdString(
        c.reason.is_object() ? c.reason.value("Code", std::string()) : std::string());
    if (role == ReasonRole) return code;
    if (role == Qt::ForegroundRole && index.column() == Result && !code.isEmpty())
        return code == QLatin1String("None")
                   ? QVariant(QGuiApplication::palette().placeholderText())
                   : QVariant(QColor(0xd1, 0x32, 0x12));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
        case Action:
            if (c.kind == Kind::Delete) return tr("Delete");
            return c.loaded.is_null() ? tr("Put (new item)") : tr("Put");
        case Table:
            return c.table;
        case Key:
            return keyText(c.key, c.keyNames);
        case Condition:
            return conditionText(c);
        case Result:
            return reasonText(index.row());
        default:
            return {};
    }
}

QVariant PendingTransaction::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Action:
            return tr("Action");
        case Table:
            return tr("Table");
        case Key:
            return tr("Key");
        case Condition:
            return tr("Condition");
        case Result:
            return tr("Result");
        default:
            return {};
    }
}
