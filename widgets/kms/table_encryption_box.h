#pragma once

// Encryption at rest in a table's Settings tab: the key DynamoDB owns, the AWS managed key
// (alias/aws/dynamodb) or a customer managed key of the region, picked from the region's
// KMS. What the table uses now comes from DescribeTable's SSEDescription (and DescribeKey
// for who manages that key); a change is its own UpdateTable, as the service wants
// ("Server-Side Encryption modification must be the only operation in the request").

#include <QGroupBox>

#include "tablespan/engine.h"

class EngineBridge;
class KmsKeyPicker;
class QComboBox;
class QLabel;

class TableEncryptionBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableEncryptionBox)

public:
    enum Choice { Owned, AwsManaged, Customer };

    explicit TableEncryptionBox(EngineBridge& bridge, QWidget* parent = nullptr);

    // Shows the encryption of a DescribeTable `Table` object in `region` (null: none). An
    // edit not applied yet survives a refresh of the same table.
    void setTable(const QString& region, const tablespan::Json& table);
    Choice choice() const;
    void setChoice(Choice choice);
    KmsKeyPicker* picker() const { return m_key; }
    // The form differs from what the table uses.
    bool dirty() const;
    // The UpdateTable request for table `name` that makes the change; null when none.
    tablespan::Json updateRequest(const QString& name) const;
    void revert();
    // What the status line says about the table's key.
    QString statusText() const;

signals:
    void edited();

private:
    void describeKey(const QString& arn);
    void display(Choice choice, const QString& arn);
    void updateEnabled();

    EngineBridge& m_bridge;
    QComboBox* m_choice;
    KmsKeyPicker* m_key;
    QLabel* m_status;
    QString m_region;
    QString m_table;
    Choice m_current = Owned;  // what the table uses
    QString m_currentArn;
    bool m_known = false;  // who manages the table's key is known
    bool m_loading = false;
    int m_generation = 0;
};
