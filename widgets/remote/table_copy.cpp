#include "remote/table_copy.h"

#include <algorithm>
#include <array>
#include <climits>
#include <set>
#include <string>
#include <string_view>

#include <QRandomGenerator>
#include <QTimer>

#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
// Refusals that mean "slower", not "no": the batch is sent again after a pause.
bool throttled(const tablespan::Result& r) {
    constexpr std::array<std::string_view, 5> kThrottling = {
        "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling",
        "RequestLimitExceeded", "TooManyRequestsException"};
    return std::find(kThrottling.begin(), kThrottling.end(), r.error->type) != kThrottling.end();
}

// Exponential backoff with jitter, as the AWS SDKs pause before sending unprocessed items
// again: half the ceiling and up to as much again at random.
int backoffMs(int attempt) {
    const int ceiling =
        std::min(TableCopy::kBackoffMaxMs, TableCopy::kBackoffBaseMs << std::clamp(attempt, 0, 10));
    return ceiling / 2 + static_cast<int>(QRandomGenerator::global()->bounded(
                             static_cast<quint32>(ceiling / 2 + 1)));
}

int plural(qint64 n) {
    return static_cast<int>(std::min<qint64>(n, INT_MAX));
}
}  // namespace

TableCopy::TableCopy(EngineBridge& bridge, const QString& sourceRegion, const QString& sourceTable,
                     const QString& destinationRegion, const QString& destinationTable,
                     QObject* parent)
    : QObject(parent),
      m_bridge(bridge),
      m_sourceRegion(sourceRegion),
      m_sourceTable(sourceTable),
      m_destinationRegion(destinationRegion),
      m_destinationTable(destinationTable),
      m_poll(new QTimer(this)),
      m_scanRetry(new QTimer(this)) {
    m_poll->setSingleShot(true);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &TableCopy::pollDestination);
    m_scanRetry->setSingleShot(true);
    connect(m_scanRetry, &QTimer::timeout, this, &TableCopy::scanNext);
}

Json TableCopy::createRequest(const Json& source, const QString& table) {
    std::set<std::string> keyAttributes;
    const auto noteKeys = [&keyAttributes](const Json& keySchema) {
        for (const Json& key : keySchema)
            keyAttributes.insert(key.value("AttributeName", std::string()));
    };
    const Json keySchema = source.value("KeySchema", Json::array());
    noteKeys(keySchema);
    Json request = {{"TableName", table.toStdString()},
                    {"KeySchema", keySchema},
                    {"BillingMode", "PAY_PER_REQUEST"}};
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
        Json indexes = Json::array();
        for (const Json& index : source.value(kind, Json::array())) {
            if (index.value("IndexStatus", std::string()) == "DELETING") continue;
            Json projection = {
                {"ProjectionType",
                 index.value("Projection", Json::object()).value("ProjectionType", "ALL")}};
            if (const Json p = index.value("Projection", Json::object());
                p.contains("NonKeyAttributes"))
                projection["NonKeyAttributes"] = p["NonKeyAttributes"];
            indexes.push_back({{"IndexName", index.value("IndexName", std::string())},
                               {"KeySchema", index.value("KeySchema", Json::array())},
                               {"Projection", projection}});
            noteKeys(index.value("KeySchema", Json::array()));
        }
        if (!indexes.empty()) request[kind] = indexes;
    }
    // The service refuses definitions of attributes no key uses.
    Json definitions = Json::array();
    for (const Json& definition : source.value("AttributeDefinitions", Json::array()))
        if (keyAttributes.contains(definition.value("AttributeName", std::string())))
            definitions.push_back(definition);
    request["AttributeDefinitions"] = definitions;
    return request;
}

QString TableCopy::source() const {
    return tr("%1 in %2").arg(m_sourceTable, EngineBridge::regionName(m_sourceRegion));
}

QString TableCopy::destination() const {
    return tr("%1 in %2").arg(m_destinationTable, EngineBridge::regionName(m_destinationRegion));
}

void TableCopy::setStage(Stage stage) {
    if (stage == m_stage) return;
    m_stage = stage;
    emit stageChanged(stage);
}

void TableCopy::start() {
    if (m_stage != Stage::Idle) return;
    setStage(Stage::Describing);
    describeSource();
}

