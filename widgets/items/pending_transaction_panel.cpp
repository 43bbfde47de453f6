#include "items/pending_transaction_panel.h"

#include <algorithm>

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "items/item_json.h"
#include "items/pending_transaction.h"

using tablespan::Json;

namespace {
// Bold by font, not by style sheet: a style sheet keeps the palette of the theme it was
// first drawn in when the theme changes.
QFont boldFont(QFont font) {
    font.setBold(true);
    return font;
}

// The top-level attributes whose values differ between `a` and `b`, or that only one has.
QStringList differingAttributes(const Json& a, const Json& b) {
    QStringList names;
    for (const auto& [name, value] : a.items())
        if (!b.contains(name) || b[name] != value) names << QString::fromStdString(name);
    for (const auto& [name, value] : b.items())
        if (!a.contains(name)) names << QString::fromStdString(name);
    names.sort();
    return names;
}

QWidget* itemText(const QString& title, const Json& item, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title, box);
    label->setFont(boldFont(label->font()));
    auto* text = new QPlainTextEdit(box);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(ItemJson::toDynamoText(item));
    layout->addWidget(label);
    layout->addWidget(text, 1);
    return box;
}
}  // namespace

PendingTransactionPanel::PendingTransactionPanel(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_transaction(new PendingTransaction(this)),
      m_title(new QLabel(this)),
      m_count(new QLabel(this)),
      m_onlyIfUnchanged(new QCheckBox(tr("Only if unchanged since loaded"), this)),
      m_clear(new QPushButton(tr("Clear"), this)),
      m_save(new QPushButton(tr("Save as transaction"), this)),
      m_message(new QLabel(this)),
      m_view(new QTableView(this)) {
    setObjectName(QStringLiteral("pendingTransaction"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* top = new QHBoxLayout;
    m_title->setFont(boldFont(m_title->font()));
    m_count->setObjectName(QStringLiteral("pendingCount"));
    m_onlyIfUnchanged->setObjectName(QStringLiteral("onlyIfUnchanged"));
    m_onlyIfUnchanged->setChecked(true);
    m_onlyIfUnchanged->setToolTip(
        tr("Each edited or deleted item is written only if every attribute loaded still has "
           "the value loaded; otherwise nothing is written. A new item must not exist yet "
           "either way."));
    m_clear->setObjectName(QStringLiteral("clearTransaction"));
    m_save->setObjectName(QStringLiteral("saveTransaction"));
    m_save->setToolTip(
        tr("Writes every pending change with one TransactWriteItems: all of "
           "them or none."));
    top->addWidget(m_title);
    top->addWidget(m_count);
    top->addStretch();
    top->addWidget(m_clear);
    top->addWidget(m_save);
    layout->addLayout(top);

    m_message->setObjectName(QStringLiteral("transactionMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: #d13212;"));
    m_message->hide();
    layout->addWidget(m_message);

    m_view->setObjectName(QStringLiteral("pendingView"));
    m_view->setModel(m_transaction);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    auto* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(PendingTransaction::Result, QHeaderView::Stretch);
    header->setSectionResizeMode(PendingTransaction::Buttons, QHeaderView::Fixed);
    layout->addWidget(m_view);
    // Under the conditions it sets, and off the title row, which must fit 1000 px in German.
    layout->addWidget(m_onlyIfUnchanged);

    connect(m_onlyIfUnchanged, &QCheckBox::toggled, m_transaction,
            &PendingTransaction::setOnlyIfUnchanged);
    connect(m_save, &QPushButton::clicked, this, &PendingTransactionPanel::save);
    connect(m_clear, &QPushButton::clicked, this, &PendingTransactionPanel::clearAll);
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showCurrentItem(index.row()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_transaction, signal, this, [this] {
            refreshRows();
            updateState();
        });
    connect(m_transaction, &QAbstractItemModel::modelReset, this, [this] {
        refreshRows();
        updateState();
    });
    connect(m_transaction, &QAbstractItemModel::dataChanged, this,
            &PendingTransactionPanel::refreshRows);
    updateState();
}

QString PendingTransactionPanel::countText() const {
    return m_count->text();
}

QString PendingTransactionPanel::messageText() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

void PendingTransactionPanel::showMessage(const QString& text) {
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void PendingTransactionPanel::updateState() {
    const int n = m_transaction->count();
    setVisible(n > 0);
    m_title->setText(
        n ? tr("Pending transaction in %1").arg(EngineBridge::regionName(m_transaction->region()))
          : tr("Pending transaction"));
    m_count->setText(
        tr("%n of at most %1 change(s)", nullptr, n).arg(PendingTransaction::kMaxActions));
    m_save->setEnabled(n > 0 && !m_saving);
    m_clear->setEnabled(n > 0 && !m_saving);
    m_view->setEnabled(!m_saving);
    // As tall as the changes, up to five rows: the items above keep the rest.
    m_view->setFixedHeight(m_view->verticalHeader()->defaultSectionSize() * std::clamp(n, 1, 5) +
                           m_view->horizontalHeader()->sizeHint().height() +
                           2 * m_view->frameWidth());
    if (n == 0) showMessage({});
}

void PendingTransactionPanel::refreshRows() {
    int buttonsWidth = 0;
    for (int row = 0; row < m_transaction->count(); ++row) {
        auto* cell = new QWidget(m_view);
        auto* layout = new QHBoxLayout(cell);
        layout->setContentsMargins(2, 0, 2, 0);
        layout->setSpacing(2);
        layout->addStretch();  // the remove buttons line up on the right
        if (m_transaction->change(row).reason.contains("Item")) {
            auto* current = new QToolButton(cell);
            current->setObjectName(QStringLiteral("showCurrentItem"));
            current->setText(tr("Item now…"));
            current->setToolTip(
                tr("Show the item as it is in the table now, beside the item "
                   "as it was loaded."));
            connect(current, &QToolButton::clicked, this, [this, row] { showCurrentItem(row); });
            layout->addWidget(current);
        }
        auto* remove = new QToolButton(cell);
        remove->setObjectName(QStringLiteral("removeChange"));
        remove->setIcon(icon(QStringLiteral("delete")));
        remove->setToolTip(tr("Remove from transaction"));
        remove->setAccessibleName(tr("Remove from transaction"));
        connect(remove, &QToolButton::clicked, this, [this, row] { removeChange(row); });
        layout->addWidget(remove);
        m_view->setIndexWidget(m_transaction->index(row, PendingTransaction::Buttons), cell);
        buttonsWidth = std::max(buttonsWidth, cell->sizeHint().width());
    }
    // The header cannot size the column by its buttons, nor the others by their texts.
    m_view->setColumnWidth(PendingTransaction::Buttons, buttonsWidth);
    for (const auto& [column, most] :
         {std::pair{PendingTransaction::Action, 200}, std::pair{PendingTransaction::Table, 200},
          std::pair{PendingTransaction::Key, 420}, std::pair{PendingTransaction::Condition, 260}}) {
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, std::clamp(m_view->columnWidth(column), 80, most));
    }
}

void PendingTransactionPanel::removeChange(int row) {
    if (m_saving) return;
    m_transaction->remove(row);
}

void PendingTransactionPanel::clearAll() {
    if (m_saving || m_transaction->count() == 0) return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Clear transaction"),
                                tr("Discard the %n pending change(s)? Nothing is written.", nullptr,
                                   m_transaction->count()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmClearTransaction"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* discard = box->addButton(tr("Discard changes"), QMessageBox::DestructiveRole);
    connect(discard, &QPushButton::clicked, m_transaction, &PendingTransaction::clear);
    box->open();
}

void PendingTransactionPanel::save() {
    if (m_saving || m_transaction->count() == 0) return;
    QString error;
    const Json request = m_transaction->request(&error);
    if (request.is_null()) {
        showMessage(error);
        emit saveFinished(error);
        return;
    }
    m_transaction->clearReasons();
    showMessage({});
    m_saving = true;
    updateState();
    const int changes = m_transaction->count();
    m_bridge.call(
        this, m_transaction->region(), QStringLiteral("TransactWriteItems"), request,
        [this, changes](const tablespan::Result& r) {
            m_saving = false;
            if (r.ok()) {
                m_transaction->clear();  // hides the panel
                updateState();
                emit saved(changes);
                emit saveFinished({});
                return;
            }
            QString text;
            if (r.error->type == "TransactionCanceledException") {
                m_transaction->setReasons(r.error->extra.value("CancellationReasons", Json()));
                text =
                    tr("The transaction was cancelled and nothing was written. Each change "
                       "shows the service's reason: remove or redo the ones that failed, "
                       "then save again.");
            } else {
                text = tr("The transaction was refused and nothing was written: %1")
                           .arg(EngineBridge::errorText(r));
            }
            updateState();
            showMessage(text);
            emit saveFinished(text);
        });
}

void PendingTransactionPanel::showCurrentItem(int row) {
    if (row < 0 || row >= m_transaction->count()) return;
    const auto& change = m_transaction->change(row);
    if (!change.reason.contains("Item")) return;
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("currentItem"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Item in %1 now").arg(change.table));
    dialog->resize(760, 460);
    auto* layout = new QVBoxLayout(dialog);
    auto* reason =
        new QLabel(tr("%1\n%2").arg(PendingTransaction::keyText(change.key, change.keyNames),
                                    m_transaction->reasonText(row)),
                   dialog);
    reason->setWordWrap(true);
    reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(reason);
    {
        const QStringList differing = differingAttributes(change.loaded, change.reason["Item"]);
        auto* changed = new QLabel(
            change.loaded.is_null() ? tr("An item with this key exists already.")
            : differing.isEmpty()
                ? tr("The attributes loaded are unchanged.")
                : tr("Changed since loaded: %1").arg(differing.join(QStringLiteral(", "))),
            dialog);
        changed->setObjectName(QStringLiteral("changedAttributes"));
        changed->setFont(boldFont(changed->font()));
        changed->setWordWrap(true);
        layout->addWidget(changed);
    }
    auto* texts = new QHBoxLayout;
    if (!change.loaded.is_null())
        texts->addWidget(itemText(tr("As loaded"), change.loaded, dialog));
    auto* now = itemText(tr("Now"), change.reason["Item"], dialog);
    now->setObjectName(QStringLiteral("itemNow"));
    texts->addWidget(now);
    layout->addLayout(texts, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->open();
}
