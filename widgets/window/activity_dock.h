#pragma once

// The Activity dock: every request the engine answered (time, region, operation, table,
// latency, outcome), errors in red with the exception name and message. The rows can be
// filtered by region and operation, to errors only, and without the console's own polling.

#include <QDockWidget>

class ActivityFilter;
class ActivityModel;  // owned by the bridge: the rows outlive the window
class EngineBridge;
class QComboBox;
class QTableView;

class ActivityDock final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityDock)

public:
    explicit ActivityDock(EngineBridge& bridge, QWidget* parent = nullptr);
    ActivityModel* model() const { return m_model; }
    // The rows shown.
    ActivityFilter* filter() const { return m_filter; }
    QTableView* view() const { return m_view; }

private:
    // Offers the regions and operations seen so far in the filter boxes.
    void addChoices(int first, int last);
    static void addChoice(QComboBox* box, const QString& value);

    ActivityModel* m_model;
    ActivityFilter* m_filter;
    QComboBox* m_regions;
    QComboBox* m_operations;
    QTableView* m_view;
    bool m_followTail = true;  // the view was at the bottom before rows arrived
};
