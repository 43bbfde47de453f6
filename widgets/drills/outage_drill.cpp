#include "drills/outage_drill.h"

#include <QLocale>

#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
constexpr int kTickMs = 5;                  // wall time between looks at the engine clock
constexpr qint64 kPollMs = 1'000;           // engine time between DescribeTable polls
constexpr qint64 kDrainTimeoutMs = 60'000;  // engine time to wait for the last answers
constexpr qint64 kSetupTimeoutMs = 15 * 60'000;

std::string s(const QString& q) {
    return q.toStdString();
}

bool allActive(const Json& description, const QStringList& replicas) {
    if (description.value("TableStatus", "") != "ACTIVE") return false;
    int active = 0;
    for (const Json& r : description.value("Replicas", Json::array())) {
        if (r.value("ReplicaStatus", "") != "ACTIVE") return false;
        if (replicas.contains(QString::fromStdString(r.value("RegionName", "")))) ++active;
    }
    return active == replicas.size();
}
}  // namespace

OutageDrill::OutageDrill(EngineBridge& bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge) {
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &OutageDrill::tick);
}

OutageDrill::~OutageDrill() {
    applyFault(false);
}

qint64 OutageDrill::now() const {
    return m_bridge.engine().clock().now();
}

void OutageDrill::setPhase(Phase phase) {
    if (m_phase == phase) return;
    m_phase = phase;
    emit phaseChanged();
}

void OutageDrill::fail(const QString& error) {
    applyFault(false);
    m_timer.stop();
    m_error = error;
    ++m_generation;  // answers to control calls under way are dropped
    setPhase(Phase::Failed);
    emit finished();
}

void OutageDrill::cancel() {
    if (running()) fail(tr("Cancelled."));
}

void OutageDrill::start(const DrillPlan& plan) {
    cancel();
    m_plan = plan;
    m_error.clear();
    m_writes.clear();
    {
        std::lock_guard lock(m_inbox->mutex);
        m_inbox->answers.clear();
    }
    m_inbox = std::make_shared<Inbox>();
    m_timeline = {};
    m_nextSlot = QList<qint64>(plan.regions.size(), 0);
    m_mrecReplicas = 0;
    m_strongRequested = false;
    m_loadStarted = false;
    m_scans = 0;
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        m_ready[t] = false;
        m_describing[t] = false;
        m_elsewhere[t].clear();
    }
    const QString stamp = QString::number(now() / 1000 % 1'000'000);
    m_tables[DrillWrite::Eventual] = QStringLiteral("outage-mrec-") + stamp;
    m_tables[DrillWrite::Strong] = QStringLiteral("outage-mrsc-") + stamp;
    ++m_generation;
    setPhase(Phase::Creating);
    m_timeline.loadStartMs = now();  // until the load starts: the setup's start
    for (const QString& name : m_tables) {
        const Json create = {
            {"TableName", s(name)},
            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"}};
        control(plan.regions.first(), QStringLiteral("CreateTable"), create, [](const Json&) {});
    }
    m_nextPollMs = now() + kPollMs;
    m_timer.start();
}

void OutageDrill::control(const QString& region, const QString& operation, Json request,
                          std::function<void(const Json&)> then) {
    m_bridge.call(this, region, operation, std::move(request),
                  [this, generation = m_generation, then](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) return fail(EngineBridge::errorText(r));
                      then(r.body);
                  });
}

void OutageDrill::poll() {
    tick();
}

void OutageDrill::tick() {
    const qint64 t = now();
    drainAnswers();
    switch (m_phase) {
        case Phase::Creating:
        case Phase::Replicating:
            if (t - m_timeline.loadStartMs > kSetupTimeoutMs)
                return fail(tr("The tables were not ACTIVE in every region after 15 minutes."));
            if (t >= m_nextPollMs) {
                m_nextPollMs = t + kPollMs;
                pollTables();
            }
            return;
        case Phase::Warmup:
            issueDueWrites(t);
            if (t >= m_timeline.outageStartMs) {
                applyFault(true);
                setPhase(Phase::Outage);
            }
            return;
        case Phase::Outage:
            issueDueWrites(t);
            if (t >= m_timeline.outageStartMs + m_plan.outageMs) readOthers();
            return;
        case Phase::Reading:
            issueDueWrites(t);
            return;
        case Phase::Recovery:
            issueDueWrites(t);
            if (t >= m_timeline.loadEndMs) setPhase(Phase::Draining);
            return;
        case Phase::Draining: {
            bool all = true;
            for (const DrillWrite& w : m_writes) all = all && w.answered();
            if (all || t >= m_timeline.loadEndMs + kDrainTimeoutMs) {
                m_timer.stop();
                setPhase(Phase::Done);
                emit finished();
            }
            return;
        }
        case Phase::Idle:
        case Phase::Done:
        case Phase::Failed:
            m_timer.stop();
            return;
    }
}

