#include "region_map.h"

#include <algorithm>
#include <cmath>

#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include "engine_bridge.h"
#include "tablespan/regions.h"

namespace {
const QColor kFlowing(0x1d, 0x81, 0x02);
const QColor kCut(0xd1, 0x32, 0x12);
const QColor kOffline(0x8d, 0x99, 0xa8);

QString code(const tablespan::RegionInfo& r) {
    return QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
}

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

void RegionMap::setGroup(const QStringList& regions, const QString& local) {
    if (regions == m_group && local == m_local) return;
    m_group = regions;
    m_local = local;
    update();
}

void RegionMap::setPending(const QHash<Link, qint64>& pending) {
    if (pending == m_pending) return;
    m_pending = pending;
    update();
}

QRectF RegionMap::mapRect() const {
    // Keep the 2:1 aspect of an equirectangular world, cropped to latitudes 70N–50S.
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    const double aspect = 360.0 / 120.0;
    double w = area.width(), h = area.width() / aspect;
    if (h > area.height()) {
        h = area.height();
        w = h * aspect;
    }
    return {area.center().x() - w / 2, area.center().y() - h / 2, w, h};
}

QPointF RegionMap::project(double latitude, double longitude) const {
    const QRectF r = mapRect();
    return {r.left() + (longitude + 180.0) / 360.0 * r.width(),
            r.top() + (70.0 - latitude) / 120.0 * r.height()};
}

QPointF RegionMap::positionOf(const QString& region) const {
    const auto* info = tablespan::find_region(region.toStdString());
    return info ? project(info->latitude, info->longitude) : QPointF();
}

std::optional<RegionMap::Link> RegionMap::linkAt(const QPointF& pos) const {
    std::optional<Link> best;
    double bestDistance = 6;
    for (int i = 0; i < m_group.size(); ++i)
        for (int j = i + 1; j < m_group.size(); ++j) {
            const double d =
                distanceToSegment(pos, positionOf(m_group[i]), positionOf(m_group[j]));
            if (d < bestDistance) {
                bestDistance = d;
                best = Link{m_group[i], m_group[j]};
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
    return tr("~%1 ms").arg(locale.toString(state.model_ms, 'f', 0));
}

QMenu* RegionMap::showLinkMenu(const Link& link, const QPoint& globalPos) {
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("linkMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool cut = m_bridge.engine()
                         .network()
                         .link(link.first.toStdString(), link.second.toStdString())
                         .cut;
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
    for (int lon = -180; lon <= 180; lon += 30)
        p.drawLine(project(70, lon), project(-50, lon));
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
    for (int i = 0; i < m_group.size(); ++i)
        for (int j = i + 1; j < m_group.size(); ++j) {
            const Link link{m_group[i], m_group[j]};
            const std::string a = link.first.toStdString(), b = link.second.toStdString();
            const bool offline = !network.region_online(a) || !network.region_online(b);
            const bool cut = network.link(a, b).cut;
            const QColor c = offline ? kOffline : cut ? kCut : kFlowing;
            p.setPen(QPen(c, 2, cut || offline ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
            const QPointF pa = positionOf(link.first), pb = positionOf(link.second);
            p.drawLine(pa, pb);
            QString label = linkLabel(link);
            const qint64 pending = m_pending.value(link) + m_pending.value({link.second, link.first});
            if (pending > 0) label = tr("%1 · %2 pending").arg(label).arg(pending);
            const QPointF mid = (pa + pb) / 2;
            QRectF box = fm.boundingRect(label).toRectF().adjusted(-4, -1, 4, 1);
            box.moveCenter(mid);
            QColor back = pal.color(QPalette::Window);
            back.setAlpha(220);
            p.setPen(QPen(c, 1));
            p.setBrush(back);
            p.drawRoundedRect(box, 3, 3);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(box, Qt::AlignCenter, label);
        }
    for (const QString& region : m_group) {
        const bool online = network.region_online(region.toStdString());
        const QPointF at = positionOf(region);
        p.setPen(QPen(pal.color(QPalette::Base), 2));
        p.setBrush(online ? (region == m_local ? QColor(0x00, 0x73, 0xbb) : kFlowing) : kOffline);
        p.drawEllipse(at, region == m_local ? 7.0 : 6.0, region == m_local ? 7.0 : 6.0);
        p.setPen(pal.color(QPalette::Text));
        const QString text = online ? region : tr("%1 (offline)").arg(region);
        p.drawText(at + QPointF(9, -6), text);
    }
    // Legend.
    const QList<std::pair<QColor, QString>> legend = {
        {kFlowing, tr("flowing")}, {kCut, tr("cut")}, {kOffline, tr("offline")}};
    QPointF at(r.left() + 8, r.bottom() - 8);
    for (const auto& [colour, text] : legend) {
        p.setPen(QPen(colour, 2));
        p.drawLine(at, at + QPointF(16, 0));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(at + QPointF(20, 4), text);
        at.rx() += 28 + fm.horizontalAdvance(text);
    }
}
