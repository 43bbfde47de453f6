#pragma once

// What a scenario's charts show, a value per second of engine time since the load
// started: per region the writes served, refused and throttled; per replication link
// ("source>destination") the changes pending and the average lag of what was delivered
// (NaN where nothing was: a gap, not a zero). Filled second by second while a run goes
// on, or at once from a saved report's timeline.

#include <map>

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include "tablespan/scenario.h"

class ScenarioSeries final {
public:
    enum Outcome { Served, Refused, Throttled, NB_OUTCOMES };

    void clear();
    // The regions to show even before they answer a request (in this order).
    void setRegions(const QStringList& regions);
    // Appends one second; seconds arrive in order.
    void add(const tablespan::ScenarioSecond& second);
    // The series of a report's "timeline"; false when it has none.
    bool loadReport(const nlohmann::json& report);

    int seconds() const { return m_seconds; }
    QStringList regions() const { return m_regions; }
    QStringList links() const;
    // (second + 1, value): a second's figure is drawn at its end. A run longer than an
    // hour is drawn with a point per span of seconds (writes: their mean; pending: their
    // maximum; lag: the mean of the seconds that delivered, a gap where none did).
    QList<QPointF> writes(const QString& region, Outcome outcome) const;
    QList<QPointF> pending(const QString& link) const;
    // Seconds where nothing was delivered are left out.
    QList<QPointF> lag(const QString& link) const;

private:
    QVector<qint64>& counts(const QString& region, Outcome outcome);

    int m_seconds = 0;
    QStringList m_regions;
    std::map<QString, QVector<qint64>> m_writes[NB_OUTCOMES];
    std::map<QString, QVector<qint64>> m_pending;
    std::map<QString, QVector<double>> m_lag;
};
