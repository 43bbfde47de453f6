#include "tables/table_tags_editor.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/view_style.h"

using tablespan::Json;

namespace {
// Longer than the service's lag (1.9 s) with a margin.
constexpr qint64 kListLagMs = 2'500;

QString str(const Json& tag, const char* key) {
    return QString::fromStdString(tag.value(key, ""));
}
}  // namespace

TableTagsEditor::TableTagsEditor(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_list(new QTableWidget(0, NB_COLUMNS, this)),
      m_add(new QPushButton(icon(QStringLiteral("add")), tr("Add tag"), this)),
      m_remove(new QPushButton(icon(QStringLiteral("delete")), tr("Remove"), this)),
      m_save(new QPushButton(tr("Save tags"), this)),
      m_revert(new QPushButton(tr("Revert"), this)),
      m_error(new QLabel(this)),
      m_note(new QLabel(this)) {
    setObjectName(QStringLiteral("tagsEditor"));
    m_list->setObjectName(QStringLiteral("tagsList"));
    m_list->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->horizontalHeader()->setSectionResizeMode(Key, QHeaderView::Interactive);
    m_list->setColumnWidth(Key, 160);
    m_list->verticalHeader()->hide();
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_add->setObjectName(QStringLiteral("addTag"));
    m_remove->setObjectName(QStringLiteral("removeTag"));
    m_save->setObjectName(QStringLiteral("saveTags"));
    m_revert->setObjectName(QStringLiteral("revertTags"));
    ViewStyle::inlineError(m_error, QStringLiteral("tagsError"));
    m_note->setObjectName(QStringLiteral("tagsNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    auto* box = new QGroupBox(tr("Tags"), this);
    auto* inner = new QVBoxLayout(box);
    inner->setSpacing(4);
    // The actions and what they answered above the list: the pane is short at 1000×700.
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    inner->addLayout(buttons);
    inner->addWidget(m_error);
    inner->addWidget(m_note);
    inner->addWidget(m_list, 1);
    m_list->setMinimumHeight(90);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);

    connect(m_add, &QPushButton::clicked, this, &TableTagsEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &TableTagsEditor::removeSelected);
    connect(m_save, &QPushButton::clicked, this, &TableTagsEditor::save);
    connect(m_revert, &QPushButton::clicked, this, &TableTagsEditor::revert);
    connect(m_list, &QTableWidget::itemChanged, this, [this] {
        if (m_loading) return;
        showNote({});
        updateEnabled();
    });
    connect(m_list, &QTableWidget::itemSelectionChanged, this, &TableTagsEditor::updateEnabled);
    updateEnabled();
}

QString TableTagsEditor::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void TableTagsEditor::showNote(const QString& text) {
    // Hidden when empty: an empty line would push the form down in a short pane.
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void TableTagsEditor::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

Json TableTagsEditor::rows() const {
    Json tags = Json::array();
    for (int row = 0; row < m_list->rowCount(); ++row) {
        const auto text = [&](int column) {
            const QTableWidgetItem* item = m_list->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        // A row left empty is not a tag.
        if (text(Key).isEmpty() && text(Value).isEmpty()) continue;
        tags.push_back({{"Key", text(Key).toStdString()}, {"Value", text(Value).toStdString()}});
    }
    return tags;
}

void TableTagsEditor::setTable(const QString& region, const QString& arn) {
    if (region == m_region && arn == m_arn) return;
    m_region = region;
    m_arn = arn;
    ++m_generation;
    showError({});
    showNote({});
    m_busy = false;
    m_saved = Json::array();
    showRows(m_saved);
    load();
}

void TableTagsEditor::load() {
    if (m_arn.isEmpty()) return updateEnabled();
    const QString arn = m_arn;
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("ListTagsOfResource"),
                  {{"ResourceArn", arn.toStdString()}},
                  [this, arn, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          showError(tr("Could not read the tags: %1")
                                        .arg(QString::fromStdString(r.error->message)));
                          return;
                      }
                      Json tags = r.body.value("Tags", Json::array());
                      // Just saved here: the list still shows the set before.
                      const auto recent = m_recent.constFind(arn);
                      if (recent != m_recent.cend() &&
                          m_bridge.engine().clock().now() < recent->atMs + kListLagMs)
                          tags = recent->tags;
                      const bool untouched = rows() == m_saved;
                      setSaved(tags);
                      if (untouched) showRows(tags);
                      updateEnabled();
                  });
}

void TableTagsEditor::setSaved(const Json& tags) {
    m_saved = tags;
    if (!m_arn.isEmpty()) emit tagsKnown(m_arn, tags);
}

void TableTagsEditor::showRows(const Json& tags) {
    m_loading = true;
    m_list->setRowCount(0);
    for (const auto& tag : tags) {
        const int row = m_list->rowCount();
        m_list->insertRow(row);
        m_list->setItem(row, Key, new QTableWidgetItem(str(tag, "Key")));
        m_list->setItem(row, Value, new QTableWidgetItem(str(tag, "Value")));
    }
    m_loading = false;
    updateEnabled();
}

void TableTagsEditor::addRow() {
    const int row = m_list->rowCount();
    m_list->insertRow(row);
    m_list->setItem(row, Key, new QTableWidgetItem);
    m_list->setItem(row, Value, new QTableWidgetItem);
    m_list->setCurrentCell(row, Key);
    m_list->editItem(m_list->item(row, Key));
    updateEnabled();
}

void TableTagsEditor::removeSelected() {
    QList<int> selected;
    for (const QModelIndex& index : m_list->selectionModel()->selectedRows())
        selected << index.row();
    std::sort(selected.rbegin(), selected.rend());
    for (int row : selected) m_list->removeRow(row);
    showNote({});
    updateEnabled();
}

void TableTagsEditor::revert() {
    showError({});
    showRows(m_saved);
}

void TableTagsEditor::updateEnabled() {
    const bool has = !m_arn.isEmpty();
    const bool dirty = has && rows() != m_saved;
    m_list->setEnabled(has);
    m_add->setEnabled(has);
    m_remove->setEnabled(has && !m_list->selectionModel()->selectedRows().isEmpty());
    m_save->setEnabled(dirty && !m_busy);
    m_revert->setEnabled(dirty);
}

void TableTagsEditor::save() {
    const Json next = rows();
    if (m_arn.isEmpty() || next == m_saved || m_busy) return;
    showError({});
    showNote({});
    QSet<QString> keys;
    for (const auto& tag : next) {
        const QString key = str(tag, "Key");
        if (key.isEmpty()) return showError(tr("Every tag needs a key."));
        if (keys.contains(key)) return showError(tr("The key %1 is given twice.").arg(key));
        keys.insert(key);
    }
    Json removed = Json::array();
    for (const auto& tag : m_saved)
        if (!keys.contains(str(tag, "Key"))) removed.push_back(tag.at("Key"));
    Json upserts = Json::array();
    for (const auto& tag : next)
        if (std::find(m_saved.begin(), m_saved.end(), tag) == m_saved.end()) upserts.push_back(tag);

    m_busy = true;
    updateEnabled();
    if (removed.empty()) return sendTags(upserts);
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("UntagResource"),
        {{"ResourceArn", m_arn.toStdString()}, {"TagKeys", removed}},
        [this, generation, removed, upserts](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (!r.ok()) return finish(r, false);
            Json left = Json::array();
            for (const auto& tag : m_saved)
                if (std::find(removed.begin(), removed.end(), tag.at("Key")) == removed.end())
                    left.push_back(tag);
            m_recent[m_arn] = {m_bridge.engine().clock().now(), left};
            setSaved(left);
            if (upserts.empty()) return finish(r, true);
            sendTags(upserts);
        });
}

void TableTagsEditor::sendTags(const Json& upserts) {
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("TagResource"),
                  {{"ResourceArn", m_arn.toStdString()}, {"Tags", upserts}},
                  [this, generation, upserts](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) return finish(r, rows() != m_saved);
                      // TagResource upserts: a key keeps its place, a new one goes last.
                      Json merged = m_saved;
                      for (const auto& tag : upserts) {
                          auto it = std::find_if(merged.begin(), merged.end(), [&](const Json& t) {
                              return t.at("Key") == tag.at("Key");
                          });
                          if (it != merged.end())
                              (*it)["Value"] = tag.at("Value");
                          else
                              merged.push_back(tag);
                      }
                      m_recent[m_arn] = {m_bridge.engine().clock().now(), merged};
                      setSaved(merged);
                      finish(r, false);
                  });
}

void TableTagsEditor::finish(const tablespan::Result& r, bool partly) {
    m_busy = false;
    if (r.ok()) {
        showRows(m_saved);
        showNote(tr("Saved. DynamoDB lists the new tags about two seconds from now."));
    } else if (r.error->type == "LimitExceededException") {
        showError(partly ? tr("The removals were saved, but DynamoDB accepts one tag change "
                              "every 1.5 seconds and refused the rest. Save again in a moment.")
                         : tr("DynamoDB accepts one tag change every 1.5 seconds and refused "
                              "this one. Save again in a moment."));
    } else {
        showError(
            tr("DynamoDB did not save the tags: %1").arg(QString::fromStdString(r.error->message)));
    }
    updateEnabled();
}
