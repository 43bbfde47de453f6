#include "global/propagation_probe.h"

#include <cmath>

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QListView>
#include <QStringListModel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

#include "common/bridge_owned.h"
#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
constexpr int kTickMs = 100;  // wall time between checks; polls follow engine time

std::string typeOf(const Json& description, const std::string& name) {
    for (const Json& d : description.value("AttributeDefinitions", Json::array()))
        if (d.value("AttributeName", "") == name) return d.value("AttributeType", "S");
    return "S";
}

Json value(const std::string& type, const QString& text, qint64 number) {
    if (type == "N") return {{"N", std::to_string(number)}};
    if (type == "B") return {{"B", text.toUtf8().toBase64().toStdString()}};
    return {{"S", text.toStdString()}};
}
}  // namespace

PropagationProbe::PropagationProbe(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_source(new QComboBox(this)),
      m_destination(new QComboBox(this)),
      m_send(new QPushButton(tr("Send probe"), this)),
      m_note(new QLabel(this)),
      m_result(new QLabel(this)),
      m_history(bridgeOwned<QStringListModel>(bridge, QStringLiteral("probeHistory"),
                                              [&bridge] { return new QStringListModel(&bridge); })),
      m_historyView(new QListView(this)),
      m_tick(new QTimer(this)) {
    setObjectName(QStringLiteral("propagationProbe"));
    m_source->setObjectName(QStringLiteral("probeSource"));
    m_destination->setObjectName(QStringLiteral("probeDestination"));
    m_send->setObjectName(QStringLiteral("sendProbe"));
    m_send->setToolTip(
        tr("Writes an item in the source region and times its arrival in the destination"));
    m_note->setObjectName(QStringLiteral("probeNote"));
    m_note->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("probeResult"));
    m_result->setWordWrap(true);
    m_historyView->setObjectName(QStringLiteral("probeHistory"));
    m_historyView->setModel(m_history);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* form = new QFormLayout;
    form->addRow(tr("Write in:"), m_source);
    form->addRow(tr("Watch in:"), m_destination);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_send);
    layout->addWidget(m_note);
    layout->addWidget(m_result);
    layout->addWidget(m_historyView, 1);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &PropagationProbe::tick);
    connect(m_send, &QPushButton::clicked, this, &PropagationProbe::send);
    connect(&m_bridge, &EngineBridge::replicationDelivered, this, &PropagationProbe::onDelivered);
    setGroup(Json(), {});
}

void PropagationProbe::setGroup(const Json& description, const QStringList& regions,
                                const QMap<QString, QString>& unreachable) {
    const QString table = description.is_object()
                              ? QString::fromStdString(description.value("TableName", ""))
                              : QString();
    // An empty group is what the tab shows while it reloads (another region, a refresh):
    // the probe names its own regions, so it keeps running until its outcome.
    if (m_running && !table.isEmpty() && table != m_runTable) cancel();
    m_description = description;
    m_table = table;
    const QStringList listed = regions + unreachable.keys();
    for (QComboBox* box : {m_source, m_destination}) {
        QStringList shown;
        for (int i = 0; i < box->count(); ++i) shown << box->itemData(i).toString();
        if (shown == listed) continue;
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        for (const QString& r : regions) box->addItem(EngineBridge::regionLabel(r), r);
        // Listed, so that the group reads whole, but not offered: the reason on hover.
        auto* items = qobject_cast<QStandardItemModel*>(box->model());
        for (auto it = unreachable.begin(); it != unreachable.end(); ++it) {
            box->addItem(EngineBridge::regionLabel(it.key()), it.key());
            box->setItemData(box->count() - 1, *it, Qt::ToolTipRole);
            if (items) items->item(box->count() - 1)->setEnabled(false);
        }
        const int keep = box->findData(current);
        box->setCurrentIndex(keep >= 0 ? keep
                                       : (box == m_destination && regions.size() > 1 ? 1 : 0));
    }
    // A table that became global while shown: the destination was its only region, the
    // source; a probe to itself says nothing, so watch the first other region.
    if (!m_running && regions.size() > 1 &&
        m_destination->currentData() == m_source->currentData()) {
        for (const QString& r : regions)
            if (r != m_source->currentData().toString()) {
                const QSignalBlocker block(m_destination);
                m_destination->setCurrentIndex(m_destination->findData(r));
                break;
            }
    }
    m_send->setEnabled(!m_running && regions.size() > 1);
    QString note =
        tr("Each probe writes an item whose key starts with tablespan-probe- in the "
           "source region, and deletes it again once it has arrived or after %n "
           "second(s).",
           nullptr, static_cast<int>(kTimeoutMs / 1000));
    if (EngineBridge::isRemoteRegion(regions.value(0)))
        note += QLatin1Char(' ') +
                tr("Between remote regions the time is wall-clock time from the write's answer "
                   "to the first read that finds the item (one every %1 s), round trips "
                   "included.")
                    .arg(QLocale().toString(kRemotePollEveryMs / 1000.0));
    m_note->setText(note);
    const QString addReplica = tr("Add a replica to probe how fast writes propagate.");
    if (m_running) return;
    if (regions.size() < 2 && m_result->text().isEmpty())
        m_result->setText(addReplica);
    else if (regions.size() >= 2 && m_result->text() == addReplica)
        m_result->clear();
}