void TableCopy::cancel() {
    if (!isRunning() || m_cancelled) return;
    m_cancelled = true;
    if (m_stage == Stage::WaitingForActive && m_poll->isActive()) {
        m_poll->stop();
        finish(false,
               tr("Cancelled: %1 was created, but no items were copied.").arg(destination()));
    } else if (m_stage == Stage::Copying) {
        // Batches waiting to be sent again are not sent; those in flight are awaited.
        dropRetries();
        settle();
    }
    // Otherwise the answer in flight (DescribeTable, CreateTable) ends the job.
}

void TableCopy::describeSource() {
    m_bridge.call(this, m_sourceRegion, QStringLiteral("DescribeTable"),
                  {{"TableName", m_sourceTable.toStdString()}}, [this](const tablespan::Result& r) {
                      if (m_cancelled) return finish(false, tr("Cancelled: nothing was copied."));
                      if (!r.ok()) return finish(false, EngineBridge::errorText(r));
                      const Json& table = r.body["Table"];
                      const qint64 count = table.value("ItemCount", std::int64_t{0});
                      m_expected =
                          m_limit > 0 ? (count > 0 ? std::min(m_limit, count) : m_limit) : count;
                      m_expectedKnown = m_expected > 0;
                      createDestination(table);
                  });
}

void TableCopy::createDestination(const Json& source) {
    setStage(Stage::Creating);
    m_bridge.call(
        this, m_destinationRegion, QStringLiteral("CreateTable"),
        createRequest(source, m_destinationTable), [this](const tablespan::Result& r) {
            // The destination's own refusal (ResourceInUseException when the
            // table exists) is the answer.
            if (!r.ok()) return finish(false, EngineBridge::errorText(r));
            m_created = true;
            if (m_cancelled)
                return finish(
                    false,
                    tr("Cancelled: %1 was created, but no items were copied.").arg(destination()));
            const std::string status = r.body.value("TableDescription", Json::object())
                                           .value("TableStatus", std::string());
            if (status == "ACTIVE") {  // DynamoDB Local creates tables at once
                setStage(Stage::Copying);
                reportProgress();
                pump();
                return;
            }
            setStage(Stage::WaitingForActive);
            m_poll->start();
        });
}

void TableCopy::pollDestination() {
    m_bridge.call(
        this, m_destinationRegion, QStringLiteral("DescribeTable"),
        {{"TableName", m_destinationTable.toStdString()}}, [this](const tablespan::Result& r) {
            const QString created =
                tr("%1 was created, but no items were copied.").arg(destination());
            if (m_cancelled) return finish(false, tr("Cancelled: %1").arg(created));
            if (!r.ok()) {
                // The service's DescribeTable may not see a table created a moment ago.
                if (r.error->type == "ResourceNotFoundException" && ++m_notFoundPolls < 10)
                    return m_poll->start();
                return finish(false, tr("%1 %2").arg(EngineBridge::errorText(r), created));
            }
            if (r.body["Table"].value("TableStatus", std::string()) != "ACTIVE")
                return m_poll->start();
            setStage(Stage::Copying);
            reportProgress();
            pump();
        });
}

void TableCopy::pump() {
    if (m_stage != Stage::Copying) return;
    if (!m_cancelled && m_error.isEmpty()) {
        // Whole batches while the scan goes on; what is left once it is done.
        while (m_inFlight + m_backoffs.size() < kMaxInFlight &&
               (m_queue.size() >= kBatchSize || (m_scanDone && !m_queue.isEmpty()))) {
            Json batch = Json::array();
            while (!m_queue.isEmpty() && batch.size() < kBatchSize)
                batch.push_back(m_queue.takeFirst());
            write(std::move(batch), 0, 0);
        }
        // One page read ahead of the writes.
        if (!m_scanDone && !m_scanning && m_queue.size() < kPageSize) scanNext();
    }
    settle();
}

