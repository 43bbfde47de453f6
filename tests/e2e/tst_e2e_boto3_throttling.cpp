// End to end: boto3 with its "standard" retry mode writes a burst to a table provisioned
// with 1 WCU through the HTTP endpoint (boto3_throttled_writes.py); the table throttles,
// the SDK retries, and the console's Activity dock shows every attempt: its count of
// throttled requests equals the retries boto3 reports, and the PutItem rows are the
// writes plus the retries. The engine runs on the system clock (the SDK's backoff is wall
// time), so this takes some seconds.

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "common/engine_bridge.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"
#include "window/activity_dock.h"
#include "window/activity_model.h"

class TstE2eBoto3Throttling : public QObject {
    Q_OBJECT

private slots:
    void retriesShowInTheActivityDock() {
        const QString python = qEnvironmentVariable("TABLESPAN_PYTHON", QStringLiteral("python3"));
        const QString script = qEnvironmentVariable("TABLESPAN_E2E_SCRIPT");
        if (script.isEmpty()) QSKIP("TABLESPAN_E2E_SCRIPT is not set (run it through ctest)");
        if (QProcess::execute(python, {QStringLiteral("-c"), QStringLiteral("import boto3")}) != 0)
            QSKIP("boto3 is not installed");

        QTemporaryDir dir;
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.threads = 2;
        std::string error;
        auto engine = tablespan::Engine::open(options, &error);
        QVERIFY2(engine, error.c_str());
        EngineBridge bridge(*engine);
        ActivityDock dock(bridge);
        dock.show();
        tablespan::HttpServerOptions server_options;
        server_options.port = 0;
        tablespan::HttpServer server(*engine, server_options);
        const std::string failed = server.start();
        QVERIFY2(failed.empty(), failed.c_str());

        QProcess sdk;
        sdk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sdk.start(python, {script, QStringLiteral("http://127.0.0.1:%1").arg(server.port())});
        QVERIFY(sdk.waitForStarted());
        // The GUI thread keeps running (the dock receives the bridge's signals) while the
        // SDK works.
        QTRY_VERIFY_WITH_TIMEOUT(sdk.state() == QProcess::NotRunning, 240'000);
        QCOMPARE(sdk.exitCode(), 0);
        const QJsonObject report =
            QJsonDocument::fromJson(sdk.readAllStandardOutput().trimmed()).object();
        const int writes = report.value(QStringLiteral("writes")).toInt();
        const int retries = report.value(QStringLiteral("retries")).toInt();
        QCOMPARE(report.value(QStringLiteral("failed")).toInt(), 0);
        QVERIFY2(retries > 0, "the table never throttled the burst");

        ActivityModel* model = dock.model();
        const auto puts = [model] {
            int n = 0;
            for (int row = 0; row < model->rowCount(); ++row)
                n += model->record(row).operation == QLatin1String("PutItem") ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(puts(), writes + retries, 10'000);
        QCOMPARE(model->throttledCount(), retries);
        for (int row = 0; row < model->rowCount(); ++row) {
            const RequestRecord& r = model->record(row);
            if (r.operation == QLatin1String("PutItem") && !r.errorType.isEmpty())
                QCOMPARE(r.errorType, QStringLiteral("ProvisionedThroughputExceededException"));
        }
        auto* count = dock.findChild<QLabel*>(QStringLiteral("activityCount"));
        QVERIFY(count);
        QTRY_VERIFY(count->text().contains(QStringLiteral("%1 throttled").arg(retries)));
        server.stop();
    }
};

QTEST_MAIN(TstE2eBoto3Throttling)
#include "tst_e2e_boto3_throttling.moc"
