#include "items/compare_model.h"

#include <algorithm>
#include <exception>
#include <vector>

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStyle>
#include <QTimer>

#include "common/engine_bridge.h"
#include "items/item_json.h"

using tablespan::Json;

namespace {
constexpr int kFadeTickMs = 33;
const QColor kDiffers(255, 176, 0, 70);  // translucent amber: readable in both themes
const QColor kArrived(0, 150, 255, 170);

QColor mix(const QColor& a, const QColor& b, double t) {
    auto lerp = [t](int x, int y) { return static_cast<int>(x + (y - x) * t); };
    return QColor(lerp(a.red(), b.red()), lerp(a.green(), b.green()), lerp(a.blue(), b.blue()),
                  lerp(a.alpha(), b.alpha()));
}
}  // namespace

CompareModel::CompareModel(QObject* parent)
    : QAbstractTableModel(parent), m_fade(new QTimer(this)) {
    m_clock.start();
    m_fade->setInterval(kFadeTickMs);
    connect(m_fade, &QTimer::timeout, this, &CompareModel::fadeStep);
}

void CompareModel::setSource(const QString& leftRegion, const QString& rightRegion,
                             const QStringList& keyNames) {
    beginResetModel();
    m_regions[Left] = leftRegion;
    m_regions[Right] = rightRegion;
    m_keyNames = keyNames;
    m_columns = keyNames;
    m_rightCount = static_cast<int>(keyNames.size());
    m_rows.clear();
    m_loaded[Left] = m_loaded[Right] = false;
    endResetModel();
    m_fade->stop();
}

CompareModel::SortKey CompareModel::sortKeyOf(const Json& itemOrKey, bool* ok) const {
    SortKey key;
    *ok = false;
    if (m_keyNames.isEmpty() || !itemOrKey.is_object()) return key;
    try {
        for (int i = 0; i < m_keyNames.size() && i < 2; ++i) {
            const auto it = itemOrKey.find(m_keyNames.at(i).toStdString());
            if (it == itemOrKey.end()) return key;
            (i == 0 ? key.first : key.second) =
                tablespan::encode_key_value(tablespan::decode_value(*it));
        }
    } catch (const std::exception&) {
        return key;
    }
    *ok = true;
    return key;
}

int CompareModel::lowerBound(const SortKey& key) const {
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key,
                                     [](const Row& r, const SortKey& k) { return r.sortKey < k; });
    return static_cast<int>(it - m_rows.begin());
}

int CompareModel::rowOfKey(const Json& key) const {
    bool ok = false;
    const SortKey k = sortKeyOf(key, &ok);
    if (!ok) return -1;
    const int row = lowerBound(k);
    return row < m_rows.size() && m_rows.at(row).sortKey == k ? row : -1;
}

void CompareModel::addColumns(const Json& item) {
    QStringList added;
    for (auto it = item.begin(); it != item.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (!m_columns.contains(name) && !added.contains(name)) added << name;
    }
    if (added.isEmpty()) return;
    const int count = static_cast<int>(added.size());
    const int leftEnd = 1 + static_cast<int>(m_columns.size());
    beginInsertColumns({}, leftEnd, leftEnd + count - 1);
    m_columns += added;
    endInsertColumns();
    const int rightEnd = columnCount();
    beginInsertColumns({}, rightEnd, rightEnd + count - 1);
    m_rightCount += count;
    endInsertColumns();
}

