#pragma once

// A stream's shards as a tree of their lineage: a shard under its parent (ParentShardId),
// a shard whose parent is no longer listed (trimmed after 24 hours) at the top; each with
// its open or closed state and its sequence number range.

#include <QTreeWidget>

#include "tablespan/engine.h"

class ShardTree final : public QTreeWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShardTree)

public:
    enum Column { Shard, State, Start, End, NB_COLUMNS };

    explicit ShardTree(QWidget* parent = nullptr);

    // Shows `shards` (DescribeStream's Shards, parents before or after their children).
    void setShards(const tablespan::Json& shards);
    // The item of shard `id`, or null.
    QTreeWidgetItem* itemOf(const QString& id) const;

private:
    std::string m_shown;  // the shards shown, as JSON text
};
