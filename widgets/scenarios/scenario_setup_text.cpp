#include "scenarios/scenario_setup_text.h"

#include <cmath>

#include <QLocale>
#include <QStringList>

namespace {

using nlohmann::json;

QString str(const json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                 : QString();
}

QString rate(double perSecond) {
    return QLocale().toString(perSecond, 'g', 6);
}

QString distribution(const QString& name) {
    if (name == QLatin1String("zipf")) return ScenarioSetupText::tr("Zipf-distributed");
    if (name == QLatin1String("unique")) return ScenarioSetupText::tr("each write a new key");
    return ScenarioSetupText::tr("uniform");
}

}  // namespace

QString ScenarioSetupText::duration(double seconds) {
    const qint64 s = qint64(std::llround(seconds));
    const qint64 h = s / 3600, m = s % 3600 / 60, sec = s % 60;
    QStringList parts;
    if (h) parts << tr("%1 h").arg(h);
    if (m) parts << tr("%1 min").arg(m);
    if (sec || parts.isEmpty()) parts << tr("%1 s").arg(sec);
    return parts.join(QLatin1Char(' '));
}

QString ScenarioSetupText::describe(const json& outline) {
    QString html = QStringLiteral("<p>") +
                   tr("%1 of load, then %2 of drain (replication only); seed %3.")
                       .arg(duration(outline.value("durationSeconds", 0.0)),
                            duration(outline.value("drainSeconds", 0.0)))
                       .arg(outline.value("seed", std::uint64_t{0})) +
                   QStringLiteral("<br>");
    for (const json& t : outline.value("tables", json::array())) {
        QStringList regions;
        for (const json& r : t.value("regions", json::array()))
            regions << QString::fromStdString(r.get<std::string>());
        QString consistency = str(t, "consistency") == QLatin1String("STRONG")
                                  ? tr("strongly consistent")
                                  : tr("eventually consistent");
        if (!str(t, "witness").isEmpty())
            consistency += QStringLiteral(", ") + tr("witness in %1").arg(str(t, "witness"));
        const QString billing = str(t, "billingMode") == QLatin1String("PROVISIONED")
                                    ? tr("provisioned")
                                    : tr("on demand");
        html += tr("<b>Table %1</b> in %2 (%3, %4)")
                    .arg(str(t, "name").toHtmlEscaped(), regions.join(QStringLiteral(", ")),
                         consistency, billing) +
                QStringLiteral("<br>");
    }
    for (const json& l : outline.value("load", json::array())) {
        QString line =
            tr("<b>Load in %1</b> on %2: %3 writes and %4 reads a second, %5 keys (%6), "
               "items of %7 bytes")
                .arg(str(l, "region"), str(l, "table").toHtmlEscaped(),
                     rate(l.value("writesPerSecond", 0.0)), rate(l.value("readsPerSecond", 0.0)),
                     QLocale().toString(l.value("keys", qint64{0})),
                     distribution(str(l, "distribution")),
                     QLocale().toString(l.value("itemBytes", qint64{0})));
        const double from = l.value("fromSecond", 0.0);
        const double until = l.value("untilSecond", 0.0);
        if (from > 0 || until < outline.value("durationSeconds", 0.0))
            line += QStringLiteral(", ") + tr("from %1 to %2").arg(duration(from), duration(until));
        html += line + QStringLiteral("<br>");
    }
    return html + QStringLiteral("</p>");
}
