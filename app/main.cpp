#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include "window/console_host.h"
#include "common/engine_bridge.h"
#include "first_launch.h"
#include "global/global_console.h"
#include "screenshot_driver.h"
#include "common/theme.h"
#include "headless.h"
#include "headless_scenario.h"
#include "common/language.h"
#include "window/main_window.h"
#include "kms/kms_console.h"
#include "recovery/recovery_console.h"
#include "sample_data.h"
#include "scenarios/scenarios_tab.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"

namespace {
bool hasArgument(int argc, char* argv[], const char* name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

// Each endpoint connection holds a file descriptor, and the soft limit is often 1,024:
// the endpoint would stop accepting there. Raise it to the hard limit, as servers do.
void raiseOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        // Linux refuses an infinite limit for open files; its usual ceiling then.
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t{1} << 20 : limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// The endpoint's address (or why it is off) in the window's status bar.
void showEndpoint(const tablespan::HttpServer& endpoint, const std::string& error,
                  MainWindow& window) {
    auto* label = new QLabel(&window);
    if (error.empty()) {
        window.setEndpointUrl(QString::fromStdString(endpoint.url()));
        label->setText(QApplication::translate("main", "Endpoint: %1")
                           .arg(QString::fromStdString(endpoint.url())));
    } else {
        const QString message = QApplication::translate("main", "The endpoint could not start: %1")
                                    .arg(QString::fromStdString(error));
        label->setText(QApplication::translate("main", "Endpoint: off"));
        label->setToolTip(message);
        window.showMessage(message);
    }
    window.statusBar()->addPermanentWidget(label);
}
}  // namespace

int main(int argc, char* argv[]) {
    raiseOpenFileLimit();
    // Only the console needs a display.
    const bool headless =
        hasArgument(argc, argv, "--headless") || hasArgument(argc, argv, "--scenario");
    std::unique_ptr<QCoreApplication> app = headless
                                                ? std::make_unique<QCoreApplication>(argc, argv)
                                                : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tablespan"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tablespan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    Language::apply(headless ? QString() : Language::setting());
    if (!headless)
        Theme::apply(Theme::fromString(QSettings().value(QStringLiteral("theme")).toString()));
    const auto fail = [headless](const QString& message, int status) {
        if (headless) {
            std::fputs(message.toLocal8Bit().append('\n').constData(), stderr);
        } else {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Tablespan"), message);
        }
        return status;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A console for multi-region DynamoDB tables, offline."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDir(QStringLiteral("data-dir"),
                               QApplication::translate("main", "Keep all data in <dir>."),
                               QStringLiteral("dir"));
    QCommandLineOption sample(
        QStringLiteral("sample-data"),
        QApplication::translate("main",
                                "Create the sample courses table in an empty data directory."));
    QCommandLineOption timeScale(
        QStringLiteral("time-scale"),
        QApplication::translate("main", "Run engine time <factor> times faster than the clock."),
        QStringLiteral("factor"), QStringLiteral("1"));
    QCommandLineOption region(QStringLiteral("region"),
                              QApplication::translate("main", "Start in region <code>."),
                              QStringLiteral("code"), QStringLiteral("us-west-2"));
    QCommandLineOption port(
        QStringLiteral("port"),
        QApplication::translate("main", "Serve the DynamoDB endpoint of the console on <port>."),
        QStringLiteral("port"), QStringLiteral("8000"));
    QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        QApplication::translate("main", "Run the engine and its endpoint without a window."));
    QCommandLineOption listen(
        QStringLiteral("listen"),
        QApplication::translate("main", "Headless: serve the DynamoDB endpoint on <host:port>."),
        QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8000"));
    QCommandLineOption verbose(QStringLiteral("verbose"),
                               QApplication::translate("main", "Headless: log every request."));
    QCommandLineOption requireAuth(
        QStringLiteral("require-auth"),
        QApplication::translate("main",
                                "Check SigV4 signatures against the key pairs in <file>, one "
                                "\"ACCESS_KEY_ID SECRET_ACCESS_KEY\" a line."),
        QStringLiteral("file"));
    QCommandLineOption authKey(
        QStringLiteral("auth-key"),
        QApplication::translate(
            "main",
            "Check SigV4 signatures; accept this key pair (repeatable, adds to --require-auth)."),
        QStringLiteral("akid:secret"));
    QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QApplication::translate("main",
                                "Headless: serve HTTPS only, with the certificate chain in "
                                "<file> (PEM, the server's certificate first)."),
        QStringLiteral("file"));
    QCommandLineOption tlsKey(
        QStringLiteral("tls-key"),
        QApplication::translate("main", "Headless: the private key (PEM) of --tls-cert."),
        QStringLiteral("file"));
    QCommandLineOption noThrottling(
        QStringLiteral("no-throttling"),
        QApplication::translate("main",
                                "Do not refuse requests past a provisioned table's capacity "
                                "(as DynamoDB Local does); the service refuses them."));
    QCommandLineOption mapSize(
        QStringLiteral("map-size"),
        QApplication::translate("main",
                                "Map at most <MB> of each region's database file into memory "
                                "(0: none; reads then go through the page cache)."),
        QStringLiteral("MB"), QStringLiteral("256"));
    QCommandLineOption screenshots(QStringLiteral("screenshot-dir"),
                                   QApplication::translate("main", "Save screenshots to <dir>."),
                                   QStringLiteral("dir"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QApplication::translate("main",
                                "Play the fault scenario <file> headless on engine time, as fast "
                                "as possible, and print a summary."),
        QStringLiteral("file"));
    QCommandLineOption scenarioReport(
        QStringLiteral("report"),
        QApplication::translate("main", "With --scenario: write the report to <file> (JSON)."),
        QStringLiteral("file"));
    QCommandLineOption scenarioSeed(
        QStringLiteral("seed"),
        QApplication::translate("main", "With --scenario: use <n> instead of the file's seed."),
        QStringLiteral("n"));
    parser.addOptions({dataDir, sample, timeScale, region, port, headlessOption, listen, verbose,
                       requireAuth, authKey, tlsCert, tlsKey, noThrottling, mapSize, screenshots,
                       scenario, scenarioReport, scenarioSeed});
    parser.process(*app);
    if (parser.isSet(scenario)) {
        std::optional<quint64> seed;
        if (parser.isSet(scenarioSeed)) {
            bool ok = false;
            seed = parser.value(scenarioSeed).toULongLong(&ok);
            if (!ok)
                return fail(QApplication::translate("main", "The seed must be a whole number."), 2);
        }
        return runScenarioHeadless(parser.value(scenario), parser.value(scenarioReport), seed);
    }

    QString dir = parser.value(dataDir);
    if (dir.isEmpty()) dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    bool scaleOk = false;
    double scale = parser.value(timeScale).toDouble(&scaleOk);
    if (!scaleOk || scale <= 0)
        return fail(QApplication::translate("main", "The time scale must be a positive number."),
                    2);
    bool portOk = false;
    const uint endpointPort = parser.value(port).toUInt(&portOk);
    if (!portOk || endpointPort > 65535)
        return fail(QApplication::translate("main", "The port must be a number from 0 to 65535."),
                    2);

    bool mapOk = false;
    const qlonglong mapMegabytes = parser.value(mapSize).toLongLong(&mapOk);
    if (!mapOk || mapMegabytes < 0 || mapMegabytes > 1024 * 1024)
        return fail(QApplication::translate(
                        "main", "The map size must be a number of megabytes from 0 to 1048576."),
                    2);

    std::optional<std::map<std::string, std::string>> credentials;
    QString authError;
    if (!loadCredentials(parser.value(requireAuth), parser.values(authKey), &credentials,
                         &authError))
        return fail(authError, 2);

    // Refused before the data directory is opened: nothing to undo.
    HeadlessOptions headlessOptions;
    headlessOptions.listen = parser.value(listen);
    headlessOptions.verbose = parser.isSet(verbose);
    headlessOptions.credentials = credentials;
    headlessOptions.tlsCertificate = parser.value(tlsCert);
    headlessOptions.tlsKey = parser.value(tlsKey);
    if (headless) {
        if (const QString error = headlessOptionsError(headlessOptions); !error.isEmpty())
            return fail(error, 2);
    }

    tablespan::EngineOptions options;
    options.data_dir = QDir(dir).absolutePath().toStdString();
    options.clock = std::make_shared<tablespan::SystemClock>(scale);
    options.enforce_throughput = !parser.isSet(noThrottling);
    options.sqlite_map_bytes = std::int64_t{mapMegabytes} * 1024 * 1024;
    const bool fresh = FirstLaunch::isEmpty(dir);
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine)
        return fail(QApplication::translate("main", "Cannot open the data directory:\n%1")
                        .arg(QString::fromStdString(error)),
                    1);
    if (headless) return runHeadless(*engine, headlessOptions);

