#pragma once

// The Activity dock: every request the engine answered (time, region, operation, table,
// latency, outcome), errors in red with the exception name and message.

#include <QDockWidget>

class ActivityModel;  // owned by the bridge: the rows outlive the window
class EngineBridge;
class QTableView;

class ActivityDock final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityDock)

public:
    explicit ActivityDock(EngineBridge& bridge, QWidget* parent = nullptr);
    ActivityModel* model() const { return m_model; }

private:
    ActivityModel* m_model;
    QTableView* m_view;
    bool m_followTail = true;  // the view was at the bottom before rows arrived
};
