#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTranslator>

#include "engine_bridge.h"
#include "main_window.h"
#include "sample_data.h"
#include "tablespan/engine.h"

namespace {
void installTranslators(QApplication& app) {
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("tablespan"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        app.installTranslator(own);
}
}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tablespan"));
    QApplication::setOrganizationName(QStringLiteral("Tablespan"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A console for multi-region DynamoDB tables, offline."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDir(QStringLiteral("data-dir"),
                               QApplication::translate("main", "Keep all data in <dir>."),
                               QStringLiteral("dir"));
    QCommandLineOption sample(QStringLiteral("sample-data"),
                              QApplication::translate(
                                  "main", "Create the sample courses table in an empty data directory."));
    QCommandLineOption timeScale(QStringLiteral("time-scale"),
                                 QApplication::translate(
                                     "main", "Run engine time <factor> times faster than the clock."),
                                 QStringLiteral("factor"), QStringLiteral("1"));
    QCommandLineOption region(QStringLiteral("region"),
                              QApplication::translate("main", "Start in region <code>."),
                              QStringLiteral("code"), QStringLiteral("us-west-2"));
    parser.addOptions({dataDir, sample, timeScale, region});
    parser.process(app);

    QString dir = parser.value(dataDir);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    bool scaleOk = false;
    double scale = parser.value(timeScale).toDouble(&scaleOk);
    if (!scaleOk || scale <= 0) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tablespan"),
                              QApplication::translate("main", "The time scale must be a positive number."));
        return 2;
    }

    tablespan::EngineOptions options;
    options.data_dir = QDir(dir).absolutePath().toStdString();
    options.clock = std::make_shared<tablespan::SystemClock>(scale);
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tablespan"),
                              QApplication::translate("main", "Cannot open the data directory:\n%1")
                                  .arg(QString::fromStdString(error)));
        return 1;
    }

    int status = 0;
    {
        EngineBridge bridge(*engine);
        MainWindow window(bridge, parser.value(region));
        SampleData seeder(bridge);
        QObject::connect(&seeder, &SampleData::finished, &window, [&window](const QString& error) {
            if (!error.isEmpty())
                window.showMessage(
                    QApplication::translate("main", "The sample data could not be written: %1").arg(error));
        });
        if (parser.isSet(sample)) seeder.seedIfEmpty();
        window.show();
        status = QApplication::exec();
    }
    return status;
}
