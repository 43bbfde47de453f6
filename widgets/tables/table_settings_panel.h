#pragma once

// The Settings tab of a table's details: deletion protection, capacity mode and
// throughput, table class and stream, changed with one UpdateTable; auto scaling
// (AutoScalingBox, with UpdateTableReplicaAutoScaling); Time to Live, read
// with DescribeTimeToLive and changed with its own UpdateTimeToLive; encryption at rest
// (TableEncryptionBox, its own UpdateTable); and the table's tags (TableTagsEditor). The
// service's refusals show inline, in words.

#include <functional>

#include <QWidget>

#include "tables/table_settings.h"
#include "tables/ttl_settings.h"
#include "tablespan/engine.h"

class AutoScalingBox;
class EngineBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class TableEncryptionBox;
class TableTagsEditor;

class TableSettingsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableSettingsPanel)

public:
    explicit TableSettingsPanel(EngineBridge& bridge, QWidget* parent = nullptr);

    // Shows the settings of a DescribeTable `Table` object in `region` (null: none
    // selected). Edits not applied yet survive refreshes of the same table.
    void setTable(const QString& region, const tablespan::Json& table);
    TableTagsEditor* tagsEditor() const { return m_tags; }
    TableEncryptionBox* encryptionBox() const { return m_encryption; }
    AutoScalingBox* autoScalingBox() const { return m_autoScaling; }
    // The settings as the form has them now.
    TableSettings edited() const;
    TtlSettings editedTtl() const;
    // Time to Live as DescribeTimeToLive (or the last UpdateTimeToLive) last said.
    TtlSettings currentTtl() const { return m_ttlCurrent; }
    // The Time to Live status line ("Enabled: …", "Disabled: …", or why it is unknown).
    QString ttlStatusText() const;
    // The inline message of the last Apply (the refusals, or empty).
    QString errorText() const;
    // An UpdateTable or UpdateTimeToLive is on its way.
    bool busy() const { return m_pending > 0; }

public slots:
    // Sends UpdateTable with what changed, and UpdateTimeToLive when Time to Live
    // changed; does nothing when nothing did.
    void apply();
    void revert();

signals:
    // UpdateTable answered with this TableDescription.
    void applied(const tablespan::Json& table);

private:
    void showSettings(const TableSettings& s);
    void showTtl(const TtlSettings& s);
    // Asks DescribeTimeToLive; edits not applied yet survive the answer.
    void describeTtl();
    void applyTable(const tablespan::Json& request);
    void applyTtl(const tablespan::Json& request);
    void applyEncryption(const tablespan::Json& request);
    // Sends UpdateTable for the table shown; `accepted` runs with the TableDescription of
    // the answer, or `refused` (%1 the table, %2 the service's message) is added to the
    // errors.
    void updateTable(const tablespan::Json& request, const QString& refused,
                     const std::function<void(const tablespan::Json&)>& accepted);
    void updateEnabled();
    void showError(const QString& text);
    void showNote(const QString& text);
    // Adds to what the inline error and note lines say (one line per answer).
    void addError(const QString& text);
    void addNote(const QString& text);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QString m_status;
    TableSettings m_current;  // as DescribeTable last said
    QCheckBox* m_protection;
    QComboBox* m_billing;
    QSpinBox* m_read;
    QSpinBox* m_write;
    QComboBox* m_class;
    QCheckBox* m_stream;
    QComboBox* m_streamView;
    QCheckBox* m_ttl;
    QLineEdit* m_ttlAttribute;
    QLabel* m_ttlStatus;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QLabel* m_error;
    QLabel* m_note;
    TableTagsEditor* m_tags;
    TableEncryptionBox* m_encryption;
    AutoScalingBox* m_autoScaling;
    TtlSettings m_ttlCurrent;  // as DescribeTimeToLive last said
    bool m_ttlKnown = false;   // DescribeTimeToLive answered for this table
    int m_ttlGeneration = 0;   // drops answers about a table no longer shown
    bool m_loading = false;    // showSettings() or showTtl() is filling the form
    int m_pending = 0;         // UpdateTable and UpdateTimeToLive on their way
};
