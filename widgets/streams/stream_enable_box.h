#pragma once

// What a stream view shows for a table without an enabled stream: why there are no new
// records, a choice of view type and a button that enables a stream (UpdateTable
// StreamSpecification).

#include <QFrame>

class QComboBox;
class QLabel;
class QPushButton;

class StreamEnableBox final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamEnableBox)

public:
    explicit StreamEnableBox(QWidget* parent = nullptr);

    // `hasOldStreams`: streams of the table are still readable (turned off within 24 h).
    void setTable(const QString& table, bool hasOldStreams);
    // While an UpdateTable is on its way.
    void setBusy(bool busy);
    QString viewType() const;
    QString messageText() const;
    QComboBox* viewTypeBox() const { return m_viewType; }
    QPushButton* enableButton() const { return m_enable; }

signals:
    // The user asked for a stream of `viewType` (NEW_AND_OLD_IMAGES, …).
    void enableRequested(const QString& viewType);

private:
    QLabel* m_message;
    QComboBox* m_viewType;
    QPushButton* m_enable;
};