void OutageDrill::pollTables() {
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        if (m_ready[t] || m_describing[t]) continue;
        m_describing[t] = true;
        control(m_plan.regions.first(), QStringLiteral("DescribeTable"),
                {{"TableName", s(m_tables[t])}}, [this, t](const Json& body) {
                    m_describing[t] = false;
                    onDescribed(t, body["Table"]);
                });
    }
}

void OutageDrill::onDescribed(int table, const Json& description) {
    const QStringList others = m_plan.regions.mid(1);
    if (table == DrillWrite::Strong) {
        if (description.value("TableStatus", "") != "ACTIVE") return;
        if (!m_strongRequested) {
            m_strongRequested = true;
            setPhase(Phase::Replicating);
            Json creates = Json::array();
            for (const QString& r : others) creates.push_back({{"Create", {{"RegionName", s(r)}}}});
            m_describing[table] = true;  // no polls until the group is requested
            control(m_plan.regions.first(), QStringLiteral("UpdateTable"),
                    {{"TableName", s(m_tables[table])},
                     {"ReplicaUpdates", creates},
                     {"MultiRegionConsistency", "STRONG"}},
                    [this, table](const Json&) { m_describing[table] = false; });
            return;
        }
        m_ready[table] = allActive(description, others);
    } else {
        // Eventual consistency takes one replica per UpdateTable.
        const QStringList wanted = others.mid(0, m_mrecReplicas);
        if (!allActive(description, wanted)) return;
        if (m_mrecReplicas < others.size()) {
            setPhase(Phase::Replicating);
            const QString next = others[m_mrecReplicas++];
            m_describing[table] = true;
            control(m_plan.regions.first(), QStringLiteral("UpdateTable"),
                    {{"TableName", s(m_tables[table])},
                     {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", s(next)}}}}})}},
                    [this, table](const Json&) { m_describing[table] = false; });
            return;
        }
        m_ready[table] = true;
    }
    if (!m_ready[DrillWrite::Eventual] || !m_ready[DrillWrite::Strong]) return;
    m_timeline.loadStartMs = now();
    m_timeline.outageStartMs = m_timeline.loadStartMs + m_plan.warmupMs;
    m_loadStarted = true;
    setPhase(Phase::Warmup);
}

void OutageDrill::issueDueWrites(qint64 t) {
    const qint64 interval = std::max(1, 1000 / std::max(1, m_plan.writesPerSecond));
    const auto regions = m_plan.regions.size();
    bool sent = false;
    for (qsizetype i = 0; i < regions; ++i) {
        for (;;) {
            const qint64 slot = m_nextSlot[i];
            const bool hot = m_plan.hotEvery > 0 && slot % m_plan.hotEvery == 0;
            // Writes of one's own items are spread over the interval; every region writes
            // the shared item at the same moment.
            const qint64 due =
                m_timeline.loadStartMs + slot * interval + (hot ? 0 : interval * i / regions);
            if (due > t) break;
            if (m_phase == Phase::Recovery && due >= m_timeline.loadEndMs) break;
            for (int table = 0; table < DrillWrite::kTables; ++table)
                send(table, static_cast<int>(i), slot, hot);
            ++m_nextSlot[i];
            sent = true;
        }
    }
    if (sent) emit progressed();
}

void OutageDrill::send(int table, int regionIndex, qint64 slot, bool hot) {
    DrillWrite w;
    w.table = table;
    w.region = m_plan.regions[regionIndex];
    w.key = hot ? QStringLiteral("hot") : w.region + QLatin1Char('/') + QString::number(slot);
    w.hot = hot;
    w.sentMs = now();
    const qsizetype index = m_writes.size();
    m_writes << w;
    const Json item = {{"pk", {{"S", s(w.key)}}},
                       {"region", {{"S", s(w.region)}}},
                       {"slot", {{"N", std::to_string(slot)}}}};
    // Straight to the engine, so that the answer is timed on the engine thread that gives
    // it, in engine time; the GUI thread collects it at its next tick.
    const tablespan::Clock* clock = &m_bridge.engine().clock();
    m_bridge.engine().call(
        s(w.region), "PutItem", {{"TableName", s(m_tables[table])}, {"Item", item}},
        [inbox = m_inbox, clock, index](tablespan::Result r) {
            const qint64 at = clock->now();
            std::lock_guard lock(inbox->mutex);
            inbox->answers.append(
                {index, at, r.ok() ? QString() : QString::fromStdString(r.error->type)});
        });
}

void OutageDrill::drainAnswers() {
    QList<Answer> answers;
    {
        std::lock_guard lock(m_inbox->mutex);
        answers.swap(m_inbox->answers);
    }
    for (const Answer& a : answers) {
        if (a.index >= m_writes.size()) continue;
        m_writes[a.index].answeredMs = a.answeredMs;
        m_writes[a.index].errorType = a.errorType;
    }
    if (!answers.isEmpty()) emit progressed();
}

void OutageDrill::applyFault(bool on) {
    if (on == m_faultApplied || m_plan.faultRegion.isEmpty()) return;
    tablespan::Network& network = m_bridge.engine().network();
    const std::string fault = s(m_plan.faultRegion);
    QStringList others = m_plan.regions;
    others.removeAll(m_plan.faultRegion);
    if (on) {
        // What the user had set before is what the drill restores.
        m_wasOnline = network.region_online(fault);
        m_wasCut.clear();
        for (const QString& other : others) m_wasCut << network.link(fault, s(other)).cut;
        if (m_plan.offline)
            network.set_region_online(fault, false);
        else
            for (const QString& other : others) network.set_link_cut(fault, s(other), true);
        m_timeline.outageStartMs = now();
    } else {
        if (m_plan.offline)
            network.set_region_online(fault, m_wasOnline);
        else
            for (qsizetype i = 0; i < others.size(); ++i)
                network.set_link_cut(fault, s(others[i]), m_wasCut.value(i));
        m_timeline.healedMs = now();
    }
    m_faultApplied = on;
}

void OutageDrill::readOthers() {
    setPhase(Phase::Reading);
    m_timeline.readMs = now();
    for (const QString& region : m_plan.regions) {
        if (region == m_plan.faultRegion) continue;
        for (int table = 0; table < DrillWrite::kTables; ++table) scan(table, region, Json());
    }
}

void OutageDrill::scan(int table, const QString& region, Json startKey) {
    ++m_scans;
    Json request = {{"TableName", s(m_tables[table])},
                    {"ConsistentRead", false},
                    {"ProjectionExpression", "pk"}};
    if (!startKey.is_null()) request["ExclusiveStartKey"] = startKey;
    control(region, QStringLiteral("Scan"), request, [this, table, region](const Json& body) {
        --m_scans;
        for (const Json& item : body.value("Items", Json::array()))
            m_elsewhere[table].insert(QString::fromStdString(item["pk"].value("S", "")));
        if (body.contains("LastEvaluatedKey")) return scan(table, region, body["LastEvaluatedKey"]);
        if (m_scans > 0) return;
        applyFault(false);
        m_timeline.loadEndMs = m_timeline.healedMs + m_plan.recoveryMs;
        setPhase(Phase::Recovery);
    });
}

DrillOutcome OutageDrill::outcome(int table) const {
    return DrillReport::summarize(m_writes, table, m_plan.faultRegion, m_elsewhere[table],
                                  m_timeline, m_plan.offline);
}

QString OutageDrill::phaseText() const {
    const QLocale locale;
    const auto seconds = [&locale](qint64 ms) {
        return locale.toString(static_cast<double>(std::max<qint64>(0, ms)) / 1000.0, 'f', 0);
    };
    const qint64 t = now();
    switch (m_phase) {
        case Phase::Idle:
            return {};
        case Phase::Creating:
            return tr("Creating %1 and %2 in %3…")
                .arg(m_tables[0], m_tables[1], m_plan.regions.value(0));
        case Phase::Replicating:
            return tr("Adding the replicas in %1…")
                .arg(m_plan.regions.mid(1).join(QStringLiteral(", ")));
        case Phase::Warmup:
            return tr("Writing in every region; %1 fails in %2 s (engine time).")
                .arg(m_plan.faultRegion, seconds(m_timeline.outageStartMs - t));
        case Phase::Outage:
            return tr("%1 is down; writing on. The outage ends in %2 s.")
                .arg(m_plan.faultRegion, seconds(m_timeline.outageStartMs + m_plan.outageMs - t));
        case Phase::Reading:
            return tr("Reading the other regions before %1 comes back…").arg(m_plan.faultRegion);
        case Phase::Recovery:
            return tr("%1 is back; writing for %2 s more.")
                .arg(m_plan.faultRegion, seconds(m_timeline.loadEndMs - t));
        case Phase::Draining:
            return tr("Waiting for the last answers…");
        case Phase::Done:
            return tr("Done. The tables %1 and %2 are left for you to look at.")
                .arg(m_tables[0], m_tables[1]);
        case Phase::Failed:
            return tr("Stopped: %1").arg(m_error);
    }
    return {};
}