void TableCopy::scanNext() {
    m_scanning = true;
    const qint64 wanted =
        m_limit > 0 ? std::min<qint64>(kPageSize, m_limit - m_scanned) : qint64{kPageSize};
    Json request = {{"TableName", m_sourceTable.toStdString()}, {"Limit", wanted}};
    if (!m_startKey.is_null()) request["ExclusiveStartKey"] = m_startKey;
    m_bridge.call(this, m_sourceRegion, QStringLiteral("Scan"), std::move(request),
                  [this](const tablespan::Result& r) {
                      m_scanning = false;
                      if (m_stage != Stage::Copying) return;
                      if (!r.ok()) {
                          // A throttled source is read again after a pause.
                          if (!throttled(r) || ++m_scanAttempts > kMaxFruitlessAttempts ||
                              m_cancelled || !m_error.isEmpty())
                              return fail(EngineBridge::errorText(r));
                          m_scanning = true;
                          m_scanRetry->start(backoffMs(m_scanAttempts));
                          return;
                      }
                      m_scanAttempts = 0;
                      for (const Json& item : r.body.value("Items", Json::array())) {
                          if (m_limit > 0 && m_scanned >= m_limit) break;
                          m_queue << Json{{"PutRequest", {{"Item", item}}}};
                          ++m_scanned;
                      }
                      m_startKey = r.body.value("LastEvaluatedKey", Json());
                      if (m_startKey.is_null() || (m_limit > 0 && m_scanned >= m_limit)) {
                          m_scanDone = true;
                          m_expected = m_scanned;
                          m_expectedKnown = true;
                          reportProgress();
                      } else if (m_expectedKnown && m_scanned > m_expected) {
                          // ItemCount is hours old on the service.
                          m_expected = m_scanned;
                          reportProgress();
                      }
                      pump();
                  });
}

void TableCopy::write(Json requests, int attempt, int fruitless) {
    ++m_inFlight;
    const Json body = {{"RequestItems", {{m_destinationTable.toStdString(), requests}}}};
    m_bridge.call(
        this, m_destinationRegion, QStringLiteral("BatchWriteItem"), body,
        [this, requests, attempt, fruitless](const tablespan::Result& r) {
            --m_inFlight;
            if (m_stage != Stage::Copying) return;
            if (!r.ok()) {
                if (!throttled(r)) return fail(EngineBridge::errorText(r));
                retryLater(requests, attempt + 1, fruitless + 1);
                return pump();
            }
            const Json unprocessed = r.body.value("UnprocessedItems", Json::object())
                                         .value(m_destinationTable.toStdString(), Json::array());
            const auto written = static_cast<qint64>(requests.size() - unprocessed.size());
            m_copied += written;
            reportProgress();
            if (!unprocessed.empty())
                retryLater(unprocessed, attempt + 1, written > 0 ? 0 : fruitless + 1);
            pump();
        });
}

void TableCopy::retryLater(Json requests, int attempt, int fruitless) {
    if (m_cancelled || !m_error.isEmpty()) return;  // not written: the message says so
    if (fruitless > kMaxFruitlessAttempts)
        return fail(tr("%1 wrote nothing in %n attempt(s) in a row; it is throttled or "
                       "overloaded.",
                       nullptr, fruitless)
                        .arg(destination()));
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    m_backoffs.insert(timer);
    connect(timer, &QTimer::timeout, this, [this, timer, requests, attempt, fruitless] {
        m_backoffs.remove(timer);
        timer->deleteLater();
        write(requests, attempt, fruitless);
    });
    timer->start(backoffMs(attempt));
}

void TableCopy::fail(const QString& error) {
    if (m_error.isEmpty()) m_error = error;
    dropRetries();
    settle();
}

void TableCopy::dropRetries() {
    qDeleteAll(m_backoffs);
    m_backoffs.clear();
    if (m_scanRetry->isActive()) {
        m_scanRetry->stop();
        m_scanning = false;
    }
}

void TableCopy::settle() {
    if (m_stage != Stage::Copying) return;
    if (m_inFlight > 0 || m_scanning || !m_backoffs.isEmpty()) return;
    const QString kept =
        m_copied > 0
            ? tr("%Ln item(s) were copied to %1 and stay there.", nullptr, plural(m_copied))
                  .arg(destination())
            : tr("%1 was created, but no items were copied.").arg(destination());
    if (!m_error.isEmpty())
        finish(false, tr("%1 %2").arg(m_error, kept));
    else if (m_cancelled)
        finish(false, tr("Cancelled: %1").arg(kept));
    else if (m_scanDone && m_queue.isEmpty())
        finish(true, tr("Copied %Ln item(s) from %1 to %2.", nullptr, plural(m_copied))
                         .arg(source(), destination()));
}

void TableCopy::finish(bool ok, const QString& message) {
    if (m_stage == Stage::Finished) return;
    m_poll->stop();
    setStage(Stage::Finished);
    emit finished(ok, message);
}

void TableCopy::reportProgress() {
    emit progress(m_copied, m_expectedKnown ? m_expected : 0);
}
