#include "scenarios/scenario_timeline.h"

#include "scenarios/scenario_labels.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPainterPath>

namespace {

constexpr int kLane = 20;   // px per fault
constexpr int kRuler = 22;  // the time labels under the lanes
constexpr int kMargin = 8;

// A tick interval that gives about `ticks` labels over `span` seconds.
double tickStep(double span, int ticks) {
    for (double s : {1.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0,
                     7200.0, 21600.0, 43200.0, 86400.0})
        if (span / s <= ticks) return s;
    return 86400.0 * std::ceil(span / 86400.0 / ticks);
}

QString timeText(double seconds) {
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60) return ScenarioTimeline::tr("%1 s").arg(s);
    if (s < 3600 || s % 60)
        return s % 60 ? ScenarioTimeline::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : ScenarioTimeline::tr("%1 min").arg(s / 60);
    return s % 3600 ? ScenarioTimeline::tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60)
                    : ScenarioTimeline::tr("%1 h").arg(s / 3600);
}

QColor faultColour(const QString& kind) {
    if (kind == QLatin1String("region-lost")) return QColor(0xb0, 0x1c, 0x1c);
    if (kind == QLatin1String("region-offline")) return QColor(0xd1, 0x32, 0x12);
    if (kind == QLatin1String("link-cut")) return QColor(0x8e, 0x44, 0xad);
    if (kind == QLatin1String("link-slow")) return QColor(0x2e, 0x86, 0xc1);
    return QColor(0xd6, 0x8a, 0x00);  // capacity lowered
}

}  // namespace

ScenarioTimeline::ScenarioTimeline(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("scenarioTimeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ScenarioTimeline::setScenario(const nlohmann::json& outline) {
    m_faults.clear();
    m_duration = outline.value("durationSeconds", 0.0);
    m_drain = outline.value("drainSeconds", 0.0);
    for (const auto& f : outline.value("faults", nlohmann::json::array())) {
        Fault fault;
        fault.kind = QString::fromStdString(f.value("kind", ""));
        fault.label = ScenarioLabels::fault(f);
        fault.at = f.value("atSecond", 0.0);
        fault.until = fault.mark() ? fault.at : f.value("healedAtSecond", m_duration);
        m_faults.append(fault);
    }
    m_progress = -1;
    updateGeometry();
    update();
}

void ScenarioTimeline::clear() {
    setScenario(nlohmann::json::object());
}

void ScenarioTimeline::setProgress(double seconds) {
    m_progress = seconds;
    update();
}

QSize ScenarioTimeline::sizeHint() const {
    return {600, minimumSizeHint().height()};
}

QSize ScenarioTimeline::minimumSizeHint() const {
    return {200, 2 * kMargin + kRuler + kLane * int(std::max<qsizetype>(1, m_faults.size()))};
}

QRectF ScenarioTimeline::strip() const {
    return QRectF(kMargin, kMargin, width() - 2 * kMargin,
                  kLane * double(std::max<qsizetype>(1, m_faults.size())));
}

double ScenarioTimeline::xOf(double seconds) const {
    const QRectF s = strip();
    const double total = m_duration + m_drain;
    return total <= 0 ? s.left() : s.left() + s.width() * std::clamp(seconds / total, 0.0, 1.0);
}

QRectF ScenarioTimeline::faultRect(int i) const {
    const Fault& f = m_faults.at(i);
    const double top = strip().top() + i * kLane + 3;
    const double left = xOf(f.at), right = xOf(f.until);
    if (f.mark()) return QRectF(left - 3, top, 6, kLane - 6);
    return QRectF(left, top, std::max(2.0, right - left), kLane - 6);
}

void ScenarioTimeline::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QRectF s = strip();
    p.fillRect(s, pal.color(QPalette::Base));
    if (m_duration <= 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(s, Qt::AlignCenter, tr("Open a scenario to see its faults on a timeline."));
        return;
    }
    // The drain: the load has stopped, replication settles.
    const QRectF drain(xOf(m_duration), s.top(), s.right() - xOf(m_duration), s.height());
    QColor drainColour = pal.color(QPalette::Mid);
    drainColour.setAlpha(70);
    p.fillRect(drain, drainColour);
    if (drain.width() > 40) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(drain.adjusted(4, 0, -2, 0), Qt::AlignRight | Qt::AlignTop, tr("drain"));
    }
    // How far the run has got.
    if (m_progress >= 0) {
        QColor done = pal.color(QPalette::Highlight);
        done.setAlpha(40);
        p.fillRect(QRectF(s.left(), s.top(), xOf(m_progress) - s.left(), s.height()), done);
    }
    const QFontMetrics fm(font());
    for (int i = 0; i < m_faults.size(); ++i) {
        const Fault& f = m_faults[i];
        const QRectF r = faultRect(i);
        const QColor c = faultColour(f.kind);
        QColor fill = c;
        fill.setAlpha(f.mark() ? 255 : 90);
        p.setPen(QPen(c, 1));
        p.setBrush(fill);
        if (f.mark()) {
            // A diamond at the moment the region is lost.
            QPainterPath diamond;
            const QPointF m = r.center();
            diamond.moveTo(m.x(), r.top());
            diamond.lineTo(r.right() + 3, m.y());
            diamond.lineTo(m.x(), r.bottom());
            diamond.lineTo(r.left() - 3, m.y());
            diamond.closeSubpath();
            p.drawPath(diamond);
        } else {
            p.drawRoundedRect(r, 3, 3);
        }
        // The label inside a wide span, else beside it (left of it near the end).
        p.setPen(pal.color(QPalette::Text));
        const int w = fm.horizontalAdvance(f.label);
        QRectF text;
        if (!f.mark() && r.width() >= w + 8)
            text = r.adjusted(4, 0, 0, 0);
        else if (r.right() + 6 + w <= s.right())
            text = QRectF(r.right() + 6, r.top(), w + 2, r.height());
        else
            text = QRectF(r.left() - 6 - w - 2, r.top(), w + 2, r.height());
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, f.label);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(s);
    // The ruler.
    const double total = m_duration + m_drain;
    const double step = tickStep(total, std::max(2, int(s.width() / 90)));
    p.setPen(pal.color(QPalette::Text));
    for (double t = 0; t <= total + 1e-9; t += step) {
        const double x = xOf(t);
        p.drawLine(QPointF(x, s.bottom()), QPointF(x, s.bottom() + 4));
        const QString label = timeText(t);
        const int w = fm.horizontalAdvance(label);
        const double left = std::clamp(x - w / 2.0, 0.0, double(width() - w));
        p.drawText(QPointF(left, s.bottom() + 6 + fm.ascent()), label);
    }
    if (m_progress >= 0) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.drawLine(QPointF(xOf(m_progress), s.top()), QPointF(xOf(m_progress), s.bottom()));
    }
}
