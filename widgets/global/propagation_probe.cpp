#include "global/propagation_probe.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
constexpr int kPollMs = 20;                       // wall time between GetItem polls
constexpr tablespan::Millis kGiveUpMs = 600'000;  // engine time

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
      m_result(new QLabel(this)),
      m_history(new QListWidget(this)),
      m_poll(new QTimer(this)) {
    setObjectName(QStringLiteral("propagationProbe"));
    m_source->setObjectName(QStringLiteral("probeSource"));
    m_destination->setObjectName(QStringLiteral("probeDestination"));
    m_send->setObjectName(QStringLiteral("sendProbe"));
    m_send->setToolTip(
        tr("Writes an item in the source region and times its arrival in the destination"));
    m_result->setObjectName(QStringLiteral("probeResult"));
    m_result->setWordWrap(true);
    m_history->setObjectName(QStringLiteral("probeHistory"));
    auto* form = new QFormLayout;
    form->addRow(tr("Write in:"), m_source);
    form->addRow(tr("Watch in:"), m_destination);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_send);
    layout->addWidget(m_result);
    layout->addWidget(m_history, 1);
    m_poll->setInterval(kPollMs);
    m_poll->setSingleShot(true);
    connect(m_poll, &QTimer::timeout, this, &PropagationProbe::poll);
    connect(m_send, &QPushButton::clicked, this, &PropagationProbe::send);
    setGroup(Json(), {});
}

void PropagationProbe::setGroup(const Json& description, const QStringList& regions) {
    const QString table = description.is_object()
                              ? QString::fromStdString(description.value("TableName", ""))
                              : QString();
    if (table != m_table) cancel();
    m_description = description;
    m_table = table;
    for (QComboBox* box : {m_source, m_destination}) {
        QStringList shown;
        for (int i = 0; i < box->count(); ++i) shown << box->itemData(i).toString();
        if (shown == regions) continue;
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        for (const QString& r : regions)
            box->addItem(tr("%1 %2").arg(EngineBridge::regionName(r), r), r);
        const int keep = box->findData(current);
        box->setCurrentIndex(keep >= 0 ? keep
                                       : (box == m_destination && regions.size() > 1 ? 1 : 0));
    }
    m_send->setEnabled(!m_polling && regions.size() > 1);
    if (regions.size() < 2 && !m_polling)
        m_result->setText(tr("Add a replica to probe how fast writes propagate."));
    else if (!m_polling &&
             m_result->text() == tr("Add a replica to probe how fast writes propagate."))
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

bool PropagationProbe::isRunning() const {
    return m_polling;
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
    m_from = m_source->currentData().toString();
    m_to = m_destination->currentData().toString();
    if (m_table.isEmpty() || m_from.isEmpty() || m_to.isEmpty()) return;
    if (m_from == m_to) {
        m_result->setText(tr("Choose two different regions."));
        return;
    }
    // Engine time plus a counter: distinct across runs and within one instant.
    const qint64 n = m_bridge.engine().clock().now() * 100 + (++m_count % 100);
    m_key = probeKey(n);
    Json item = m_key;
    item["probeSentAt"] = {{"N", std::to_string(m_bridge.engine().clock().now())}};
    m_polling = true;
    m_send->setEnabled(false);
    m_result->setText(tr("Writing the probe item in %1…").arg(m_from));
    const int generation = ++m_generation;
    m_bridge.call(this, m_from, QStringLiteral("PutItem"),
                  {{"TableName", m_table.toStdString()}, {"Item", item}},
                  [this, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          finish(tr("The probe could not be written: %1: %2")
                                     .arg(QString::fromStdString(r.error->type),
                                          QString::fromStdString(r.error->message)));
                          return;
                      }
                      m_sentAt = m_bridge.engine().clock().now();
                      m_result->setText(tr("Waiting for the probe in %1…").arg(m_to));
                      poll();
                  });
}

void PropagationProbe::poll() {
    const int generation = m_generation;
    m_bridge.call(
        this, m_to, QStringLiteral("GetItem"),
        {{"TableName", m_table.toStdString()}, {"Key", m_key}, {"ConsistentRead", true}},
        [this, generation](const tablespan::Result& r) {
            if (generation != m_generation || !m_polling) return;
            const tablespan::Millis elapsed = m_bridge.engine().clock().now() - m_sentAt;
            if (r.ok() && r.body.contains("Item")) {
                const QString text = tr("%1 → %2: arrived after %3 ms")
                                         .arg(m_from, m_to, QLocale().toString(elapsed));
                m_history->insertItem(0, text);
                finish(text);
                emit arrived(m_from, m_to, elapsed);
                return;
            }
            if (elapsed > kGiveUpMs) {
                const QString text =
                    tr("%1 → %2: not arrived after %3 s").arg(m_from, m_to).arg(elapsed / 1000);
                m_history->insertItem(0, text);
                finish(text);
                return;
            }
            if (!r.ok())
                m_result->setText(tr("Waiting for the probe in %1 (%2)…")
                                      .arg(m_to, QString::fromStdString(r.error->type)));
            m_poll->start();
        });
}

void PropagationProbe::finish(const QString& text) {
    m_polling = false;
    m_poll->stop();
    m_result->setText(text);
    m_send->setEnabled(m_source->count() > 1);
}

void PropagationProbe::cancel() {
    ++m_generation;
    if (m_polling) finish(tr("Probe cancelled."));
}
