#include "kms/kms_keys_tab.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/status_delegate.h"
#include "common/view_style.h"
#include "kms/kms_key_dialogs.h"
#include "kms/kms_key_list.h"
#include "kms/kms_keys_model.h"

using tablespan::Json;

namespace {
QString str(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                 : QString();
}

QString dateOf(const Json& j, const char* key) {
    const auto ms = static_cast<qint64>(j.value(key, 0.0) * 1000.0);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

QString field(const QString& name, const QString& value) {
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}
}  // namespace

KmsKeysTab::KmsKeysTab(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_model(new KmsKeysModel(this)),
      m_view(new QTableView(this)),
      m_details(new QTextBrowser(this)),
      m_error(new QLabel(this)),
      m_disable(new QPushButton(tr("Disable"), this)),
      m_enable(new QPushButton(tr("Enable"), this)),
      m_schedule(new QPushButton(icon(QStringLiteral("delete")), tr("Schedule deletion…"), this)),
      m_cancel(new QPushButton(tr("Cancel deletion"), this)),
      m_reload(new QTimer(this)) {
    setObjectName(QStringLiteral("kmsKeysTab"));
    auto* create = new QPushButton(icon(QStringLiteral("add")), tr("Create key…"), this);
    create->setObjectName(QStringLiteral("createKey"));
    m_disable->setObjectName(QStringLiteral("disableKey"));
    m_enable->setObjectName(QStringLiteral("enableKey"));
    m_schedule->setObjectName(QStringLiteral("scheduleKeyDeletion"));
    m_cancel->setObjectName(QStringLiteral("cancelKeyDeletion"));
    auto* refresh = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(create);
    actions->addWidget(m_disable);
    actions->addWidget(m_enable);
    actions->addWidget(m_schedule);
    actions->addWidget(m_cancel);
    actions->addStretch();
    actions->addWidget(refresh);

    auto* note = new QLabel(
        tr("Tables encrypted with a key that is disabled or pending deletion stop serving "
           "requests after about 5 minutes and show Key inaccessible after about 45 minutes "
           "(a replica of a global table: 80 minutes, after which replication to and from it "
           "stops). Enabled again in time, they recover after about 40 minutes. A replica "
           "still inaccessible after 20 hours leaves its global table; a table after 7 days "
           "is archived."),
        this);
    note->setObjectName(QStringLiteral("kmsNote"));
    note->setWordWrap(true);
    ViewStyle::inlineError(m_error, QStringLiteral("kmsError"));

    ViewStyle::rowList(m_view, QStringLiteral("kmsKeysView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(KmsKeysModel::State,
                                     new StatusDelegate(KmsKeysModel::StateRole, this));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details->setObjectName(QStringLiteral("keyDetails"));
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(create, &QPushButton::clicked, this, &KmsKeysTab::createKey);
    connect(m_disable, &QPushButton::clicked, this, &KmsKeysTab::disableSelected);
    connect(m_enable, &QPushButton::clicked, this, &KmsKeysTab::enableSelected);
    connect(m_schedule, &QPushButton::clicked, this, &KmsKeysTab::scheduleDeletionOfSelected);
    connect(m_cancel, &QPushButton::clicked, this, &KmsKeysTab::cancelDeletionOfSelected);
    connect(refresh, &QPushButton::clicked, this, &KmsKeysTab::refresh);
    ContextMenu::install(m_view, [this](QMenu* menu) {
        if (selectedKeyId().isEmpty()) return;
        for (QPushButton* b : {m_disable, m_enable, m_schedule, m_cancel})
            ContextMenu::addButton(menu, b);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &KmsKeysTab::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        showDetails();
    });
    m_reload->setSingleShot(true);
    connect(m_reload, &QTimer::timeout, this, &KmsKeysTab::refresh);
    connect(&m_bridge, &EngineBridge::requestsCompleted, this, &KmsKeysTab::onRequests);
    updateActions();
}

QString KmsKeysTab::selectedKeyId() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty()
               ? QString()
               : m_model->index(rows.first().row(), 0).data(KmsKeysModel::KeyIdRole).toString();
}

QString KmsKeysTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

QString KmsKeysTab::detailsText() const {
    return m_details->toPlainText();
}

void KmsKeysTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void KmsKeysTab::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    m_model->setKeys({});
    m_details->clear();
    showError({});
    refresh();
}

void KmsKeysTab::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // A key whose deletion date passed is gone: the list is read again when shown.
    refresh();
}

void KmsKeysTab::onRequests(const QList<RequestRecord>& records) {
    for (const auto& r : records)
        if (r.region == m_region && r.operation.startsWith(QLatin1String("kms:")) &&
            !r.fromConsole && r.errorType.isEmpty() && !m_reload->isActive()) {
            m_reload->start(100);
            return;
        }
}

void KmsKeysTab::refresh() {
    m_reload->stop();
    if (m_region.isEmpty()) return;
    const int generation = ++m_generation;
    readKmsKeys(m_bridge, this, m_region,
                [this, generation](const QList<Json>& keys, const QString& error) {
                    if (generation != m_generation) return;
                    if (!error.isEmpty()) return showError(error);
                    showKeys(keys);
                });
}