void CompareModel::applySide(Side side, const QList<Json>& items) {
    std::vector<std::pair<SortKey, const Json*>> incoming;
    incoming.reserve(static_cast<std::size_t>(items.size()));
    for (const Json& item : items) {
        bool ok = false;
        SortKey k = sortKeyOf(item, &ok);
        if (!ok) continue;
        incoming.emplace_back(std::move(k), &item);
        addColumns(item);
    }
    std::sort(incoming.begin(), incoming.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const bool wasLoaded = m_loaded[side];
    m_loaded[side] = true;

    // Existing rows take their new value on this side (or lose it).
    std::vector<bool> matched(incoming.size(), false);
    int firstChanged = wasLoaded ? -1 : 0, lastChanged = wasLoaded ? -1 : rowCount() - 1;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row& r = m_rows[row];
        const auto it =
            std::lower_bound(incoming.begin(), incoming.end(), r.sortKey,
                             [](const auto& entry, const SortKey& k) { return entry.first < k; });
        const bool found = it != incoming.end() && it->first == r.sortKey;
        if (found) matched[static_cast<std::size_t>(it - incoming.begin())] = true;
        const Json value = found ? *it->second : Json();
        if (r.items[side] == value) continue;
        r.items[side] = value;
        if (firstChanged < 0) firstChanged = row;
        lastChanged = row;
    }
    if (firstChanged >= 0 && lastChanged >= firstChanged)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, columnCount() - 1));

    // Rows in neither region any more go.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (!m_rows.at(row).items[Left].is_null() || !m_rows.at(row).items[Right].is_null())
            continue;
        int first = row;
        while (first > 0 && m_rows.at(first - 1).items[Left].is_null() &&
               m_rows.at(first - 1).items[Right].is_null())
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }

    // New keys go in key order; a run of them between two existing rows in one insert.
    std::size_t i = 0;
    while (i < incoming.size()) {
        if (matched[i]) {
            ++i;
            continue;
        }
        const int at = lowerBound(incoming[i].first);
        QList<Row> run;
        for (; i < incoming.size() && (matched[i] || lowerBound(incoming[i].first) == at); ++i) {
            if (matched[i]) continue;
            Row r;
            r.sortKey = incoming[i].first;
            for (const QString& name : m_keyNames)
                if (const auto k = incoming[i].second->find(name.toStdString());
                    k != incoming[i].second->end())
                    r.key[name.toStdString()] = *k;
            r.items[side] = *incoming[i].second;
            run.append(std::move(r));
        }
        beginInsertRows({}, at, at + static_cast<int>(run.size()) - 1);
        for (qsizetype n = 0; n < run.size(); ++n) m_rows.insert(at + n, std::move(run[n]));
        endInsertRows();
    }
}

void CompareModel::markArrived(Side destination, const Json& key, double latencyMs) {
    const int row = rowOfKey(key);
    if (row < 0) return;
    Row& r = m_rows[row];
    r.latencyMs = latencyMs;
    r.arrivedIn = destination;
    r.flashStart = m_clock.elapsed();
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    if (!m_fade->isActive()) m_fade->start();
}

void CompareModel::fadeStep() {
    const qint64 now = m_clock.elapsed();
    int first = -1, last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row& r = m_rows[row];
        if (r.flashStart < 0) continue;
        if (now - r.flashStart >= m_flashMs) r.flashStart = -1;
        if (first < 0) first = row;
        last = row;
    }
    if (first < 0) {
        m_fade->stop();
        return;
    }
    emit dataChanged(index(first, 0), index(last, columnCount() - 1),
                     {Qt::BackgroundRole, FlashRole});
}

Json CompareModel::key(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : Json();
}

Json CompareModel::item(int row, Side side) const {
    return row >= 0 && row < m_rows.size() && side != NoSide ? m_rows.at(row).items[side] : Json();
}

bool CompareModel::differs(int row) const {
    if (row < 0 || row >= m_rows.size() || !m_loaded[Left] || !m_loaded[Right]) return false;
    return m_rows.at(row).items[Left] != m_rows.at(row).items[Right];
}

int CompareModel::differingRows() const {
    int n = 0;
    for (int row = 0; row < m_rows.size(); ++row) n += differs(row) ? 1 : 0;
    return n;
}

QString CompareModel::difference(int row) const {
    if (!differs(row)) return {};
    const Row& r = m_rows.at(row);
    for (Side side : {Left, Right})
        if (r.items[side].is_null())
            return tr("Missing in %1").arg(EngineBridge::regionName(m_regions[side]));
    QStringList names;
    for (const QString& name : m_columns) {
        const std::string n = name.toStdString();
        const Json& a = r.items[Left];
        const Json& b = r.items[Right];
        if (a.contains(n) != b.contains(n) || (a.contains(n) && a[n] != b[n])) names << name;
    }
    return tr("Differs between the regions: %1").arg(QLocale().createSeparatedList(names));
}

QString CompareModel::latencyText(double ms) {
    return tr("↓ %1 ms").arg(QLocale().toString(qRound(ms)));
}

double CompareModel::flashLevel(const Row& row) const {
    if (row.flashStart < 0 || m_flashMs <= 0) return 0;
    const double t = static_cast<double>(m_clock.elapsed() - row.flashStart) / m_flashMs;
    return t >= 1 ? 0 : 1 - t;
}