void PropagationProbe::setSource(const QString& region) {
    m_source->setCurrentIndex(m_source->findData(region));
}

void PropagationProbe::setDestination(const QString& region) {
    m_destination->setCurrentIndex(m_destination->findData(region));
}

QString PropagationProbe::resultText() const {
    return m_result->text();
}

QString PropagationProbe::noteText() const {
    return m_note->text();
}

tablespan::Millis PropagationProbe::now() const {
    return m_remote ? QDateTime::currentMSecsSinceEpoch() : m_bridge.engine().clock().now();
}

bool PropagationProbe::isRunning() const {
    return m_running;
}

Json PropagationProbe::probeKey(qint64 n) const {
    Json key = Json::object();
    const QString text = QStringLiteral("tablespan-probe-%1").arg(n);
    for (const Json& k : m_description.value("KeySchema", Json::array())) {
        const std::string name = k.value("AttributeName", "");
        const std::string type = typeOf(m_description, name);
        if (k.value("KeyType", "") == "HASH")
            key[name] = value(type, text, n);
        else
            key[name] = value(type, QStringLiteral("probe"), 0);
    }
    return key;
}

void PropagationProbe::send() {
    if (m_running) return;
    m_from = m_source->currentData().toString();
    m_to = m_destination->currentData().toString();
    if (m_table.isEmpty() || m_from.isEmpty() || m_to.isEmpty()) return;
    if (m_from == m_to) {
        m_result->setText(tr("Choose two different regions."));
        return;
    }
    m_runTable = m_table;
    m_remote = EngineBridge::isRemoteRegion(m_from);
    // The time plus a counter: distinct across runs and within one instant.
    const qint64 n = now() * 100 + (++m_count % 100);
    m_key = probeKey(n);
    Json item = m_key;
    item["probeSentAt"] = {{"N", std::to_string(now())}};
    m_running = true;
    m_waiting = false;
    m_send->setEnabled(false);
    m_result->setText(tr("Writing the probe item in %1…").arg(m_from));
    const int generation = ++m_generation;
    m_bridge.call(this, m_from, QStringLiteral("PutItem"),
                  {{"TableName", m_runTable.toStdString()}, {"Item", item}},
                  [this, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          m_running = false;
                          const QString text = tr("%1 → %2: the probe could not be written: %3")
                                                   .arg(m_from, m_to, EngineBridge::errorText(r));
                          addToHistory(text);
                          m_result->setText(text);
                          m_send->setEnabled(m_source->count() > 1);
                          return;
                      }
                      m_sentAt = now();
                      m_waiting = true;
                      m_result->setText(tr("Waiting for the probe in %1…").arg(m_to));
                      m_tick->start();
                      poll();
                  });
}

