#pragma once

// The propagation probe: writes an item with a distinctive key in a source region, then
// polls GetItem in a destination region (on a timer, never blocking) until it appears,
// and reports how long that took in engine time. Results are kept in a history list.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTimer;

class PropagationProbe final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropagationProbe)

public:
    explicit PropagationProbe(EngineBridge& bridge, QWidget* parent = nullptr);

    // The table (its TableDescription, for the key schema) and the regions of its group.
    void setGroup(const tablespan::Json& description, const QStringList& regions);
    void setSource(const QString& region);
    void setDestination(const QString& region);
    QString resultText() const;
    QListWidget* history() const { return m_history; }
    bool isRunning() const;

public slots:
    // Writes a probe item in the source region and starts watching the destination.
    void send();
    void cancel();

signals:
    // The probe item arrived after `ms` of engine time.
    void arrived(const QString& source, const QString& destination, qint64 ms);

private:
    // The key of probe number `n`, following the table's key schema.
    tablespan::Json probeKey(qint64 n) const;
    void poll();
    void finish(const QString& text);

    EngineBridge& m_bridge;
    tablespan::Json m_description;
    QComboBox* m_source;
    QComboBox* m_destination;
    QPushButton* m_send;
    QLabel* m_result;
    QListWidget* m_history;
    QTimer* m_poll;
    int m_count = 0;
    int m_generation = 0;  // drops answers of a cancelled probe
    bool m_polling = false;
    tablespan::Json m_key;
    QString m_table, m_from, m_to;
    tablespan::Millis m_sentAt = 0;
};
