#pragma once

// A map of a replication group: every region placed by latitude and longitude on an
// equirectangular grid, the group's regions highlighted, and the links between them
// drawn with their state (flowing, cut, a region offline) and current latency. Clicking
// a link offers to cut or heal it.

#include <optional>
#include <utility>

#include <QHash>
#include <QLineF>
#include <QList>
#include <QWidget>

class EngineBridge;
class QMenu;

class RegionMap final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionMap)

public:
    using Link = std::pair<QString, QString>;

    explicit RegionMap(EngineBridge& bridge, QWidget* parent = nullptr);

    // The regions of the group; `local` is drawn as the region the console shows.
    // `witnesses` are members without a table (a strongly consistent group's witness),
    // drawn hollow and labelled as such; their links are drawn like the others. A
    // `strong` group's links are labelled with the network's one-way delay (what an MRSC
    // write waits on twice), an eventual group's with the modelled replication latency.
    void setGroup(const QStringList& regions, const QString& local,
                  const QStringList& witnesses = {}, bool strong = false);
    // Pending changes per link (source → destination), shown beside the latency.
    void setPending(const QHash<Link, qint64>& pending);
    QStringList group() const { return m_group; }

    // Where a region is drawn, in widget coordinates.
    QPointF positionOf(const QString& region) const;
    // The link under `pos` (within a few pixels of its line), if any.
    std::optional<Link> linkAt(const QPointF& pos) const;
    // The text drawn on a link ("412 ms", "cut", "offline").
    QString linkLabel(const Link& link) const;
    // Opens the cut/heal menu of a link at `pos` (non-blocking).
    QMenu* showLinkMenu(const Link& link, const QPoint& globalPos);

    // Where the labels go: each region's name and each link's text, placed clear of the
    // group's dots (and of one another where there is room), inside the map
    // (region_map_labels.cpp).
    struct Labels {
        QHash<QString, QRectF> regions;
        QHash<Link, QRectF> links;
        QHash<QString, QString> regionTexts;
        QHash<Link, QString> linkTexts;
    };
    Labels labels() const;
    // The dot of a region of the group, in widget coordinates.
    QRectF nodeRect(const QString& region) const;

    QSize sizeHint() const override { return {460, 260}; }
    QSize minimumSizeHint() const override { return {240, 140}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRectF mapRect() const;
    // The line(s) a link is drawn as: two when it crosses the antimeridian.
    QList<QLineF> segments(const Link& link) const;
    QPointF labelPosition(const Link& link) const;
    QPointF project(double latitude, double longitude) const;

    EngineBridge& m_bridge;
    QStringList m_group;  // replicas and witnesses
    QStringList m_witnesses;
    bool m_strong = false;
    QString m_local;
    QHash<Link, qint64> m_pending;
};
