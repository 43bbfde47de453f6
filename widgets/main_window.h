#pragma once

// The console's main window: a region selector, the region's tables, and a status bar
// with the data directory and time scale.

#include <QMainWindow>

class EngineBridge;
class QComboBox;
class QLabel;
class QTableView;
class TablesModel;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(EngineBridge& bridge, const QString& region = QStringLiteral("us-west-2"),
                        QWidget* parent = nullptr);

    QString currentRegion() const;
    TablesModel* tablesModel() const { return m_tables; }

public slots:
    void refresh();
    // Shows a message in the status bar (errors stay until the next message).
    void showMessage(const QString& text);

private:
    void describe(const QString& table);
    void updateCount();

    EngineBridge& m_bridge;
    QComboBox* m_region = nullptr;
    QTableView* m_view = nullptr;
    TablesModel* m_tables = nullptr;
    QLabel* m_message = nullptr;
    int m_generation = 0;  // drops answers that arrive after the region changed
};