void KmsKeysTab::showKeys(const QList<Json>& keys) {
    const QString selected = selectedKeyId();
    m_model->setKeys(keys);
    const QString wanted = m_pendingSelection.isEmpty() ? selected : m_pendingSelection;
    if (!wanted.isEmpty() && m_model->rowOf(wanted) >= 0) {
        m_pendingSelection.clear();
        selectKey(wanted);
    }
    updateActions();
    showDetails();
}

void KmsKeysTab::selectKey(const QString& keyId) {
    const int row = m_model->rowOf(keyId);
    if (row < 0) {
        m_pendingSelection = keyId;
        return;
    }
    m_view->selectRow(row);
}

void KmsKeysTab::updateActions() {
    const int row = m_model->rowOf(selectedKeyId());
    const Json key = m_model->key(row);
    const bool customer = row >= 0 && key.value("KeyManager", "") == "CUSTOMER";
    const QString state = str(key, "KeyState");
    m_disable->setEnabled(customer && state == QLatin1String("Enabled"));
    m_enable->setEnabled(customer && state == QLatin1String("Disabled"));
    m_schedule->setEnabled(customer && state != QLatin1String("PendingDeletion"));
    m_cancel->setEnabled(customer && state == QLatin1String("PendingDeletion"));
    const QString managed = tr("Only DynamoDB uses the AWS managed key: it cannot be changed.");
    for (QPushButton* b : {m_disable, m_enable, m_schedule, m_cancel})
        b->setToolTip(row >= 0 && !customer ? managed : QString());
}

void KmsKeysTab::showDetails() {
    const int at = m_model->rowOf(selectedKeyId());
    if (at < 0) {
        m_details->clear();
        return;
    }
    const Json k = m_model->key(at);
    const QString state = str(k, "KeyState");
    QString html = QStringLiteral("<table>");
    html += field(tr("Key ID"), str(k, "KeyId"));
    html += field(tr("ARN"), str(k, "Arn"));
    html += field(tr("Description"), str(k, "Description"));
    html += field(tr("Status"), StatusDelegate::statusText(state));
    html +=
        field(tr("Managed by"),
              k.value("KeyManager", "") == "AWS" ? tr("AWS (alias/aws/dynamodb)") : tr("Customer"));
    html += field(tr("Key spec"), tr("Symmetric encryption (%1)").arg(str(k, "KeySpec")));
    html += field(tr("Created"), dateOf(k, "CreationDate"));
    if (k.contains("DeletionDate")) html += field(tr("Deleted on"), dateOf(k, "DeletionDate"));
    html += QStringLiteral("</table>");
    if (state == QLatin1String("Disabled"))
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Tables encrypted with this key cannot be read or written. Enable it "
                            "again to "
                            "let them recover.")
                             .toHtmlEscaped());
    else if (state == QLatin1String("PendingDeletion"))
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Tables encrypted with this key cannot be read or written. Cancel the "
                            "deletion, "
                            "then enable the key, to let them recover.")
                             .toHtmlEscaped());
    m_details->setHtml(html);
}

void KmsKeysTab::createKey() {
    auto* dialog = new CreateKeyDialog(m_bridge, m_region, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateKeyDialog::keyCreated, this, [this](const QString& keyId) {
        m_pendingSelection = keyId;
        emit message(tr("Created KMS key %1.").arg(keyId));
        refresh();
    });
    dialog->open();
}

void KmsKeysTab::scheduleDeletionOfSelected() {
    const QString id = selectedKeyId();
    if (id.isEmpty()) return;
    const Json k = m_model->key(m_model->rowOf(id));
    const QString label = str(k, "Description").isEmpty() ? id : str(k, "Description");
    auto* dialog = new ScheduleDeletionDialog(m_bridge, m_region, id, label, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ScheduleDeletionDialog::deletionScheduled, this, [this](const QString& key) {
        emit message(tr("KMS key %1 is pending deletion.").arg(key));
        refresh();
    });
    dialog->open();
}

void KmsKeysTab::disableSelected() {
    act(QStringLiteral("kms:DisableKey"), tr("Disabled KMS key %1."));
}

void KmsKeysTab::enableSelected() {
    act(QStringLiteral("kms:EnableKey"), tr("Enabled KMS key %1."));
}

void KmsKeysTab::cancelDeletionOfSelected() {
    act(QStringLiteral("kms:CancelKeyDeletion"),
        tr("Cancelled the deletion of KMS key %1; it is disabled until you enable it."));
}

void KmsKeysTab::act(const QString& operation, const QString& done) {
    const QString id = selectedKeyId();
    if (id.isEmpty()) return;
    showError({});
    m_bridge.call(this, m_region, operation, {{"KeyId", id.toStdString()}},
                  [this, id, done](const tablespan::Result& r) {
                      if (!r.ok()) {
                          showError(tr("KMS refused: %1").arg(EngineBridge::errorText(r)));
                      } else {
                          emit message(done.arg(id));
                      }
                      refresh();
                  });
}
