#pragma once

// Creates or edits one item: a form of typed attributes and a JSON view (plain or
// DynamoDB JSON). Saving writes the item with PutItem; a new item must not overwrite an
// existing one. The engine's errors are shown in the dialog. With a stager, "Add to
// transaction" hands the item over to be written later instead.

#include <functional>

#include <QDialog>

#include "tablespan/engine.h"

class EngineBridge;
class ItemForm;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

class ItemEditorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ItemEditorDialog)

public:
    enum class Mode { Create, Edit };

    ItemEditorDialog(EngineBridge& bridge, const QString& region, const QString& table,
                     const QStringList& keyNames, Mode mode, const tablespan::Json& item,
                     QWidget* parent = nullptr);

    // The item as the visible view holds it, or null with `error` set.
    tablespan::Json currentItem(QString* error) const;
    QString errorText() const;
    ItemForm* form() const { return m_form; }
    QPlainTextEdit* jsonEdit() const { return m_json; }
    QCheckBox* dynamoToggle() const { return m_dynamo; }
    QTabWidget* tabs() const { return m_tabs; }
    // Offers "Add to transaction" beside Save: it passes the item to `stage`, which
    // returns empty when it took it (the dialog closes, nothing written) or why not
    // (shown in the dialog, which stays open).
    void setStager(std::function<QString(const tablespan::Json& item)> stage);

signals:
    void itemSaved(const tablespan::Json& item);

public slots:
    // "Add to transaction".
    void stage();
    void accept() override;
    // Shows the JSON view as DynamoDB JSON (true) or plain JSON.
    void setDynamoJson(bool on);
    // Cancel and Esc: closes, but with edits asks first ("confirmDiscard" box). reject()
    // closes without asking.
    void cancel();

protected:
    // Esc is cancel().
    void keyPressEvent(QKeyEvent* event) override;

private:
    bool hasEdits() const;
    void syncTo(int tab);
    void showError(const QString& text);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QStringList m_keyNames;
    Mode m_mode;
    ItemForm* m_form;
    QPlainTextEdit* m_json;
    QCheckBox* m_dynamo;
    QTabWidget* m_tabs;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_dynamoShown = true;
    int m_shownTab = 0;
    tablespan::Json m_initial;  // the item as the dialog opened, to tell edits
    QString m_initialError;
    std::function<QString(const tablespan::Json&)> m_stage;
};
