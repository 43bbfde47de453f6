#pragma once

// The Settings tab of a table's details: deletion protection, capacity mode and
// throughput, table class and stream, changed with one UpdateTable; and the table's
// tags (TableTagsEditor). The service's refusals show inline, in words.

#include <QWidget>

#include "tables/table_settings.h"
#include "tablespan/engine.h"

class EngineBridge;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
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
    // The settings as the form has them now.
    TableSettings edited() const;
    // The inline message of the last Apply (a refusal, or empty).
    QString errorText() const;
    // An UpdateTable is on its way.
    bool busy() const { return m_busy; }

public slots:
    // Sends UpdateTable with what changed; does nothing when nothing did.
    void apply();
    void revert();

signals:
    // UpdateTable answered with this TableDescription.
    void applied(const tablespan::Json& table);

private:
    void showSettings(const TableSettings& s);
    void updateEnabled();
    void showError(const QString& text);
    void showNote(const QString& text);

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
    QPushButton* m_apply;
    QPushButton* m_revert;
    QLabel* m_error;
    QLabel* m_note;
    TableTagsEditor* m_tags;
    bool m_loading = false;  // showSettings() is filling the form
    bool m_busy = false;     // an UpdateTable is on its way
};
