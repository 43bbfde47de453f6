#include "tables/tables_model.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace {
QString str(const tablespan::Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QString keyOf(const tablespan::Json& t, const char* keyType) {
    for (const auto& k : t.value("KeySchema", tablespan::Json::array())) {
        if (k.value("KeyType", "") != keyType) continue;
        const std::string name = k.value("AttributeName", "");
        for (const auto& d : t.value("AttributeDefinitions", tablespan::Json::array()))
            if (d.value("AttributeName", "") == name)
                return QStringLiteral("%1 (%2)").arg(
                    QString::fromStdString(name),
                    QString::fromStdString(d.value("AttributeType", "")));
    }
    return {};
}
}  // namespace

TablesModel::TablesModel(QObject* parent) : QAbstractTableModel(parent) {}

void TablesModel::setTables(const QList<tablespan::Json>& descriptions) {
    beginResetModel();
    m_tables = descriptions;
    std::sort(m_tables.begin(), m_tables.end(), [](const auto& a, const auto& b) {
        return a.value("TableName", "") < b.value("TableName", "");
    });
    endResetModel();
}

void TablesModel::updateTable(const tablespan::Json& description) {
    const std::string name = description.value("TableName", "");
    for (int row = 0; row < m_tables.size(); ++row) {
        if (m_tables[row].value("TableName", "") == name) {
            m_tables[row] = description;
            emit dataChanged(index(row, 0), index(row, NB_COLUMNS - 1));
            return;
        }
    }
    auto it = std::lower_bound(
        m_tables.begin(), m_tables.end(), name,
        [](const auto& t, const std::string& n) { return t.value("TableName", "") < n; });
    int row = static_cast<int>(it - m_tables.begin());
    beginInsertRows({}, row, row);
    m_tables.insert(row, description);
    endInsertRows();
}

void TablesModel::removeTable(const QString& name) {
    for (int row = 0; row < m_tables.size(); ++row) {
        if (str(m_tables[row], "TableName") == name) {
            beginRemoveRows({}, row, row);
            m_tables.removeAt(row);
            m_pitr.remove(name);
            endRemoveRows();
            return;
        }
    }
}

void TablesModel::setPitr(const QString& name, PitrState state) {
    m_pitr.insert(name, state);
    const int row = rowOf(name);
    if (row >= 0) emit dataChanged(index(row, Pitr), index(row, Pitr));
}

int TablesModel::rowOf(const QString& name) const {
    for (int row = 0; row < m_tables.size(); ++row)
        if (str(m_tables[row], "TableName") == name) return row;
    return -1;
}

tablespan::Json TablesModel::description(int row) const {
    return row >= 0 && row < m_tables.size() ? m_tables[row] : tablespan::Json();
}

bool TablesModel::hasTransitions() const {
    for (const auto& t : m_tables) {
        const QString s = str(t, "TableStatus");
        if (s == QLatin1String("CREATING") || s == QLatin1String("UPDATING") ||
            s == QLatin1String("DELETING"))
            return true;
    }
    return false;
}

QString TablesModel::tableName(int row) const {
    return row >= 0 && row < m_tables.size() ? str(m_tables[row], "TableName") : QString();
}

int TablesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_tables.size());
}

int TablesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant TablesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_tables.size()) return {};
    const auto& t = m_tables[index.row()];
    if (role == Qt::TextAlignmentRole && (index.column() == ItemCount || index.column() == Size))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == StatusRole) return str(t, "TableStatus");
    if (role == DescriptionRole) return QString::fromStdString(t.dump());
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Name:
            return str(t, "TableName");
        case Status:
            return str(t, "TableStatus");
        case PartitionKey:
            return keyOf(t, "HASH");
        case SortKey:
            return keyOf(t, "RANGE");
        case BillingMode: {
            QString mode = t.contains("BillingModeSummary")
                               ? str(t["BillingModeSummary"], "BillingMode")
                               : QStringLiteral("PROVISIONED");
            return mode == QLatin1String("PAY_PER_REQUEST") ? tr("On-demand") : tr("Provisioned");
        }
        case TableClass:
            return t.contains("TableClassSummary") &&
                           str(t["TableClassSummary"], "TableClass") ==
                               QLatin1String("STANDARD_INFREQUENT_ACCESS")
                       ? tr("Standard-IA")
                       : tr("Standard");
        case ItemCount:
            return QLocale().toString(t.value("ItemCount", qint64{0}));
        case Size:
            return QLocale().formattedDataSize(t.value("TableSizeBytes", qint64{0}));
        case Replicas: {
            QStringList regions;
            for (const auto& r : t.value("Replicas", tablespan::Json::array()))
                regions << str(r, "RegionName");
            return regions.join(QStringLiteral(", "));
        }
        case Pitr:
            switch (m_pitr.value(str(t, "TableName"), PitrState::Unknown)) {
                case PitrState::Enabled:
                    return tr("On");
                case PitrState::Disabled:
                    return tr("Off");
                default:
                    return tr("—");
            }
        default:
            return {};
    }
}

QVariant TablesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name:
            return tr("Name");
        case Status:
            return tr("Status");
        case PartitionKey:
            return tr("Partition key");
        case SortKey:
            return tr("Sort key");
        case BillingMode:
            return tr("Capacity mode");
        case TableClass:
            return tr("Table class");
        case ItemCount:
            return tr("Items");
        case Size:
            return tr("Size");
        case Replicas:
            return tr("Replica regions");
        case Pitr:
            return tr("PITR");
        default:
            return {};
    }
}
