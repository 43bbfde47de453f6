#include "streams/shard_tree.h"

#include <QFontDatabase>
#include <QHash>
#include <QHeaderView>

using tablespan::Json;

namespace {
QString textOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}
}  // namespace

ShardTree::ShardTree(QWidget* parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("shardTree"));
    setColumnCount(NB_COLUMNS);
    setHeaderLabels(
        {tr("Shard"), tr("State"), tr("Starting sequence number"), tr("Ending sequence number")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

QTreeWidgetItem* ShardTree::itemOf(const QString& id) const {
    const auto found = findItems(id, Qt::MatchExactly | Qt::MatchRecursive, Shard);
    return found.isEmpty() ? nullptr : found.first();
}

void ShardTree::setShards(const Json& shards) {
    const std::string text = shards.dump();
    if (text == m_shown) return;
    m_shown = text;
    clear();
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QHash<QString, QTreeWidgetItem*> items;
    QList<std::pair<QTreeWidgetItem*, QString>> parents;
    for (const auto& s : shards) {
        const QString id = textOf(s, "ShardId");
        const Json range = s.value("SequenceNumberRange", Json::object());
        const QString end = textOf(range, "EndingSequenceNumber");
        auto* item = new QTreeWidgetItem;
        item->setText(Shard, id);
        item->setText(State, end.isEmpty() ? tr("Open") : tr("Closed"));
        item->setText(Start, textOf(range, "StartingSequenceNumber"));
        item->setText(End, end.isEmpty() ? QStringLiteral("—") : end);
        for (int c : {Shard, Start, End}) item->setFont(c, mono);
        items.insert(id, item);
        parents.append({item, textOf(s, "ParentShardId")});
    }
    for (auto [item, parent] : parents) {
        if (QTreeWidgetItem* p = items.value(parent))
            p->addChild(item);
        else
            addTopLevelItem(item);  // no parent, or its parent was trimmed
    }
    expandAll();
}
