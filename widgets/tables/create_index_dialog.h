#pragma once

// "Create index" on an existing table: one global secondary index (keys, projection and,
// on a provisioned table, its throughput), checked as you type against the table's keys
// and indexes, sent as UpdateTable GlobalSecondaryIndexUpdates Create. The engine's
// refusal is shown inline and the dialog stays open.

#include <QDialog>

#include "tables/create_table_request.h"
#include "tablespan/engine.h"

class EngineBridge;
class IndexEditor;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

class CreateIndexDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateIndexDialog)

public:
    // `table` is the table's DescribeTable `Table` object.
    CreateIndexDialog(EngineBridge& bridge, const QString& region, const tablespan::Json& table,
                      QWidget* parent = nullptr);

    // The index as typed.
    IndexSpec index() const;
    // The table with the new index first, then its existing ones (what is validated).
    CreateTableSpec spec() const;
    // The message under the form: the rules the input breaks, or the engine's refusal.
    QString errorText() const;
    IndexEditor* indexEditor() const { return m_editor; }

signals:
    // The engine accepted the request; the index is CREATING.
    void indexCreated(const QString& table, const QString& index);

public slots:
    void accept() override;

private:
    void revalidate();
    void showError(const QString& text, const QString& detail = {});

    EngineBridge& m_bridge;
    QString m_region;
    CreateTableSpec m_table;
    IndexEditor* m_editor;
    QSpinBox* m_rcu = nullptr;
    QSpinBox* m_wcu = nullptr;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};
