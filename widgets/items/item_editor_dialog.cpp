#include "items/item_editor_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QMessageBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "items/item_form.h"
#include "items/item_json.h"

using tablespan::Json;

ItemEditorDialog::ItemEditorDialog(EngineBridge& bridge, const QString& region,
                                   const QString& table, const QStringList& keyNames, Mode mode,
                                   const Json& item, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(table),
      m_keyNames(keyNames),
      m_mode(mode),
      m_form(new ItemForm(this)),
      m_json(new QPlainTextEdit(this)),
      m_dynamo(new QCheckBox(tr("DynamoDB JSON"), this)),
      m_tabs(new QTabWidget(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("itemEditor"));
    setWindowTitle(mode == Mode::Create ? tr("Create item in %1").arg(table)
                                        : tr("Edit item in %1").arg(table));
    resize(640, 520);
    auto* layout = new QVBoxLayout(this);
    m_form->setItem(item, mode == Mode::Edit ? keyNames : QStringList());
    if (mode == Mode::Create && item.empty()) {
        // A new item starts with its key attributes, typed as the table defines them.
        Json keys = Json::object();
        for (const QString& k : keyNames) keys[k.toStdString()] = {{"S", ""}};
        m_form->setItem(keys);
    }
    m_json->setObjectName(QStringLiteral("itemJson"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* jsonPage = new QWidget(this);
    auto* jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->addWidget(m_dynamo);
    jsonLayout->addWidget(m_json, 1);
    m_dynamo->setChecked(true);
    m_tabs->addTab(m_form, tr("Form"));
    m_tabs->addTab(jsonPage, tr("JSON"));
    layout->addWidget(m_tabs, 1);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d13212;"));
    layout->addWidget(m_error);
    m_buttons->button(QDialogButtonBox::Save)
        ->setText(mode == Mode::Create ? tr("Create item") : tr("Save changes"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ItemEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ItemEditorDialog::cancel);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ItemEditorDialog::syncTo);
    connect(m_dynamo, &QCheckBox::toggled, this, &ItemEditorDialog::setDynamoJson);
    m_initial = currentItem(&m_initialError);
}

bool ItemEditorDialog::hasEdits() const {
    QString error;
    const Json now = currentItem(&error);
    return now != m_initial || error != m_initialError;
}

void ItemEditorDialog::keyPressEvent(QKeyEvent* event) {
    if (event->key() != Qt::Key_Escape) {
        QDialog::keyPressEvent(event);
        return;
    }
    cancel();
}

void ItemEditorDialog::cancel() {
    if (!hasEdits()) {
        reject();
        return;
    }
    // Esc and Cancel are easy to hit by accident: edits are not thrown away without asking.
    if (findChild<QMessageBox*>(QStringLiteral("confirmDiscard"))) return;
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Discard changes"),
                        tr("Discard the changes to this item?"), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmDiscard"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box->addButton(tr("Keep editing"), QMessageBox::RejectRole);
    connect(discard, &QPushButton::clicked, this, &QDialog::reject);
    box->open();
}

void ItemEditorDialog::showError(const QString& text) {
    m_error->setText(text);
}

QString ItemEditorDialog::errorText() const {
    return m_error->text();
}

Json ItemEditorDialog::currentItem(QString* error) const {
    if (m_shownTab == 0) return m_form->item(error);
    ItemJson::ParseError e;
    Json item = m_dynamoShown ? ItemJson::parseDynamo(m_json->toPlainText(), &e)
                              : ItemJson::parsePlain(m_json->toPlainText(), &e);
    if (e.isError()) *error = e.toString();
    return item;
}

void ItemEditorDialog::syncTo(int tab) {
    if (tab == m_shownTab) return;
    QString error;
    const Json item = currentItem(&error);
    if (item.is_null()) {
        // Stay on the view with the mistake.
        const QSignalBlocker block(m_tabs);
        m_tabs->setCurrentIndex(m_shownTab);
        showError(error);
        return;
    }
    showError({});
    m_shownTab = tab;
    if (tab == 0)
        m_form->setItem(item, m_mode == Mode::Edit ? m_keyNames : QStringList());
    else
        m_json->setPlainText(m_dynamoShown ? ItemJson::toDynamoText(item)
                                           : ItemJson::toPlainText(item));
}

void ItemEditorDialog::setDynamoJson(bool on) {
    if (on == m_dynamoShown) return;
    QString error;
    const Json item = currentItem(&error);
    if (item.is_null()) {
        const QSignalBlocker block(m_dynamo);
        m_dynamo->setChecked(m_dynamoShown);
        showError(error);
        return;
    }
    showError({});
    m_dynamoShown = on;
    m_json->setPlainText(on ? ItemJson::toDynamoText(item) : ItemJson::toPlainText(item));
}

void ItemEditorDialog::accept() {
    QString error;
    const Json item = currentItem(&error);
    if (item.is_null()) {
        showError(error);
        return;
    }
    Json request = {{"TableName", m_table.toStdString()}, {"Item", item}};
    if (m_mode == Mode::Create && !m_keyNames.isEmpty()) {
        request["ConditionExpression"] = "attribute_not_exists(#pk)";
        request["ExpressionAttributeNames"] = {{"#pk", m_keyNames.first().toStdString()}};
    }
    m_buttons->setEnabled(false);
    showError(tr("Saving…"));
    m_bridge.call(this, m_region, QStringLiteral("PutItem"), request,
                  [this, item](const tablespan::Result& r) {
                      m_buttons->setEnabled(true);
                      if (!r.ok()) {
                          showError(r.error->type == "ConditionalCheckFailedException"
                                        ? tr("An item with this key already exists.")
                                        : EngineBridge::errorText(r));
                          return;
                      }
                      emit itemSaved(item);
                      QDialog::accept();
                  });
}

void ItemEditorDialog::setStager(std::function<QString(const Json& item)> stage) {
    const bool offered = static_cast<bool>(m_stage);
    m_stage = std::move(stage);
    if (offered || !m_stage) return;
    auto* add = m_buttons->addButton(tr("Add to transaction"), QDialogButtonBox::ActionRole);
    add->setObjectName(QStringLiteral("addToTransaction"));
    add->setToolTip(
        tr("Keeps this change in the Items tab's pending transaction, to be "
           "written with the others by \"Save as transaction\"."));
    connect(add, &QPushButton::clicked, this, &ItemEditorDialog::stage);
}

void ItemEditorDialog::stage() {
    if (!m_stage) return;
    QString error;
    const Json item = currentItem(&error);
    if (item.is_null()) {
        showError(error);
        return;
    }
    error = m_stage(item);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    QDialog::accept();  // staged, not written
}
