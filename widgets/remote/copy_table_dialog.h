#pragma once

// The "Copy table" dialog: copies a table into a new table of any region, embedded or
// remote (a lab's table into DynamoDB Local, a sample of a production table into the
// lab), with a TableCopy job. Shows the source; offers every embedded region and every
// region of the bridge's connections as the destination, the destination table's name
// (the source's by default) and an optional sample size; then the job's progress, and
// Cancel, which keeps what was copied. The dialog stays open to show the outcome.

#include <QDialog>

class EngineBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class TableCopy;

class CopyTableDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyTableDialog)

public:
    CopyTableDialog(EngineBridge& bridge, const QString& region, const QString& table,
                    QWidget* parent = nullptr);

    // Region codes offered as the destination, in the combo's order.
    QStringList offeredRegions() const;
    void setDestination(const QString& region, const QString& table);
    QString destinationRegion() const;
    QString destinationTable() const;
    // Copies only the first `items` items; 0 copies them all.
    void setSample(int items);
    // Why Start is disabled (an invalid table name), or empty.
    QString validationText() const;
    // The running or last job (null before the first start).
    TableCopy* job() const { return m_job; }
    bool isRunning() const;
    // What the job is doing, or how it ended.
    QString statusText() const;
    // The inline error: why the input is invalid, or how a copy failed.
    QString errorText() const;

signals:
    // A copy ended; `message` says what was done.
    void copyFinished(bool ok, const QString& message);

public slots:
    // Starts the copy (what Start does); does nothing while the input is invalid or a
    // copy is running.
    void start();
    // Cancels the running copy (what Cancel does).
    void cancelCopy();
    // While a copy runs, Escape and closing the window cancel it instead of closing.
    void reject() override;

private:
    void validate();
    void updateButtons();
    void fitHeight();
    void showStage();
    void showProgress(qint64 copied, qint64 expected);
    void copyDone(bool ok, const QString& message);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QComboBox* m_destination;
    QLineEdit* m_name;
    QCheckBox* m_sample;
    QSpinBox* m_sampleSize;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_error;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QPushButton* m_close;
    TableCopy* m_job = nullptr;
    bool m_cancelRequested = false;  // by the user, for the running job
    QString m_invalid;               // why the input cannot be copied to, or empty
};
