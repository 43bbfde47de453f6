#include "recovery/restore_progress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include "common/engine_bridge.h"
#include "common/status_delegate.h"

RestoreProgress::RestoreProgress(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_bar(new QProgressBar(this)), m_label(new QLabel(this)) {
    setObjectName(QStringLiteral("restoreProgress"));
    m_bar->setRange(0, 0);  // busy: the engine reports no percentage for a restore
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(140);
    m_label->setObjectName(QStringLiteral("restoreStatus"));
    m_label->setWordWrap(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_label, 1);
    hide();

    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString& status) {
                if (region != m_region || !m_running.contains(table)) return;
                if (status.isEmpty()) {
                    m_running.remove(table);
                    m_done = tr("The restore of %1 did not finish: the table is gone.").arg(table);
                    showState();
                } else {
                    describe(table);
                }
            });
}

QString RestoreProgress::text() const {
    return isHidden() ? QString() : m_label->text();
}

void RestoreProgress::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    m_running.clear();
    m_done.clear();
    showState();
}

void RestoreProgress::track(const QString& table) {
    m_running.insert(table, QString());
    showState();
    describe(table);
}

void RestoreProgress::describe(const QString& table) {
    const QString region = m_region;
    m_bridge.call(
        this, region, QStringLiteral("DescribeTable"), {{"TableName", table.toStdString()}},
        [this, region, table](const tablespan::Result& r) {
            if (region != m_region || !m_running.contains(table)) return;
            if (!r.ok()) {
                if (r.error->type != "ResourceNotFoundException") return;
                m_running.remove(table);
                m_done = tr("The restore of %1 did not finish: the table is gone.").arg(table);
                showState();
                return;
            }
            const auto& t = r.body["Table"];
            const auto summary = t.value("RestoreSummary", tablespan::Json::object());
            const std::string source =
                summary.value("SourceBackupArn", summary.value("SourceTableArn", std::string()));
            if (!source.empty()) m_running.insert(table, QString::fromStdString(source));
            const QString status = QString::fromStdString(t.value("TableStatus", ""));
            if (status == QLatin1String("ACTIVE") && !summary.value("RestoreInProgress", false)) {
                m_running.remove(table);
                m_done = tr("Restore finished: %1 is active.").arg(table);
                showState();
                emit finished(table);
                return;
            }
            showState();
        });
}

void RestoreProgress::showState() {
    QStringList lines;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        const QString source = it.value().section(QLatin1Char('/'), 1, 1);
        lines << (source.isEmpty()
                      ? tr("Restoring %1… (%2)")
                            .arg(it.key(), StatusDelegate::statusText(QStringLiteral("CREATING")))
                      : tr("Restoring %1 from %2… (%3)")
                            .arg(it.key(), source,
                                 StatusDelegate::statusText(QStringLiteral("CREATING"))));
    }
    if (lines.isEmpty() && !m_done.isEmpty()) lines << m_done;
    m_label->setText(lines.join(QLatin1Char('\n')));
    m_bar->setVisible(!m_running.isEmpty());
    setVisible(!lines.isEmpty());
}
