// The region map's label placement: region names beside their dots and link texts along
// their lines, each at the first of a few candidate places that covers no dot of the
// group and no label placed before it (else where it covers the least), kept inside the
// map. Crowded groups (us-east-1 beside us-east-2, five regions in Europe) are why; with
// more than five regions only the links of the region the console shows carry a text
// (66 latency labels on one small map cannot be read).

#include <cmath>

#include <QFontMetrics>

#include "common/engine_bridge.h"
#include "global/region_map.h"

namespace {
double overlap(const QRectF& a, const QRectF& b) {
    const QRectF i = a.intersected(b);
    return i.isEmpty() ? 0 : i.width() * i.height();
}

QRectF keptInside(QRectF box, const QRectF& r) {
    if (box.right() > r.right()) box.moveRight(r.right());
    if (box.left() < r.left()) box.moveLeft(r.left());
    if (box.bottom() > r.bottom()) box.moveBottom(r.bottom());
    if (box.top() < r.top()) box.moveTop(r.top());
    return box;
}

// The candidate with the least cover: dots weigh far more than other labels.
QRectF bestOf(const QList<QRectF>& candidates, const QList<QRectF>& nodes,
              const QList<QRectF>& labels) {
    QRectF best;
    double bestScore = -1;
    for (const QRectF& c : candidates) {
        double score = 0;
        for (const QRectF& n : nodes) score += 1000 * overlap(c, n);
        for (const QRectF& l : labels) score += overlap(c, l);
        if (bestScore < 0 || score < bestScore) {
            bestScore = score;
            best = c;
        }
        if (score == 0) break;
    }
    return best;
}
}  // namespace

QRectF RegionMap::nodeRect(const QString& region) const {
    const double radius = region == m_local ? 7.0 : 6.0;
    const QPointF at = positionOf(region);
    return {at.x() - radius, at.y() - radius, 2 * radius, 2 * radius};
}

RegionMap::Labels RegionMap::labels() const {
    Labels out;
    const QRectF r = mapRect();
    const QFontMetrics fm(font());
    auto& network = m_bridge.engine().network();
    QList<QRectF> nodes;
    for (const QString& region : m_group) nodes << nodeRect(region).adjusted(-2, -2, 2, 2);
    QList<QRectF> placed;

    for (const QString& region : m_group) {
        QString text =
            network.region_online(region.toStdString()) ? region : tr("%1 (offline)").arg(region);
        if (m_witnesses.contains(region)) text = tr("%1 (witness)").arg(text);
        const QRectF size = fm.boundingRect(text).toRectF().adjusted(-3, 0, 3, 0);
        const QPointF at = positionOf(region);
        const double w = size.width(), h = size.height();
        QList<QRectF> candidates;
        // Below, above, right, left, then the corners; then one line further out.
        for (const double gap : {8.0, 8.0 + h, 8.0 + 2 * h}) {
            const QList<QPointF> centres = {
                at + QPointF(0, gap + h / 2),    at - QPointF(0, gap + h / 2),
                at + QPointF(gap + w / 2, 0),    at - QPointF(gap + w / 2, 0),
                at + QPointF(gap + w / 2, gap),  at + QPointF(-gap - w / 2, gap),
                at + QPointF(gap + w / 2, -gap), at + QPointF(-gap - w / 2, -gap)};
            for (const QPointF& c : centres) {
                QRectF box(0, 0, w, h);
                box.moveCenter(c);
                candidates << keptInside(box, r);
            }
        }
        const QRectF box = bestOf(candidates, nodes, placed);
        out.regions.insert(region, box);
        out.regionTexts.insert(region, text);
        placed << box;
    }

    for (int i = 0; i < m_group.size(); ++i)
        for (int j = i + 1; j < m_group.size(); ++j) {
            const Link link{m_group[i], m_group[j]};
            // More links than can be read: only those of the region the console shows.
            const bool crowded = m_group.size() > 5;
            if (crowded && link.first != m_local && link.second != m_local) continue;
            QString text = linkLabel(link);
            const qint64 pending =
                m_pending.value(link) + m_pending.value({link.second, link.first});
            if (pending > 0) text = tr("%1 · %2 pending").arg(text).arg(pending);
            const QRectF size = fm.boundingRect(text).toRectF().adjusted(-4, -1, 4, 1);
            // Along the line from its middle outwards (the middle of the longest visible
            // piece when it crosses the antimeridian), then ever further beside it: a short
            // link between crowded regions has no room on its own line.
            QList<QPointF> points;
            const auto lines = segments(link);
            if (lines.size() == 1) {
                for (const double t : {0.5, 0.35, 0.65}) points << lines.first().pointAt(t);
            } else {
                points << labelPosition(link);
            }
            const double w = size.width(), h = size.height() + 1;
            QList<QPointF> shifts;
            for (const double dy : {0.0, -h, h, -2 * h, 2 * h, -3 * h, 3 * h, -4 * h, 4 * h})
                for (const double dx : {0.0, -w / 2, w / 2, -w, w}) shifts << QPointF(dx, dy);
            QList<QRectF> candidates;
            for (const QPointF& shift : shifts)
                for (const QPointF& p : points) {
                    QRectF box(0, 0, size.width(), size.height());
                    box.moveCenter(p + shift);
                    candidates << keptInside(box, r);
                }
            const QRectF box = bestOf(candidates, nodes, placed);
            out.links.insert(link, box);
            out.linkTexts.insert(link, text);
            placed << box;
        }
    return out;
}