void PropagationProbe::tick() {
    if (!m_waiting) return;
    const tablespan::Millis time = now();
    if (time - m_sentAt >= kTimeoutMs) {
        finish(tr("%1 → %2: not arrived within %n s", nullptr, static_cast<int>(kTimeoutMs / 1000))
                   .arg(m_from, m_to));
        return;
    }
    if (!m_polling && time - m_lastPoll >= (m_remote ? kRemotePollEveryMs : kPollEveryMs)) poll();
}

void PropagationProbe::poll() {
    const int generation = m_generation;
    m_polling = true;
    m_lastPoll = now();
    m_bridge.call(
        this, m_to, QStringLiteral("GetItem"),
        {{"TableName", m_runTable.toStdString()}, {"Key", m_key}, {"ConsistentRead", true}},
        [this, generation](const tablespan::Result& r) {
            if (generation != m_generation || !m_waiting) return;
            m_polling = false;
            if (r.ok() && r.body.contains("Item")) {
                arrive(now() - m_sentAt);
                return;
            }
            if (!r.ok())
                m_result->setText(tr("Waiting for the probe in %1 (%2)…")
                                      .arg(m_to, QString::fromStdString(r.error->type)));
        });
}

void PropagationProbe::onDelivered(const QList<ReplicationRecord>& records) {
    if (!m_waiting) return;
    for (const ReplicationRecord& record : records) {
        if (record.table != m_runTable || record.source != m_from || record.destination != m_to)
            continue;
        for (const DeliveredItemRecord& d : record.delivered)
            if (!d.deleted && d.key == m_key) {
                arrive(std::llround(d.latencyMs));
                return;
            }
    }
}

void PropagationProbe::arrive(qint64 ms) {
    const QString from = m_from, to = m_to;
    finish(tr("%1 → %2: arrived after %3 ms").arg(from, to, QLocale().toString(ms)));
    emit arrived(from, to, ms);
}

void PropagationProbe::finish(const QString& outcome) {
    ++m_generation;
    m_running = m_waiting = m_polling = false;
    m_tick->stop();
    addToHistory(outcome);
    m_result->setText(outcome);
    m_send->setEnabled(m_source->count() > 1);
    removeProbeItem();
}

void PropagationProbe::addToHistory(const QString& outcome) {
    m_history->insertRows(0, 1);
    m_history->setData(m_history->index(0), outcome);
}

void PropagationProbe::removeProbeItem() {
    if (m_key.empty()) return;
    const QString from = m_from;
    m_bridge.call(this, from, QStringLiteral("DeleteItem"),
                  {{"TableName", m_runTable.toStdString()}, {"Key", m_key}},
                  [this, from](const tablespan::Result& r) {
                      if (r.ok() || m_running) return;
                      m_result->setText(m_result->text() + QLatin1Char('\n') +
                                        tr("The probe item could not be removed in %1: %2")
                                            .arg(from, EngineBridge::errorText(r)));
                  });
    m_key = Json();
}

void PropagationProbe::cancel() {
    if (!m_running) return;
    if (!m_waiting) {  // still writing: the answer is dropped, the item removed anyway
        ++m_generation;
        m_running = false;
        const QString text = tr("%1 → %2: stopped before the probe was written").arg(m_from, m_to);
        addToHistory(text);
        m_result->setText(text);
        m_send->setEnabled(m_source->count() > 1);
        removeProbeItem();
        return;
    }
    const tablespan::Millis elapsed = now() - m_sentAt;
    finish(tr("%1 → %2: stopped after %3 ms, not arrived")
               .arg(m_from, m_to, QLocale().toString(elapsed)));
}
