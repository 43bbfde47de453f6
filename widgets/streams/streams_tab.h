#pragma once

// The Streams tab: for one table of the selected region, its streams (the latest from
// DescribeTable's LatestStreamArn, older ones still readable from ListStreams), the
// chosen stream's status and view type, its shards as a lineage tree, and its records
// arriving live (read by a StreamReader every half second while the tab is shown), with
// a filter by event name, pause and resume, and the selected record's images. A table
// without an enabled stream gets a box that enables one.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class ShardTree;
class StreamEnableBox;
class StreamEventFilter;
class StreamReader;
class StreamRecordsModel;
class TablesModel;

class StreamsTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamsTab)

public:
    // `tables` lists the region's tables (the Tables tab's model).
    StreamsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent = nullptr);

    QString table() const;
    QString region() const { return m_region; }
    QString streamArn() const;
    QString statusText() const;
    QString errorText() const;
    StreamRecordsModel* records() const { return m_records; }
    StreamEventFilter* filter() const { return m_filter; }
    QTableView* recordsView() const { return m_view; }
    ShardTree* shardTree() const { return m_shards; }
    StreamEnableBox* enableBox() const { return m_enableBox; }
    QComboBox* streamBox() const { return m_streamBox; }
    QPlainTextEdit* details() const { return m_details; }
    QPushButton* pauseButton() const { return m_pause; }
    StreamReader* reader() const { return m_reader; }

public slots:
    void setRegion(const QString& region);
    void setTable(const QString& table);
    // Re-reads the table's streams (DescribeTable, ListStreams).
    void refresh();
    // Reads what the stream has now (the timer does this every 500 ms while shown).
    void pollNow();
    void setPaused(bool paused);
    // Reads from the oldest record retained (true) or only new records (false).
    void setFromOldest(bool oldest);
    // Enables a stream of `viewType` on the table (UpdateTable).
    void enableStream(const QString& viewType);

signals:
    // The user picked a table (the console shares it with the other tabs).
    void tableChosen(const QString& table);
    void message(const QString& text);
    void progressMessage(const QString& text, const QString& region, const QString& table);

private:
    void reloadTableList();
    void listStreams(const tablespan::Json& table, tablespan::Json streams, const QString& after);
    void showStreams(const tablespan::Json& table, const tablespan::Json& streams);
    void startReading();
    void showDescription(const tablespan::Json& description);
    void showDetails();
    void updateCounts();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    TablesModel& m_tables;
    QString m_region;
    QComboBox* m_tableBox;
    QComboBox* m_streamBox;
    QLabel* m_status;
    QLabel* m_error;
    StreamEnableBox* m_enableBox;
    QWidget* m_streamArea;
    QComboBox* m_from;
    QList<QCheckBox*> m_eventBoxes;
    QPushButton* m_pause;
    QLabel* m_counts;
    ShardTree* m_shards;
    StreamRecordsModel* m_records;
    StreamEventFilter* m_filter;
    QTableView* m_view;
    QPlainTextEdit* m_details;
    StreamReader* m_reader;
    QTimer* m_tick;
    int m_generation = 0;
};
