#include "scenarios/scenario_report_view.h"

#include "scenarios/scenario_labels.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStringList>
#include <QTableWidget>

namespace {

using nlohmann::json;

QString number(const json& value) {
    if (!value.is_number()) return QStringLiteral("–");
    if (value.is_number_float()) return QLocale().toString(value.get<double>(), 'f', 1);
    return QLocale().toString(value.get<qint64>());
}

QString seconds(const json& value) {
    return value.is_number()
               ? ScenarioReportView::tr("%1 s").arg(QLocale().toString(value.get<double>(), 'f', 1))
               : QStringLiteral("–");
}

QString text(const json& value) {
    return value.is_string() ? QString::fromStdString(value.get<std::string>()).toHtmlEscaped()
                             : QString();
}

// A throttled count's causes, most frequent first: "table writes over provisioned
// capacity 1,100; index writes over provisioned capacity 104". Empty for a report written
// before reports carried them.
QString causes(const json& throttledBy, const QString& separator) {
    if (!throttledBy.is_object()) return {};
    std::vector<std::pair<qint64, QString>> list;
    for (const auto& [reason, count] : throttledBy.items())
        if (count.is_number_integer())
            list.emplace_back(count.get<qint64>(), QString::fromStdString(reason));
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList parts;
    for (const auto& [count, reason] : list)
        parts << ScenarioReportView::tr("%1 %2").arg(ScenarioLabels::throttlingReason(reason),
                                                     QLocale().toString(count));
    return parts.join(separator);
}

// A region's phase row: its phase in the console's words (reports written before phases
// carried their faults give the engine's English name).
QString phaseName(const json& row, const json& phases, const json& faults) {
    const auto index = row.find("phaseIndex");
    if (index != row.end() && index->is_number_unsigned() &&
        index->get<std::size_t>() < phases.size())
        return ScenarioLabels::phase(phases[index->get<std::size_t>()], faults);
    return text(row.value("phase", json()));
}

}  // namespace

ScenarioReportView::ScenarioReportView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("scenarioReport"));
    m_table = new QTableWidget(0, NB_COLUMNS, this);
    m_table->setObjectName(QStringLiteral("scenarioReportTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Phase, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_findings = new QLabel(this);
    m_findings->setObjectName(QStringLiteral("scenarioFindings"));
    m_findings->setWordWrap(true);
    m_findings->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_findings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findings->setMargin(4);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_findings);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(260);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 3);
    layout->addWidget(scroll, 2);
    setHeaders();
    clear();
}

void ScenarioReportView::setHeaders() {
    m_table->setHorizontalHeaderLabels({tr("Region"), tr("Phase"), tr("Requests"), tr("Served"),
                                        tr("Refused"), tr("Throttled"), tr("Conflicted"),
                                        tr("p50 ms"), tr("p99 ms")});
}

void ScenarioReportView::clear() {
    m_table->setRowCount(0);
    m_findings->setText(tr("The report appears here when the run ends."));
}

void ScenarioReportView::setReport(const json& report) {
    m_table->setRowCount(0);
    const json regions = report.value("regions", json::object());
    const json phases = report.value("phases", json::array());
    const json faults = report.value("faults", json::array());
    for (const auto& [region, regionPhases] : regions.items()) {
        if (!regionPhases.is_array()) continue;
        for (const json& phase : regionPhases) {
            for (const char* kind : {"writes", "reads"}) {
                const json figures = phase.value(kind, json::object());
                // Reads only where the load read.
                if (kind == std::string("reads") && figures.value("served", 0) == 0 &&
                    figures.value("refused", 0) == 0 && figures.value("throttled", 0) == 0)
                    continue;
                const int row = m_table->rowCount();
                m_table->insertRow(row);
                const QString cells[NB_COLUMNS] = {
                    QString::fromStdString(region),
                    phaseName(phase, phases, faults),
                    kind == std::string("writes") ? tr("writes") : tr("reads"),
                    number(figures.value("served", json())),
                    number(figures.value("refused", json())),
                    number(figures.value("throttled", json())),
                    kind == std::string("writes") ? number(figures.value("conflicted", json()))
                                                  : QStringLiteral("–"),
                    number(figures.value("p50Ms", json())),
                    number(figures.value("p99Ms", json()))};
                for (int c = 0; c < NB_COLUMNS; ++c) {
                    auto* item = new QTableWidgetItem(cells[c]);
                    if (c >= Served) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    if (c == Phase) item->setToolTip(cells[c]);
                    if (c == Throttled)
                        item->setToolTip(
                            causes(figures.value("throttledBy", json()), QStringLiteral("\n")));
                    m_table->setItem(row, c, item);
                }
            }
        }
    }
    m_findings->setText(findingsText(report));
}

