#pragma once

// What the Activity dock shows of the requests: those of one region and one operation
// (or all), only the failed ones, and without the console's own polling (the
// Describe…/List… requests the console sends by itself to keep its views current, and
// the Streams tab's GetShardIterator/GetRecords).

#include <QSortFilterProxyModel>

struct RequestRecord;

class ActivityFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityFilter)

public:
    explicit ActivityFilter(QObject* parent = nullptr);

    // Empty: every region (operation).
    void setRegion(const QString& region);
    void setOperation(const QString& operation);
    void setErrorsOnly(bool on);
    void setHidePolling(bool on);
    QString region() const { return m_region; }
    QString operation() const { return m_operation; }
    bool errorsOnly() const { return m_errorsOnly; }
    bool hidesPolling() const { return m_hidePolling; }

    // Whether `record` is the console's own polling: a Describe…, List…, GetShardIterator
    // or GetRecords it sent itself.
    static bool isPolling(const RequestRecord& record);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_region;
    QString m_operation;
    bool m_errorsOnly = false;
    bool m_hidePolling = false;
};
