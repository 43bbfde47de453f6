#include "streams/stream_reader.h"

#include <utility>

#include <QPointer>

#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
constexpr int kDescribeEvery = 4;  // rounds between descriptions (status, new shards)
constexpr int kPagesPerRound = 10;
constexpr int kRecordsPerPage = 1000;

QString textOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QString errorType(const tablespan::Result& r) {
    return r.error ? QString::fromStdString(r.error->type) : QString();
}
}  // namespace

StreamReader::StreamReader(EngineBridge& bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge) {}

void StreamReader::start(const QString& region, const QString& streamArn, From from) {
    ++m_generation;
    m_region = region;
    m_arn = streamArn;
    m_from = from;
    m_shards.clear();
    m_listed.clear();
    m_described = false;
    m_describe = true;
    m_busy = false;
    m_again = false;
    m_rounds = 0;
}

void StreamReader::poll() {
    if (m_arn.isEmpty()) return;
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    m_error.clear();
    if (++m_rounds % kDescribeEvery == 0) m_describe = true;
    for (Shard& s : m_shards) {
        s.visited = false;
        s.pages = 0;
    }
    step();
}

void StreamReader::step() {
    if (m_describe) return describe(Json::array(), {});
    const QString id = nextShard();
    if (id.isEmpty()) return finish(m_error);
    if (m_shards[id].iterator.isEmpty()) return getIterator(id);
    getRecords(id);
}

void StreamReader::describe(Json shards, const QString& after) {
    Json request = {{"StreamArn", m_arn.toStdString()}};
    if (!after.isEmpty()) request["ExclusiveStartShardId"] = after.toStdString();
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeStream"), request,
        [this, generation, shards = std::move(shards)](const tablespan::Result& r) mutable {
            if (generation != m_generation) return;
            if (!r.ok()) return finish(EngineBridge::errorText(r));
            Json description = r.body.value("StreamDescription", Json::object());
            for (const auto& s : description.value("Shards", Json::array())) shards.push_back(s);
            const QString last = textOf(description, "LastEvaluatedShardId");
            if (!last.isEmpty()) return describe(std::move(shards), last);
            description.erase("LastEvaluatedShardId");
            description["Shards"] = shards;
            takeShards(shards);
            m_describe = false;
            emit described(description);
            step();
        });
}

void StreamReader::takeShards(const Json& shards) {
    m_listed.clear();
    for (const auto& s : shards) {
        const QString id = textOf(s, "ShardId");
        if (id.isEmpty()) continue;
        m_listed << id;
        if (m_shards.contains(id)) continue;
        Shard shard;
        shard.parent = textOf(s, "ParentShardId");
        const bool closed =
            s.value("SequenceNumberRange", Json::object()).contains("EndingSequenceNumber");
        // "New records only": what the shards hold now is skipped; shards opened later
        // are read from their start.
        if (!m_described && m_from == From::NewOnly) {
            shard.done = closed;
            shard.latest = !closed;
        }
        m_shards.insert(id, shard);
    }
    m_described = true;
}

QString StreamReader::nextShard() const {
    for (const QString& id : m_listed) {
        const Shard& s = m_shards[id];
        if (s.done || s.visited) continue;
        // Parents first: a child is read once its listed parent is read to its end.
        if (!s.parent.isEmpty() && m_listed.contains(s.parent) && !m_shards[s.parent].done)
            continue;
        return id;
    }
    return {};
}

void StreamReader::getIterator(const QString& id) {
    Shard& shard = m_shards[id];
    Json request = {{"StreamArn", m_arn.toStdString()}, {"ShardId", id.toStdString()}};
    if (!shard.lastSequence.isEmpty()) {
        request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
        request["SequenceNumber"] = shard.lastSequence.toStdString();
    } else {
        request["ShardIteratorType"] = shard.latest ? "LATEST" : "TRIM_HORIZON";
    }
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("GetShardIterator"), request,
                  [this, generation, id](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      Shard& shard = m_shards[id];
                      if (r.ok()) {
                          shard.iterator = textOf(r.body, "ShardIterator");
                          if (shard.iterator.isEmpty()) shard.done = true;
                      } else if (errorType(r) == QLatin1String("TrimmedDataAccessException") &&
                                 !shard.lastSequence.isEmpty()) {
                          // Past the last record read is trimmed: from what is retained.
                          shard.lastSequence.clear();
                          shard.latest = false;
                      } else if (errorType(r) == QLatin1String("ResourceNotFoundException")) {
                          shard.done = true;  // trimmed away with its records
                          m_describe = true;
                      } else {
                          m_error = EngineBridge::errorText(r);
                          shard.visited = true;
                      }
                      step();
                  });
}

void StreamReader::getRecords(const QString& id) {
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("GetRecords"),
        {{"ShardIterator", m_shards[id].iterator.toStdString()}, {"Limit", kRecordsPerPage}},
        [this, generation, id](const tablespan::Result& r) {
            if (generation != m_generation) return;
            Shard& shard = m_shards[id];
            if (!r.ok()) {
                shard.iterator.clear();
                const QString type = errorType(r);
                if (type == QLatin1String("ExpiredIteratorException")) {
                    // getIterator goes on after the last record read.
                } else if (type == QLatin1String("TrimmedDataAccessException")) {
                    shard.lastSequence.clear();
                    shard.latest = false;
                } else if (type == QLatin1String("ResourceNotFoundException")) {
                    shard.done = true;
                    m_describe = true;
                } else {
                    m_error = EngineBridge::errorText(r);
                    shard.visited = true;
                }
                return step();
            }
            QList<StreamRecord> records;
            for (const auto& rec : r.body.value("Records", Json::array()))
                records << StreamRecord::fromJson(rec, id);
            if (!records.isEmpty()) shard.lastSequence = records.last().sequenceNumber;
            const QString next = textOf(r.body, "NextShardIterator");
            shard.iterator = next;
            if (next.isEmpty()) {
                shard.done = true;  // closed and read to its end: its children are next
                m_describe = true;
            } else if (records.isEmpty() || ++shard.pages >= kPagesPerRound) {
                shard.visited = true;
            }
            if (!records.isEmpty()) emitWithSources(std::move(records));
            // The view may have started over on another stream in its slot.
            if (generation == m_generation) step();
        });
}

void StreamReader::emitWithSources(QList<StreamRecord> records) {
    std::vector<std::string> numbers;
    for (const auto& r : records) numbers.push_back(r.sequenceNumber.toStdString());
    QPointer<StreamReader> self(this);
    QPointer<EngineBridge> bridge(&m_bridge);
    const int generation = m_generation;
    m_bridge.engine().stream_record_sources(
        m_region.toStdString(), m_arn.toStdString(), std::move(numbers),
        [self, bridge, generation, records = std::move(records)](
            tablespan::StreamRecordSources sources) mutable {
            if (!bridge) return;
            QMetaObject::invokeMethod(
                bridge.data(),
                [self, generation, records = std::move(records),
                 sources = std::move(sources)]() mutable {
                    if (!self || generation != self->m_generation) return;
                    for (qsizetype i = 0; i < records.size(); ++i)
                        if (static_cast<std::size_t>(i) < sources.records.size())
                            records[i].origin =
                                QString::fromStdString(sources.records[static_cast<std::size_t>(i)].region);
                    emit self->recordsRead(records);
                },
                Qt::QueuedConnection);
        });
}

void StreamReader::finish(const QString& error) {
    m_busy = false;
    emit failed(error);
    emit pollFinished();
    if (std::exchange(m_again, false)) poll();
}