    int status = 0;
    {
        EngineBridge bridge(*engine);
        // The endpoint starts beside the window; a busy port is reported, not fatal.
        tablespan::HttpServer endpoint(*engine, {.port = static_cast<std::uint16_t>(endpointPort),
                                                 .credentials = credentials});
        const std::string endpointError = endpoint.start();
        ConsoleHost host(bridge, parser.value(region), [&](MainWindow& w) {
            installGlobalConsole(w, bridge);
            installRecoveryConsole(w, bridge);
            installKmsConsole(w, bridge);
            installScenariosTab(w);
            showEndpoint(endpoint, endpointError, w);
        });
        MainWindow& window = host.window();
        SampleData seeder(bridge);
        QObject::connect(&seeder, &SampleData::finished, &host, [&host](const QString& error) {
            if (!error.isEmpty())
                host.window().showMessage(
                    QApplication::translate("main", "The sample data could not be written: %1")
                        .arg(error));
        });
        window.show();
        std::unique_ptr<ScreenshotDriver> driver;
        if (parser.isSet(screenshots)) {
            seeder.seedIfEmpty();
            driver = std::make_unique<ScreenshotDriver>(bridge, window, parser.value(screenshots));
            driver->start();
        } else if (parser.isSet(sample)) {
            seeder.seedIfEmpty();
        } else if (fresh) {
            FirstLaunch::offerSample(window, seeder);
        }
        status = QApplication::exec();
    }
    return status;
}
