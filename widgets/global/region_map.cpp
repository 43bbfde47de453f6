#include "global/region_map.h"

#include <algorithm>
#include <cmath>

#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "common/engine_bridge.h"
#include "tablespan/regions.h"

namespace {
const QColor kFlowing(0x1d, 0x81, 0x02);
const QColor kCut(0xd1, 0x32, 0x12);
const QColor kOffline(0x8d, 0x99, 0xa8);

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}
}  // namespace

RegionMap::RegionMap(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    setObjectName(QStringLiteral("regionMap"));
    setMouseTracking(false);
    setToolTip(tr("Click a link to cut or heal it"));
    connect(&m_bridge, &EngineBridge::networkChanged, this, qOverload<>(&QWidget::update));
}

void RegionMap::setGroup(const QStringList& regions, const QString& local,
                         const QStringList& witnesses, bool strong) {
    const QStringList group = regions + witnesses;
    if (group == m_group && local == m_local && witnesses == m_witnesses && strong == m_strong)
        return;
    m_group = group;
    m_witnesses = witnesses;
    m_strong = strong;
    m_local = local;
    update();
}

void RegionMap::setPending(const QHash<Link, qint64>& pending) {
    if (pending == m_pending) return;
    m_pending = pending;
    update();
}

QRectF RegionMap::mapRect() const {
    // Plate carrée stretched to the widget, cropped to latitudes 75N–50S where the
    // regions are.
    // The bottom line is kept for the legend.
    return QRectF(rect()).adjusted(8, 8, -8, -8 - fontMetrics().height() - 6);
}

QPointF RegionMap::project(double latitude, double longitude) const {
    const QRectF r = mapRect();
    return {r.left() + (longitude + 180.0) / 360.0 * r.width(),
            r.top() + (75.0 - latitude) / 125.0 * r.height()};
}

QPointF RegionMap::positionOf(const QString& region) const {
    const auto* info = tablespan::find_region(region.toStdString());
    return info ? project(info->latitude, info->longitude) : QPointF();
}

QList<QLineF> RegionMap::segments(const Link& link) const {
    const auto* a = tablespan::find_region(link.first.toStdString());
    const auto* b = tablespan::find_region(link.second.toStdString());
    if (!a || !b) return {};
    const double la = a->longitude, lb = b->longitude;
    if (std::abs(lb - la) <= 180)
        return {QLineF(project(a->latitude, la), project(b->latitude, lb))};
    // The short way crosses the antimeridian: leave on one edge, come back on the other.
    const double lb2 = lb + (lb < la ? 360 : -360);
    const double la2 = la + (la < lb ? 360 : -360);
    return {QLineF(project(a->latitude, la), project(b->latitude, lb2)),
            QLineF(project(a->latitude, la2), project(b->latitude, lb))};
}

QPointF RegionMap::labelPosition(const Link& link) const {
    // The middle of the longest visible piece of the link.
    const QRectF r = mapRect();
    QPointF best;
    double bestLength = -1;
    for (QLineF line : segments(link)) {
        for (double edge : {r.left(), r.right()}) {
            const bool crosses = (line.p1().x() - edge) * (line.p2().x() - edge) < 0;
            if (!crosses) continue;
            const double t = (edge - line.p1().x()) / (line.p2().x() - line.p1().x());
            const QPointF at = line.pointAt(t);
            line = r.contains(line.p1()) ? QLineF(line.p1(), at) : QLineF(at, line.p2());
        }
        if (line.length() > bestLength) {
            bestLength = line.length();
            best = line.center();
        }
    }
    return best;
}

std::optional<RegionMap::Link> RegionMap::linkAt(const QPointF& pos) const {
    std::optional<Link> best;
    double bestDistance = 6;
    for (int i = 0; i < m_group.size(); ++i)
        for (int j = i + 1; j < m_group.size(); ++j) {
            const Link link{m_group[i], m_group[j]};
            for (const QLineF& line : segments(link)) {
                const double d = distanceToSegment(pos, line.p1(), line.p2());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = link;
                }
            }
        }
    return best;
}

QString RegionMap::linkLabel(const Link& link) const {
    auto& network = m_bridge.engine().network();
    const std::string a = link.first.toStdString(), b = link.second.toStdString();
    if (!network.region_online(a) || !network.region_online(b)) return tr("offline");
    const auto state = network.link(a, b);
    if (state.cut) return tr("cut");
    const QLocale locale;
    if (state.override_ms) return tr("%1 ms").arg(locale.toString(*state.override_ms));
    const double ms = m_strong ? network.network_latency_ms(a, b) : state.model_ms;
    return tr("~%1 ms").arg(locale.toString(ms, 'f', 0));
}

