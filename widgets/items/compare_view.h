#pragma once

// The Items tab's Compare regions mode: one table in the current region (left) and in
// another region holding a replica (right), side by side with rows aligned by key. Rows
// that arrive by replication flash and show their latency; rows that differ between the
// replicas are marked until they converge. Reads the first CompareLoader::maxItems()
// items of each region and says so when a region holds more.

#include <QStringList>
#include <QWidget>

#include "tablespan/json_codec.h"

class CompareLoader;
class CompareModel;
class EngineBridge;
class QComboBox;
class QLabel;
class QTableView;

class CompareView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)

public:
    explicit CompareView(EngineBridge& bridge, QWidget* parent = nullptr);

    // The regions, other than `region`, where a TableDescription (as DescribeTable shows
    // it in `region`) lists an ACTIVE or UPDATING replica: the regions one can compare
    // with.
    static QStringList replicaRegions(const tablespan::Json& description);

    // Compares `table` in `region` with one of `others` (the current choice while it is
    // offered, otherwise the first). Does nothing when nothing changed.
    void setSource(const QString& region, const QString& table, const QStringList& keyNames,
                   const QStringList& others);
    // Stops comparing (the view is hidden).
    void clear();

    void setOtherRegion(const QString& code);
    QString otherRegion() const;
    QStringList offeredRegions() const { return m_others; }

    CompareModel* model() const { return m_model; }
    CompareLoader* loader() const { return m_loader; }
    QTableView* leftView() const { return m_views[0]; }
    QTableView* rightView() const { return m_views[1]; }
    // The line under the lists: counts, truncation, errors.
    QString noteText() const;

protected:
    // Reads only while shown: a hidden view does not scan a busy table.
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void restart();
    void hideOtherColumns();
    void stretchLastColumns();
    void updateNote();
    void fitColumns();

    CompareModel* m_model;
    CompareLoader* m_loader;
    QString m_region;
    QString m_table;
    QStringList m_keyNames;
    QStringList m_others;
    QComboBox* m_regionBox;
    QLabel* m_titles[2];
    QTableView* m_views[2];
    QLabel* m_note;
    bool m_sized = false;
};
