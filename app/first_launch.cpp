#include "first_launch.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>

#include "window/main_window.h"
#include "sample_data.h"

bool FirstLaunch::isEmpty(const QString& dataDir) {
    const QDir regions(dataDir + QStringLiteral("/regions"));
    return !regions.exists() ||
           regions.entryList({QStringLiteral("*.sqlite")}, QDir::Files).isEmpty();
}

void FirstLaunch::offerSample(MainWindow& window, SampleData& seeder) {
    auto* box = new QMessageBox(&window);
    box->setObjectName(QStringLiteral("sampleOffer"));
    box->setWindowTitle(QApplication::translate("FirstLaunch", "Welcome to Tablespan"));
    box->setIcon(QMessageBox::Information);
    box->setText(QApplication::translate("FirstLaunch", "This data directory is empty."));
    box->setInformativeText(QApplication::translate(
        "FirstLaunch",
        "Create a sample table to explore? It makes a table named courses in "
        "US West (Oregon) us-west-2 with a few items."));
    auto* yes = box->addButton(QApplication::translate("FirstLaunch", "Create sample table"),
                               QMessageBox::AcceptRole);
    box->addButton(QApplication::translate("FirstLaunch", "Start empty"), QMessageBox::RejectRole);
    box->setDefaultButton(yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::buttonClicked, &window,
                     [&window, &seeder, yes](QAbstractButton* clicked) {
                         if (clicked != yes) return;
                         window.setRegion(QStringLiteral("us-west-2"));
                         seeder.seedIfEmpty();
                     });
    box->open();
}