QMenu* RegionMap::showLinkMenu(const Link& link, const QPoint& globalPos) {
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("linkMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool cut =
        m_bridge.engine().network().link(link.first.toStdString(), link.second.toStdString()).cut;
    auto* action = menu->addAction(cut ? tr("Heal link %1 ↔ %2").arg(link.first, link.second)
                                       : tr("Cut link %1 ↔ %2").arg(link.first, link.second));
    action->setObjectName(QStringLiteral("toggleLinkCut"));
    connect(action, &QAction::triggered, this, [this, link, cut] {
        m_bridge.engine().network().set_link_cut(link.first.toStdString(),
                                                 link.second.toStdString(), !cut);
        update();
    });
    menu->popup(globalPos);
    return menu;
}

void RegionMap::mousePressEvent(QMouseEvent* event) {
    if (const auto link = linkAt(event->position()))
        showLinkMenu(*link, event->globalPosition().toPoint());
    else
        QWidget::mousePressEvent(event);
}

void RegionMap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF r = mapRect();
    p.fillRect(r, pal.color(QPalette::Base));
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(70);
    p.setPen(QPen(grid, 1));
    for (int lon = -180; lon <= 180; lon += 30) p.drawLine(project(70, lon), project(-50, lon));
    for (int lat = -50; lat <= 70; lat += 20) p.drawLine(project(lat, -180), project(lat, 180));
    QPen equator(grid, 1.5, Qt::DashLine);
    p.setPen(equator);
    p.drawLine(project(0, -180), project(0, 180));

    // Every region as a faint dot; the group on top.
    p.setPen(Qt::NoPen);
    QColor faint = pal.color(QPalette::Text);
    faint.setAlpha(60);
    p.setBrush(faint);
    for (const auto& info : tablespan::all_regions())
        p.drawEllipse(project(info.latitude, info.longitude), 2.5, 2.5);

    auto& network = m_bridge.engine().network();
    const QFontMetrics fm(font());
    const Labels placed = labels();
    for (int i = 0; i < m_group.size(); ++i)
        for (int j = i + 1; j < m_group.size(); ++j) {
            const Link link{m_group[i], m_group[j]};
            const std::string a = link.first.toStdString(), b = link.second.toStdString();
            const bool offline = !network.region_online(a) || !network.region_online(b);
            const bool cut = network.link(a, b).cut;
            const QColor c = offline ? kOffline : cut ? kCut : kFlowing;
            p.setPen(QPen(c, 2, cut || offline ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
            p.save();
            p.setClipRect(r);
            for (const QLineF& line : segments(link)) p.drawLine(line);
            p.restore();
        }
    // Link labels after every line, so that no line crosses a label.
    for (auto it = placed.links.cbegin(); it != placed.links.cend(); ++it) {
        const Link& link = it.key();
        const std::string a = link.first.toStdString(), b = link.second.toStdString();
        const bool offline = !network.region_online(a) || !network.region_online(b);
        const QColor c = offline ? kOffline : network.link(a, b).cut ? kCut : kFlowing;
        QColor back = pal.color(QPalette::Window);
        back.setAlpha(220);
        p.setPen(QPen(c, 1));
        p.setBrush(back);
        p.drawRoundedRect(it.value(), 3, 3);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(it.value(), Qt::AlignCenter, placed.linkTexts.value(link));
    }
    // Witnesses first: where regions are close (us-east-1, us-east-2) a replica's dot
    // stays visible on top of a witness's ring.
    QStringList nodes = m_witnesses;
    for (const QString& region : m_group)
        if (!m_witnesses.contains(region)) nodes << region;
    for (const QString& region : nodes) {
        const bool online = network.region_online(region.toStdString());
        const QColor fill =
            online ? (region == m_local ? QColor(0x00, 0x73, 0xbb) : kFlowing) : kOffline;
        if (m_witnesses.contains(region)) {
            // A witness holds no table: a ring rather than a dot.
            p.setPen(QPen(fill, 3));
            p.setBrush(pal.color(QPalette::Base));
        } else {
            p.setPen(QPen(pal.color(QPalette::Base), 2));
            p.setBrush(fill);
        }
        const QRectF node = nodeRect(region);
        p.drawEllipse(node.center(), node.width() / 2, node.height() / 2);
    }
    for (const QString& region : m_group) {
        const QRectF box = placed.regions.value(region);
        QColor back = pal.color(QPalette::Base);
        back.setAlpha(200);
        p.setPen(Qt::NoPen);
        p.setBrush(back);
        p.drawRect(box);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(box, Qt::AlignCenter, placed.regionTexts.value(region));
    }
    // Legend.
    const QList<std::pair<QColor, QString>> legend = {
        {kFlowing, tr("flowing")}, {kCut, tr("cut")}, {kOffline, tr("offline")}};
    QPointF at(r.left() + 8, r.bottom() + 6 + fm.height() / 2.0);
    for (const auto& [colour, text] : legend) {
        p.setPen(QPen(colour, 2));
        p.drawLine(at, at + QPointF(16, 0));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(at + QPointF(20, 4), text);
        at.rx() += 28 + fm.horizontalAdvance(text);
    }
}
