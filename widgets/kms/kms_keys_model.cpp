#include "kms/kms_keys_model.h"

#include <QDateTime>
#include <QLocale>

#include "common/status_delegate.h"

using tablespan::Json;

namespace {
QString str(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                 : QString();
}

QString when(const Json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_number()) return QStringLiteral("—");
    const auto ms = static_cast<qint64>(j[key].get<double>() * 1000.0);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}
}  // namespace

KmsKeysModel::KmsKeysModel(QObject* parent) : QAbstractTableModel(parent) {}

void KmsKeysModel::setKeys(const QList<Json>& keys) {
    bool same = keys.size() == m_keys.size();
    for (int i = 0; same && i < keys.size(); ++i)
        same = str(keys[i], "KeyId") == str(m_keys[i], "KeyId");
    if (!same) {
        beginResetModel();
        m_keys = keys;
        endResetModel();
        return;
    }
    m_keys = keys;
    if (!m_keys.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
}

Json KmsKeysModel::key(int row) const {
    return row >= 0 && row < m_keys.size() ? m_keys.at(row) : Json();
}

int KmsKeysModel::rowOf(const QString& keyId) const {
    for (int i = 0; i < m_keys.size(); ++i)
        if (str(m_keys[i], "KeyId") == keyId) return i;
    return -1;
}

int KmsKeysModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int KmsKeysModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant KmsKeysModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Json& k = m_keys.at(index.row());
    const bool customer = str(k, "KeyManager") != QLatin1String("AWS");
    switch (role) {
        case StateRole:
            return str(k, "KeyState");
        case KeyIdRole:
            return str(k, "KeyId");
        case ArnRole:
            return str(k, "Arn");
        case CustomerRole:
            return customer;
        case Qt::ToolTipRole:
            if (index.column() == KeyId) return str(k, "Arn");
            if (index.column() == Manager)
                return customer ? tr("A key you manage: you can disable it, enable it and "
                                     "schedule its deletion")
                                : tr("The AWS managed key of DynamoDB (alias/aws/dynamodb): "
                                     "only DynamoDB uses it, and no one can disable it");
            return {};
        case Qt::DisplayRole:
            switch (index.column()) {
                case Description: {
                    const QString d = str(k, "Description");
                    return d.isEmpty() ? tr("(no description)") : d;
                }
                case KeyId:
                    return str(k, "KeyId");
                case State:
                    return StatusDelegate::statusText(str(k, "KeyState"));
                case Manager:
                    return customer ? tr("Customer") : tr("AWS (aws/dynamodb)");
                case Created:
                    return when(k, "CreationDate");
                case Deletion:
                    return when(k, "DeletionDate");
            }
            return {};
    }
    return {};
}

QVariant KmsKeysModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Description:
            return tr("Description");
        case KeyId:
            return tr("Key ID");
        case State:
            return tr("Status");
        case Manager:
            return tr("Managed by");
        case Created:
            return tr("Created");
        case Deletion:
            return tr("Deletion date");
    }
    return {};
}