bool CompareModel::isFlashing(int row) const {
    return row >= 0 && row < m_rows.size() && flashLevel(m_rows.at(row)) > 0;
}

QVariant CompareModel::background(const Row& row) const {
    const double flash = flashLevel(row);
    const bool differ = m_loaded[Left] && m_loaded[Right] && row.items[Left] != row.items[Right];
    if (flash <= 0) return differ ? QVariant(QBrush(kDiffers)) : QVariant();
    QColor base = differ ? kDiffers : QColor(kArrived.red(), kArrived.green(), kArrived.blue(), 0);
    return QBrush(mix(base, kArrived, flash));
}

QString CompareModel::latencyTip(const Row& row) const {
    if (row.latencyMs < 0 || row.arrivedIn == NoSide) return {};
    const Side from = row.arrivedIn == Left ? Right : Left;
    return tr("Replicated from %1 to %2 in %3 ms")
        .arg(EngineBridge::regionName(m_regions[from]),
             EngineBridge::regionName(m_regions[row.arrivedIn]),
             QLocale().toString(qRound(row.latencyMs)));
}

CompareModel::Side CompareModel::sideOf(int column) const {
    const int left = static_cast<int>(m_columns.size());
    if (column <= 0 || column >= columnCount()) return NoSide;
    return column <= left ? Left : Right;
}

QString CompareModel::attributeOf(int column) const {
    const Side side = sideOf(column);
    if (side == NoSide) return {};
    const int left = static_cast<int>(m_columns.size());
    return m_columns.at(side == Left ? column - 1 : column - 1 - left);
}

int CompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 1 + static_cast<int>(m_columns.size()) + m_rightCount;
}

QVariant CompareModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    switch (role) {
        case DiffersRole:
            return differs(index.row());
        case FlashRole:
            return flashLevel(r);
        case LatencyRole:
            return r.latencyMs < 0 ? QVariant() : QVariant(r.latencyMs);
        case Qt::BackgroundRole:
            return background(r);
        default:
            break;
    }
    const Side side = sideOf(index.column());
    if (side == NoSide) {
        const QString latency = r.latencyMs < 0 ? QString() : latencyText(r.latencyMs);
        switch (role) {
            case Qt::DisplayRole:
                return latency;
            case Qt::DecorationRole:
                return differs(index.row()) ? QVariant(QApplication::style()->standardIcon(
                                                  QStyle::SP_MessageBoxWarning))
                                            : QVariant();
            case Qt::ToolTipRole: {
                QStringList lines{difference(index.row()), latencyTip(r)};
                lines.removeAll(QString());
                return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
            }
            default:
                return {};
        }
    }
    const Json& item = r.items[side];
    if (role == ItemRole) return item.is_null() ? QVariant() : QString::fromStdString(item.dump());
    const std::string name = attributeOf(index.column()).toStdString();
    if (item.is_null()) {
        // The first column of a missing item says so.
        const bool first = !m_keyNames.isEmpty() && name == m_keyNames.first().toStdString();
        if (first && role == Qt::DisplayRole) return tr("(not in this region)");
        if (first && role == Qt::ForegroundRole) return QBrush(QColor(128, 128, 128));
        if (role == Qt::ToolTipRole) return difference(index.row());
        return {};
    }
    const auto it = item.find(name);
    if (it == item.end()) return role == Qt::ToolTipRole ? difference(index.row()) : QVariant();
    switch (role) {
        case Qt::DisplayRole:
            return ItemJson::cellText(*it).left(500);
        case Qt::ToolTipRole: {
            const QString tip =
                tr("%1 (%2)").arg(ItemJson::cellText(*it).left(2000), ItemJson::typeOf(*it));
            const QString diff = difference(index.row());
            return diff.isEmpty() ? tip : QString(tip + QLatin1Char('\n') + diff);
        }
        case Qt::TextAlignmentRole:
            return ItemJson::typeOf(*it) == QLatin1String("N")
                       ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        default:
            return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return section + 1;
    if (section < 0 || section >= columnCount()) return {};
    if (section == Status) return tr("Replication");
    const QString name = attributeOf(section);
    if (!m_keyNames.isEmpty() && name == m_keyNames.first())
        return tr("%1 (partition key)").arg(name);
    if (m_keyNames.size() > 1 && name == m_keyNames.at(1)) return tr("%1 (sort key)").arg(name);
    return name;
}
