#include "recovery/pitr_timeline.h"

#include <algorithm>
#include <iterator>
#include <numeric>

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QValueAxis>

namespace {
constexpr qint64 kDayMs = 86'400'000;
}

PitrTimeline::PitrTimeline(QWidget* parent)
    : QChartView(new QChart, parent),
      m_writes(new QLineSeries(this)),
      m_writesArea(new QAreaSeries(m_writes)),
      m_windowTop(new QLineSeries(this)),
      m_windowArea(new QAreaSeries(m_windowTop)),
      m_markerLine(new QLineSeries),
      m_x(new QDateTimeAxis),
      m_y(new QValueAxis) {
    setObjectName(QStringLiteral("pitrTimeline"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setCursor(Qt::SizeHorCursor);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);

    m_windowArea->setName(tr("Restorable"));
    m_windowArea->setColor(QColor(0x03, 0x74, 0x3c, 56));
    m_windowArea->setBorderColor(Qt::transparent);
    m_writesArea->setName(tr("Writes"));
    m_writesArea->setColor(QColor(0x06, 0x6f, 0xb8, 150));
    m_writesArea->setBorderColor(QColor(0x06, 0x6f, 0xb8));
    m_markerLine->setName(tr("Restore point"));
    m_markerLine->setPen(QPen(QColor(0xd1, 0x32, 0x12), 2));
    for (QAbstractSeries* s :
         std::initializer_list<QAbstractSeries*>{m_windowArea, m_writesArea, m_markerLine})
        c->addSeries(s);

    m_x->setTitleText(tr("local time"));
    m_y->setTitleText(tr("writes"));
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_y->setRange(0, 1);
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s :
         std::initializer_list<QAbstractSeries*>{m_windowArea, m_writesArea, m_markerLine}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    clear();
    // Until the first answer: the last hour, never the epoch's 1970.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setTimeRange(now - 3'600'000, now);
}

void PitrTimeline::setTimeBase(bool engineTime, double scale) {
    if (!engineTime)
        m_x->setTitleText(tr("local time"));
    else if (scale == 1.0)
        m_x->setTitleText(tr("engine time"));
    else
        //: the chart's time axis when engine time runs %1 times faster than the clock
        m_x->setTitleText(tr("engine time (×%1)").arg(QLocale().toString(scale, 'g', 4)));
}

QString PitrTimeline::axisTitle() const {
    return m_x->titleText();
}

PitrTimeline::Span PitrTimeline::spanFor(qint64 earliest, qint64 now) {
    static constexpr qint64 kSteps[] = {1'000,      5'000,      10'000,    30'000,    60'000,
                                        300'000,    600'000,    1'800'000, 3'600'000, 10'800'000,
                                        21'600'000, 43'200'000, kDayMs};
    const qint64 to = now + 1;
    const qint64 from = std::min(earliest, to - 60'000);
    qint64 bucket = kSteps[std::size(kSteps) - 1];
    for (qint64 step : kSteps)
        if ((to - from) / step <= 100) {
            bucket = step;
            break;
        }
    return {from - from % bucket, to, bucket};
}

void PitrTimeline::clear() {
    m_counts.clear();
    m_writes->clear();
    m_windowTop->clear();
    m_markerLine->clear();
    m_earliest = 0;
    m_latest = -1;
    m_top = 1;
    m_y->setRange(0, 1);
}

void PitrTimeline::setActivity(qint64 from, qint64 to, qint64 bucketMs,
                               const std::vector<std::int64_t>& writes) {
    m_from = from;
    m_to = to;
    m_counts = writes;
    // Steps: each bucket is a flat top from its start to its end.
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(writes.size() * 2 + 2));
    points.append({static_cast<qreal>(from), 0});
    for (std::size_t i = 0; i < writes.size(); ++i) {
        const qint64 start = from + static_cast<qint64>(i) * bucketMs;
        const qint64 end = std::min(to, start + bucketMs);
        const auto n = static_cast<qreal>(writes[i]);
        points.append({static_cast<qreal>(start), n});
        points.append({static_cast<qreal>(end), n});
    }
    points.append({static_cast<qreal>(to), 0});
    m_writes->replace(points);
    const std::int64_t most = writes.empty() ? 0 : *std::max_element(writes.begin(), writes.end());
    // Whole numbers on the axis: one tick per write for a few, round steps for more.
    if (most < 5) {
        m_y->setRange(0, static_cast<double>(most + 1));
        m_y->setTickCount(static_cast<int>(most) + 2);
    } else {
        m_y->setTickCount(6);
        m_y->setRange(0, static_cast<double>(most) * 1.1);
        m_y->applyNiceNumbers();
    }
    m_top = m_y->max();
    m_writesArea->setVisible(true);
    m_y->setVisible(true);
    setTimeRange(from, to);
}

void PitrTimeline::setSpan(qint64 from, qint64 to) {
    m_from = from;
    m_to = to;
    m_counts.clear();
    m_writes->clear();
    m_writesArea->setVisible(false);
    // Nothing is counted: no count axis, the window band and marker full height.
    m_y->setVisible(false);
    m_y->setRange(0, 1);
    m_top = 1;
    setTimeRange(from, to);
}

void PitrTimeline::setTimeRange(qint64 from, qint64 to) {
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    m_x->setFormat(to - from > 2 * kDayMs ? QStringLiteral("MM-dd HH:mm")
                   : to - from > 600'000  ? QStringLiteral("HH:mm")
                                          : QStringLiteral("HH:mm:ss"));
    redrawWindow();
    redrawMarker();
}

QDateTime PitrTimeline::axisStart() const {
    return m_x->min();
}

QDateTime PitrTimeline::axisEnd() const {
    return m_x->max();
}

void PitrTimeline::setWindow(qint64 earliest, qint64 latest) {
    m_earliest = earliest;
    m_latest = latest;
    m_marker = clamp(m_marker);
    redrawWindow();
    redrawMarker();
}

void PitrTimeline::setMarker(qint64 ms) {
    m_marker = clamp(ms);
    redrawMarker();
}

qint64 PitrTimeline::totalWrites() const {
    return std::accumulate(m_counts.begin(), m_counts.end(), std::int64_t{0});
}

qint64 PitrTimeline::clamp(qint64 ms) const {
    return hasWindow() ? std::clamp(ms, m_earliest, m_latest) : ms;
}

void PitrTimeline::redrawWindow() {
    m_windowTop->clear();
    if (!hasWindow()) return;
    // A window of one instant (PITR just enabled) still shows as a thin band.
    const qint64 minWidth = std::max<qint64>(1, (m_to - m_from) / 400);
    const qint64 end = std::max(m_latest, m_earliest + minWidth);
    m_windowTop->append(static_cast<qreal>(m_earliest), m_top);
    m_windowTop->append(static_cast<qreal>(end), m_top);
}

void PitrTimeline::redrawMarker() {
    m_markerLine->clear();
    if (!hasWindow()) return;
    m_markerLine->append(static_cast<qreal>(m_marker), 0);
    m_markerLine->append(static_cast<qreal>(m_marker), m_top);
}

QPoint PitrTimeline::positionOf(qint64 ms) const {
    const QPointF inChart =
        chart()->mapToPosition(QPointF(static_cast<qreal>(ms), 0), m_writesArea);
    return mapFromScene(chart()->mapToScene(inChart));
}

void PitrTimeline::pick(const QPoint& position) {
    if (!hasWindow()) return;
    const QPointF value =
        chart()->mapToValue(chart()->mapFromScene(mapToScene(position)), m_writesArea);
    const qint64 ms = clamp(static_cast<qint64>(value.x()));
    if (ms == m_marker) return;
    m_marker = ms;
    redrawMarker();
    emit markerMoved(ms);
}

void PitrTimeline::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    pick(event->position().toPoint());
    event->accept();
}

void PitrTimeline::mouseMoveEvent(QMouseEvent* event) {
    if (!m_dragging) {
        QChartView::mouseMoveEvent(event);
        return;
    }
    pick(event->position().toPoint());
    event->accept();
}

void PitrTimeline::mouseReleaseEvent(QMouseEvent* event) {
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}
