#include "global/network_models.h"

#include <QColor>
#include <QLocale>

#include "common/engine_bridge.h"
#include "tablespan/network.h"
#include "tablespan/regions.h"

namespace {
QString codeOf(const tablespan::RegionInfo& r) {
    return QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
}
}  // namespace

RegionsModel::RegionsModel(tablespan::Network& network, QObject* parent)
    : QAbstractTableModel(parent), m_network(network) {
    for (const auto& r : tablespan::all_regions()) m_codes << codeOf(r);
}

void RegionsModel::setTableCounts(const QHash<QString, int>& counts) {
    if (counts == m_tables) return;
    m_tables = counts;
    if (!m_codes.isEmpty()) emit dataChanged(index(0, Tables), index(rowCount() - 1, Tables));
}

void RegionsModel::refresh() {
    if (!m_codes.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
}

int RegionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_codes.size());
}

int RegionsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant RegionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const QString& code = m_codes.at(index.row());
    const bool online = m_network.region_online(code.toStdString());
    if (role == RegionCodeRole) return code;
    if (role == Qt::CheckStateRole && index.column() == Online)
        return online ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole && !online) return QColor(0xd1, 0x32, 0x12);
    if (role == Qt::ToolTipRole && index.column() == Online)
        return online ? tr("Online: uncheck to take the region offline (every request fails "
                           "with ServiceUnavailable)")
                      : tr("Offline: check to bring the region back");
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Online:
            return online ? tr("online") : tr("offline");
        case Code:
            return code;
        case Name:
            return EngineBridge::regionName(code);
        case Tables: {
            const int n = m_tables.value(code, -1);
            return n < 0 ? QString() : QLocale().toString(n);
        }
    }
    return {};
}

bool RegionsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != Online ||
        role != Qt::CheckStateRole)
        return false;
    const bool online = value.toInt() == Qt::Checked;
    m_network.set_region_online(m_codes.at(index.row()).toStdString(), online);
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), NB_COLUMNS - 1));
    return true;
}

Qt::ItemFlags RegionsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Online) f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant RegionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Online:
            return tr("Online");
        case Code:
            return tr("Code");
        case Name:
            return tr("Region");
        case Tables:
            return tr("Tables");
    }
    return {};
}

LinkMatrixModel::LinkMatrixModel(tablespan::Network& network, QObject* parent)
    : QAbstractTableModel(parent), m_network(network) {}

void LinkMatrixModel::setRegions(const QStringList& regions) {
    QStringList ordered;
    for (const auto& r : tablespan::all_regions())
        if (regions.contains(codeOf(r))) ordered << codeOf(r);
    if (ordered == m_regions) return;
    beginResetModel();
    m_regions = ordered;
    endResetModel();
}

void LinkMatrixModel::refresh() {
    if (!m_regions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int LinkMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_regions.size());
}

int LinkMatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_regions.size());
}

QVariant LinkMatrixModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const std::string a = m_regions.at(index.row()).toStdString();
    const std::string b = m_regions.at(index.column()).toStdString();
    if (a == b) return role == Qt::DisplayRole ? QVariant(QStringLiteral("—")) : QVariant();
    const auto link = m_network.link(a, b);
    const bool offline = !m_network.region_online(a) || !m_network.region_online(b);
    const double latency =
        link.override_ms ? static_cast<double>(*link.override_ms) : link.model_ms;
    const QLocale locale;
    switch (role) {
        case LatencyRole:
            return latency;
        case CutRole:
            return link.cut;
        case OverrideRole:
            return link.override_ms ? QVariant(static_cast<qlonglong>(*link.override_ms))
                                    : QVariant();
        case Qt::DisplayRole:
            if (link.cut) return tr("cut");
            if (offline) return tr("offline");
            return link.override_ms ? tr("%1 ms").arg(locale.toString(latency, 'f', 0))
                                    : tr("~%1 ms").arg(locale.toString(latency, 'f', 0));
        case Qt::ToolTipRole:
            return tr("%1 ↔ %2: model %3 ms%4%5")
                .arg(m_regions.at(index.row()), m_regions.at(index.column()))
                .arg(locale.toString(link.model_ms, 'f', 0))
                .arg(link.override_ms ? tr(", override %1 ms").arg(*link.override_ms) : QString())
                .arg(link.cut ? tr(", cut") : QString());
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        case Qt::ForegroundRole:
            if (link.cut) return QColor(0xd1, 0x32, 0x12);
            if (offline) return QColor(0x8d, 0x99, 0xa8);
            if (link.override_ms) return QColor(0x00, 0x73, 0xbb);
            return {};
    }
    return {};
}

QVariant LinkMatrixModel::headerData(int section, Qt::Orientation, int role) const {
    if (role == Qt::DisplayRole && section >= 0 && section < m_regions.size())
        return m_regions.at(section);
    if (role == Qt::ToolTipRole && section >= 0 && section < m_regions.size())
        return EngineBridge::regionName(m_regions.at(section));
    return {};
}
