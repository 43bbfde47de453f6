#include "sample_data.h"

#include <QFile>

#include "common/engine_bridge.h"

namespace {
const QString kRegion = QStringLiteral("us-west-2");
const QString kTable = QStringLiteral("courses");
}  // namespace

SampleData::SampleData(EngineBridge& bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {}

void SampleData::seedIfEmpty() {
    m_bridge.call(
        kRegion, QStringLiteral("ListTables"), tablespan::Json::object(),
        [this](const tablespan::Result& r) {
            if (!r.ok() || !r.body["TableNames"].empty()) return;
            tablespan::Json create = {
                {"TableName", kTable.toStdString()},
                {"AttributeDefinitions", {{{"AttributeName", "courseid"}, {"AttributeType", "S"}}}},
                {"KeySchema", {{{"AttributeName", "courseid"}, {"KeyType", "HASH"}}}},
                {"BillingMode", "PAY_PER_REQUEST"}};
            connect(
                &m_bridge, &EngineBridge::tableStatusChanged, this,
                [this](const QString& region, const QString& table, const QString& status) {
                    if (region == kRegion && table == kTable && status == QLatin1String("ACTIVE"))
                        writeItems();
                });
            m_bridge.call(kRegion, QStringLiteral("CreateTable"), create,
                          [this](const tablespan::Result& created) {
                              if (!created.ok())
                                  emit finished(QString::fromStdString(created.error->message));
                          });
        });
}

void SampleData::writeItems() {
    disconnect(&m_bridge, nullptr, this, nullptr);
    QFile file(QStringLiteral(":/samples/courses.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        emit finished(tr("The sample data is missing from the application."));
        return;
    }
    tablespan::Json items = tablespan::Json::parse(file.readAll().toStdString());
    m_bridge.call(kRegion, QStringLiteral("BatchWriteItem"), {{"RequestItems", items}},
                  [this](const tablespan::Result& r) {
                      emit finished(r.ok() ? QString() : QString::fromStdString(r.error->message));
                  });
}
