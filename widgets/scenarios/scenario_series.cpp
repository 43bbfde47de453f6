#include "scenarios/scenario_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double kGap = std::numeric_limits<double>::quiet_NaN();

// A long run (a day has 86,400 seconds) is drawn with at most this many points a series:
// each point then stands for several seconds, at the end of its span.
constexpr qsizetype kMaxPoints = 3600;

qsizetype span(qsizetype size) {
    return (size + kMaxPoints - 1) / kMaxPoints;
}

// One point a span: the mean of its seconds (a rate stays a rate), or their maximum.
QList<QPointF> points(const QVector<qint64>& values, bool maximum = false) {
    QList<QPointF> out;
    const qsizetype step = std::max<qsizetype>(1, span(values.size()));
    out.reserve(values.size() / step + 1);
    for (qsizetype i = 0; i < values.size(); i += step) {
        const qsizetype end = std::min(values.size(), i + step);
        double sum = 0, top = 0;
        for (qsizetype j = i; j < end; ++j) {
            sum += double(values[j]);
            top = std::max(top, double(values[j]));
        }
        out.append(QPointF(double(end), maximum ? top : sum / double(end - i)));
    }
    return out;
}

// Pads `values` with `fill` up to `size` entries.
template <typename T>
void padTo(QVector<T>& values, int size, T fill) {
    while (values.size() < size) values.append(fill);
}

// `object`'s member `name`, or an empty object (an empty array when `array`).
const nlohmann::json& member(const nlohmann::json& object, const char* name, bool array) {
    static const nlohmann::json kObject = nlohmann::json::object();
    static const nlohmann::json kArray = nlohmann::json::array();
    const auto it = object.find(name);
    if (it != object.end() && (array ? it->is_array() : it->is_object())) return *it;
    return array ? kArray : kObject;
}

}  // namespace

void ScenarioSeries::clear() {
    m_seconds = 0;
    m_regions.clear();
    for (auto& w : m_writes) w.clear();
    m_pending.clear();
    m_lag.clear();
}

void ScenarioSeries::setRegions(const QStringList& regions) {
    for (const QString& r : regions)
        if (!m_regions.contains(r)) m_regions.append(r);
}

QVector<qint64>& ScenarioSeries::counts(const QString& region, Outcome outcome) {
    if (!m_regions.contains(region)) m_regions.append(region);
    QVector<qint64>& v = m_writes[outcome][region];
    padTo<qint64>(v, m_seconds, 0);
    return v;
}

void ScenarioSeries::add(const tablespan::ScenarioSecond& s) {
    const int index = m_seconds++;
    for (const auto& [code, c] : s.regions) {
        const QString region = QString::fromStdString(code);
        const qint64 values[NB_OUTCOMES] = {c.writes_served, c.writes_refused, c.writes_throttled};
        for (int o = 0; o < NB_OUTCOMES; ++o) {
            QVector<qint64>& v = counts(region, Outcome(o));
            v[index] = values[o];
        }
    }
    for (const QString& region : std::as_const(m_regions))
        for (int o = 0; o < NB_OUTCOMES; ++o) counts(region, Outcome(o));
    for (const auto& [link, p] : s.pending) {
        QVector<qint64>& v = m_pending[QString::fromStdString(link)];
        padTo<qint64>(v, index, 0);
        v.append(p);
    }
    for (const auto& [link, l] : s.lag_ms) {
        QVector<double>& v = m_lag[QString::fromStdString(link)];
        padTo(v, index, kGap);
        v.append(l);
    }
    for (auto& [_, v] : m_pending) padTo<qint64>(v, m_seconds, 0);
    for (auto& [_, v] : m_lag) padTo(v, m_seconds, kGap);
}

bool ScenarioSeries::loadReport(const nlohmann::json& report) {
    clear();
    const auto timeline = report.find("timeline");
    if (timeline == report.end() || !timeline->is_object()) return false;
    m_seconds = timeline->value("seconds", 0);
    static const char* const kNames[NB_OUTCOMES] = {"writesServed", "writesRefused",
                                                    "writesThrottled"};
    for (const auto& [code, series] : member(*timeline, "regions", false).items()) {
        const QString region = QString::fromStdString(code);
        m_regions.append(region);
        for (int o = 0; o < NB_OUTCOMES; ++o) {
            QVector<qint64>& v = m_writes[o][region];
            for (const auto& n : member(series, kNames[o], true))
                v.append(n.is_number() ? n.get<qint64>() : 0);
            padTo<qint64>(v, m_seconds, 0);
        }
    }
    for (const auto& [link, series] : member(*timeline, "pending", false).items()) {
        QVector<qint64>& v = m_pending[QString::fromStdString(link)];
        for (const auto& n : series) v.append(n.is_number() ? n.get<qint64>() : 0);
        padTo<qint64>(v, m_seconds, 0);
    }
    for (const auto& [link, series] : member(*timeline, "lagMs", false).items()) {
        QVector<double>& v = m_lag[QString::fromStdString(link)];
        for (const auto& n : series) v.append(n.is_number() ? n.get<double>() : kGap);
        padTo(v, m_seconds, kGap);
    }
    return true;
}

QStringList ScenarioSeries::links() const {
    QStringList out;
    for (const auto& [link, _] : m_pending) out.append(link);
    for (const auto& [link, _] : m_lag)
        if (!out.contains(link)) out.append(link);
    return out;
}

QList<QPointF> ScenarioSeries::writes(const QString& region, Outcome outcome) const {
    const auto it = m_writes[outcome].find(region);
    return it == m_writes[outcome].end() ? QList<QPointF>() : points(it->second);
}

QList<QPointF> ScenarioSeries::pending(const QString& link) const {
    const auto it = m_pending.find(link);
    return it == m_pending.end() ? QList<QPointF>() : points(it->second, true);
}

QList<QPointF> ScenarioSeries::lag(const QString& link) const {
    QList<QPointF> out;
    const auto it = m_lag.find(link);
    if (it == m_lag.end()) return out;
    const QVector<double>& values = it->second;
    const qsizetype step = std::max<qsizetype>(1, span(values.size()));
    for (qsizetype i = 0; i < values.size(); i += step) {
        const qsizetype end = std::min(values.size(), i + step);
        double sum = 0;
        int n = 0;
        for (qsizetype j = i; j < end; ++j)
            if (!std::isnan(values[j])) {
                sum += values[j];
                ++n;
            }
        if (n) out.append(QPointF(double(end), sum / n));  // a span with no delivery: a gap
    }
    return out;
}
