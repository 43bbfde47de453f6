// The PartiQL editor tab for --screenshot-dir: a SELECT over the orders table with its
// items as a table and as DynamoDB JSON, a page added by Load more, an INSERT, and a
// statement the engine refuses with the place it names marked; the history beside the
// editor lists them all. Light and dark, at 1000×700 and at 1400×900.

#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>

#include "common/theme.h"
#include "partiql/partiql_editor.h"
#include "partiql/partiql_tab.h"
#include "screenshot_driver.h"
#include "window/main_window.h"

void ScreenshotDriver::shootStreamsAndPartiql(std::function<void()> done) {
    shootStreams([=, this] { shootPartiql([=, this] { shootMrsc(done); }); });
}

void ScreenshotDriver::runStatement(const QString& statement, std::function<void()> then) {
    PartiqlTab* tab = m_window.partiqlTab();
    tab->editor()->setPlainText(statement);
    auto answered = std::make_shared<bool>(false);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(tab, &PartiqlTab::finished, this, [answered, connection] {
        *answered = true;
        disconnect(*connection);
    });
    tab->run();
    when([answered] { return *answered; }, std::move(then));
}

void ScreenshotDriver::shootPartiql(std::function<void()> done) {
    PartiqlTab* tab = m_window.partiqlTab();
    m_window.resize(1000, 700);
    m_window.tabs()->setCurrentWidget(tab);
    runStatement(QStringLiteral("INSERT INTO \"orders\" VALUE {'customer': 'Ada', 'orderDate': "
                                "'2026-12-07', 'total': 42.5, 'status': 'PENDING'}"),
                 [=, this] {
                     runStatement(
                         QStringLiteral("SELECT * FROM \"orders\" WHERE status = 'PENDING' AND "
                                        "total BETWEEN 10 AND 100"),
                         [=, this] {
                             tab->limitBox()->setValue(8);
                             tab->parametersEdit()->setText(QStringLiteral("[{\"S\": \"Grace\"}]"));
                             runStatement(QStringLiteral("-- Grace's orders, newest first\n"
                                                         "SELECT orderDate, total, status, tags\n"
                                                         "FROM \"orders\"\n"
                                                         "WHERE customer = ? AND orderDate > "
                                                         "'2026-01'\nORDER BY orderDate DESC"),
                                          [=, this] { shootPartiqlViews(done); });
                         });
                 });
}

void ScreenshotDriver::shootPartiqlViews(std::function<void()> done) {
    PartiqlTab* tab = m_window.partiqlTab();
    const auto both = [this](const QString& name) {
        save(&m_window, name);
        Theme::apply(Theme::Mode::Dark);
        save(&m_window, name + QStringLiteral("-dark"));
        Theme::apply(Theme::Mode::Light);
    };
    both(QStringLiteral("45-partiql-results"));
    m_window.resize(1400, 900);
    both(QStringLiteral("45b-partiql-results-large"));
    m_window.resize(1000, 700);
    tab->setJsonShown(true);
    both(QStringLiteral("45c-partiql-json"));
    tab->setJsonShown(false);
    tab->loadMore();
    when([tab] { return !tab->isRunning(); },
         [=, this] {
             both(QStringLiteral("45d-partiql-load-more"));
             tab->limitBox()->setValue(0);
             tab->parametersEdit()->clear();
             runStatement(QStringLiteral("SELECT customer, total\nFROM \"orders\"\n"
                                         "WHERE total > 100 ORDER orderDate"),
                          [=, this] {
                              both(QStringLiteral("45e-partiql-error"));
                              m_window.resize(1280, 800);
                              done();
                          });
         });
}
