#pragma once

// A scenario's report (the JSON of run_scenario): a table per region and phase of the
// writes and reads served, refused, throttled and conflicted with their p50/p99
// latency (a throttled count's tooltip gives its causes), and beside it the findings: why
// requests were throttled (the service's throttling reasons per region and phase, and the
// replicated deliveries each replica refused), the RPO of each lost region (acknowledged
// writes lost and the seconds they span), the time to converge after each heal, and the
// last-writer-wins conflicts.

#include <QWidget>

#include <nlohmann/json.hpp>

class QLabel;
class QTableWidget;

class ScenarioReportView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioReportView)

public:
    enum Column {
        Region,
        Phase,
        Requests,
        Served,
        Refused,
        Throttled,
        Conflicted,
        P50,
        P99,
        NB_COLUMNS
    };

    explicit ScenarioReportView(QWidget* parent = nullptr);

    void setReport(const nlohmann::json& report);
    void clear();

    QTableWidget* table() const { return m_table; }
    QLabel* findings() const { return m_findings; }

private:
    void setHeaders();
    QString findingsText(const nlohmann::json& report) const;
    // Why requests were throttled; `any` says whether any was (or a delivery refused).
    QString throttlingText(const nlohmann::json& report, bool* any) const;

    QTableWidget* m_table;
    QLabel* m_findings;
};
