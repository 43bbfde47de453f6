#include "partiql/partiql_history.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QStyle>

#include "partiql/partiql_statement.h"

PartiqlHistory::PartiqlHistory(QObject* parent) : QAbstractListModel(parent) {}

void PartiqlHistory::add(const QString& statement, const QString& parameters, const QString& region,
                         const QString& error) {
    Entry entry{statement, parameters, region, error, QDateTime::currentDateTime()};
    if (!m_entries.isEmpty() && m_entries.first().statement == statement &&
        m_entries.first().parameters == parameters && m_entries.first().region == region) {
        m_entries.first() = entry;
        emit dataChanged(index(0), index(0));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
    if (m_entries.size() > kMaxEntries) {
        const int first = kMaxEntries;
        beginRemoveRows({}, first, static_cast<int>(m_entries.size()) - 1);
        m_entries.resize(kMaxEntries);
        endRemoveRows();
    }
}

int PartiqlHistory::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant PartiqlHistory::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
            // One line: the statement without the comments in front, its line breaks and
            // runs of spaces folded.
            return PartiqlStatement::withoutLeadingComments(e.statement).simplified();
        case Qt::ToolTipRole: {
            const QString when = QLocale().toString(e.time.time(), QLocale::ShortFormat);
            QString tip = tr("%1 in %2 at %3").arg(e.statement, e.region, when);
            if (!e.parameters.isEmpty())
                tip += QLatin1Char('\n') + tr("Parameters: %1").arg(e.parameters);
            if (!e.error.isEmpty()) tip += QLatin1Char('\n') + tr("Failed: %1").arg(e.error);
            return tip;
        }
        case Qt::DecorationRole:
            return QApplication::style()->standardIcon(
                e.error.isEmpty() ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical);
        case Qt::AccessibleDescriptionRole:
            return e.error.isEmpty() ? tr("Ran") : tr("Failed");
        case StatementRole:
            return e.statement;
        case ParametersRole:
            return e.parameters;
        case RegionRole:
            return e.region;
        case FailedRole:
            return !e.error.isEmpty();
        case ErrorRole:
            return e.error;
        default:
            return {};
    }
}
