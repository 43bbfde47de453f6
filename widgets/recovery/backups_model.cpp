#include "recovery/backups_model.h"

#include <algorithm>

#include <QDateTime>
#include <QLocale>

#include "common/status_delegate.h"

namespace {
QString str(const tablespan::Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

qint64 createdMs(const tablespan::Json& j) {
    auto it = j.find("BackupCreationDateTime");
    return it != j.end() && it->is_number() ? static_cast<qint64>(it->get<double>() * 1000) : 0;
}

bool newerFirst(const tablespan::Json& a, const tablespan::Json& b) {
    const qint64 ca = createdMs(a), cb = createdMs(b);
    if (ca != cb) return ca > cb;
    return a.value("BackupArn", "") > b.value("BackupArn", "");
}
}  // namespace

BackupsModel::BackupsModel(QObject* parent) : QAbstractTableModel(parent) {}

void BackupsModel::setBackups(const QList<tablespan::Json>& summaries) {
    QList<tablespan::Json> sorted = summaries;
    std::sort(sorted.begin(), sorted.end(), newerFirst);
    bool sameRows = sorted.size() == m_backups.size();
    for (int row = 0; sameRows && row < sorted.size(); ++row)
        sameRows = str(sorted[row], "BackupArn") == str(m_backups[row], "BackupArn");
    if (sameRows) {
        // A refresh of the same backups: keep the selection, repaint the rows.
        m_backups = sorted;
        if (!m_backups.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
        return;
    }
    beginResetModel();
    m_backups = sorted;
    endResetModel();
}

void BackupsModel::removeBackup(const QString& arn) {
    const int row = rowOf(arn);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    m_backups.removeAt(row);
    endRemoveRows();
}

QString BackupsModel::arn(int row) const {
    return row >= 0 && row < m_backups.size() ? str(m_backups[row], "BackupArn") : QString();
}

int BackupsModel::rowOf(const QString& arn) const {
    for (int row = 0; row < m_backups.size(); ++row)
        if (str(m_backups[row], "BackupArn") == arn) return row;
    return -1;
}

tablespan::Json BackupsModel::summary(int row) const {
    return row >= 0 && row < m_backups.size() ? m_backups[row] : tablespan::Json();
}

bool BackupsModel::hasTransitions() const {
    return std::any_of(m_backups.begin(), m_backups.end(),
                       [](const auto& b) { return b.value("BackupStatus", "") == "CREATING"; });
}

QString BackupsModel::typeText(const QString& type) {
    if (type == QLatin1String("USER")) return tr("User");
    if (type == QLatin1String("SYSTEM")) return tr("System");
    if (type == QLatin1String("AWS_BACKUP")) return tr("AWS Backup");
    return type;
}

int BackupsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_backups.size());
}

int BackupsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant BackupsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const tablespan::Json& b = m_backups[index.row()];
    switch (role) {
        case StatusRole:
            return str(b, "BackupStatus");
        case ArnRole:
            return str(b, "BackupArn");
        case CreatedRole:
            return createdMs(b);
        case Qt::ToolTipRole:
            if (index.column() == Type) return str(b, "BackupType");
            return str(b, "BackupArn");
        case Qt::TextAlignmentRole:
            if (index.column() == Size)
                return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            return {};
        case Qt::DisplayRole:
            break;
        default:
            return {};
    }
    switch (static_cast<Column>(index.column())) {
        case Name:
            return str(b, "BackupName");
        case Table:
            return str(b, "TableName");
        case Status:
            return StatusDelegate::statusText(str(b, "BackupStatus"));
        case Size: {
            auto it = b.find("BackupSizeBytes");
            if (it == b.end() || !it->is_number()) return QStringLiteral("—");
            return QLocale().formattedDataSize(it->get<qint64>());
        }
        case Created: {
            const qint64 ms = createdMs(b);
            return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat)
                      : QString();
        }
        case Type:
            return typeText(str(b, "BackupType"));
        case NB_COLUMNS:
            break;
    }
    return {};
}

QVariant BackupsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (static_cast<Column>(section)) {
        case Name:
            return tr("Backup name");
        case Table:
            return tr("Table");
        case Status:
            return tr("Status");
        case Size:
            return tr("Size");
        case Created:
            return tr("Created");
        case Type:
            return tr("Type");
        case NB_COLUMNS:
            break;
    }
    return {};
}