QString ScenarioReportView::findingsText(const json& report) const {
    QString html;
    if (report.value("stopped", false))
        html += QStringLiteral("<p><b>%1</b></p>")
                    .arg(tr("Stopped before the end: the report covers what ran."));
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Seed:"), number(report.value("seed", json())));
    // Throttling leads when there was some; otherwise its "none" comes last.
    bool throttled = false;
    const QString throttling = throttlingText(report, &throttled);
    if (throttled) html += throttling;
    // RPO.
    html += QStringLiteral("<p><b>%1</b><br>").arg(tr("Recovery point (RPO)"));
    const json rpo = report.value("rpo", json::array());
    if (rpo.empty()) html += tr("No region was lost.");
    for (const json& r : rpo) {
        html += tr("%1, table %2: %3 of %4 acknowledged writes lost")
                    .arg(text(r.value("region", json())), text(r.value("table", json())),
                         number(r.value("lostWrites", json())),
                         number(r.value("writesAcknowledged", json())));
        if (r.value("lostWrites", 0) > 0)
            html += tr(", written over %1 (from %2 to %3)")
                        .arg(seconds(r.value("spanSeconds", json())),
                             seconds(r.value("firstLostAtSecond", json())),
                             seconds(r.value("lastLostAtSecond", json())));
        html += QStringLiteral("<br>");
    }
    html += QStringLiteral("</p><p><b>%1</b><br>").arg(tr("Time to converge after each heal"));
    const json faults = report.value("faults", json::array());
    const json convergence = report.value("convergence", json::array());
    if (convergence.empty()) html += tr("No fault healed.");
    for (const json& c : convergence) {
        if (c.value("seconds", json()).is_number())
            html += tr("%1, healed at %2: converged in %3")
                        .arg(ScenarioLabels::faultAt(c, faults).toHtmlEscaped(),
                             seconds(c.value("healedAtSecond", json())),
                             seconds(c.value("seconds", json())));
        else
            html += tr("%1, healed at %2: not converged by the end")
                        .arg(ScenarioLabels::faultAt(c, faults).toHtmlEscaped(),
                             seconds(c.value("healedAtSecond", json())));
        html += QStringLiteral("<br>");
    }
    const json conflicts = report.value("conflicts", json::object());
    html += QStringLiteral("</p><p><b>%1</b><br>%2</p>")
                .arg(tr("Last-writer-wins conflicts"),
                     tr("%1 conflicts; %2 acknowledged writes overwritten by a concurrent write "
                        "from another region")
                         .arg(number(conflicts.value("lwwConflicts", json())),
                              number(conflicts.value("overwrittenWrites", json()))));
    const json errors = report.value("faultErrors", json::array());
    if (!errors.empty()) {
        html += QStringLiteral("<p><b>%1</b><br>").arg(tr("Faults that could not be applied"));
        for (const json& e : errors)
            html += tr("%1 at %2: %3")
                        .arg(ScenarioLabels::faultAt(e, faults).toHtmlEscaped(),
                             seconds(e.value("atSecond", json())), text(e.value("error", json()))) +
                    QStringLiteral("<br>");
        html += QStringLiteral("</p>");
    }
    if (!throttled) html += throttling;
    return html;
}

QString ScenarioReportView::throttlingText(const json& report, bool* any) const {
    const json totals = report.value("totals", json::object());
    // Reports written before throttling had causes say nothing here.
    if (!totals.contains("writesThrottledBy")) return {};
    QString html = QStringLiteral("<p><b>%1</b><br>").arg(tr("Why requests were throttled"));
    const json phases = report.value("phases", json::array());
    const json faults = report.value("faults", json::array());
    const json regions = report.value("regions", json::object());
    *any = false;
    for (const auto& [region, regionPhases] : regions.items()) {
        if (!regionPhases.is_array()) continue;
        for (const json& phase : regionPhases) {
            QStringList lines;
            for (const char* kind : {"writes", "reads"}) {
                const json figures = phase.value(kind, json::object());
                const qint64 throttled = figures.value("throttled", qint64(0));
                if (throttled <= 0) continue;
                const QString count = QLocale().toString(throttled);
                const QString why = causes(figures.value("throttledBy", json()), tr("; "));
                const bool writes = kind == std::string("writes");
                lines << (writes ? tr("Writes throttled: %1 (%2)") : tr("Reads throttled: %1 (%2)"))
                             .arg(count, why.toHtmlEscaped());
            }
            const json replication = phase.value("replication", json::object());
            const qint64 refused = replication.value("throttleEvents", qint64(0));
            if (refused > 0)
                lines
                    << tr("Deliveries of replicated changes refused for want of write capacity: %1")
                           .arg(QLocale().toString(refused));
            if (lines.isEmpty()) continue;
            // Why capacity ran short: the share replication took of what was consumed.
            const double replicated = replication.value("replicatedWriteUnits", 0.0);
            if (replicated > 0)
                lines << tr("Replicated writes used %1 of the %2 write units consumed")
                             .arg(QLocale().toString(qint64(replicated)),
                                  QLocale().toString(
                                      qint64(replication.value("consumedWriteUnits", 0.0))));
            *any = true;
            html += QStringLiteral("<i>%1</i><br>&nbsp;&nbsp;%2<br>")
                        .arg(tr("%1, %2").arg(QString::fromStdString(region).toHtmlEscaped(),
                                              phaseName(phase, phases, faults).toHtmlEscaped()),
                             lines.join(QStringLiteral("<br>&nbsp;&nbsp;")));
        }
    }
    // Per replica, over the whole run: with one source region, that link's deliveries.
    for (const json& r : report.value("replicationThrottling", json::array())) {
        if (r.value("throttleEvents", qint64(0)) <= 0) continue;
        *any = true;
        const json sources = r.value("sources", json::array());
        const QString into =
            r.contains("link") && sources.size() == 1
                ? tr("%1 to %2").arg(text(sources[0]), text(r.value("region", json())))
                : tr("into %1").arg(text(r.value("region", json())));
        html += tr("Replication %1, table %2: deliveries refused %3, at most %4 a second, "
                   "from %5 to %6")
                    .arg(into, text(r.value("table", json())),
                         number(r.value("throttleEvents", json())),
                         number(r.value("peakPerSecond", json())),
                         seconds(r.value("firstSecond", json())),
                         seconds(r.value("lastSecond", json()))) +
                QStringLiteral("<br>");
    }
    if (!*any) html += tr("No request was throttled.");
    return html + QStringLiteral("</p>");
}
