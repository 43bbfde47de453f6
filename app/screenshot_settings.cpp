// The views of issue 20's "what users reached for" for --screenshot-dir: the Tables tab's
// Settings (with its tags, and a tag change the service refused), the tags in the
// details, Time to Live (screenshot_ttl.cpp), Help's shortcuts and About, and the restore
// dialog aimed at another region; each in the light and the dark theme, the Settings at
// 1000×700.

#include <QApplication>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "recovery/restore_dialog.h"
#include "screenshot_driver.h"
#include "tables/table_settings_panel.h"
#include "tables/table_tags_editor.h"
#include "tables/tables_tab.h"
#include "window/help_about_dialog.h"
#include "window/help_shortcuts_dialog.h"
#include "window/main_window.h"

void ScreenshotDriver::shootSettings(std::function<void()> done) {
    TablesTab* tablesTab = m_window.tablesTab();
    m_window.resize(1000, 700);
    m_window.tabs()->setCurrentWidget(tablesTab);
    tablesTab->selectTable(QStringLiteral("orders"));
    tablesTab->detailTabs()->setCurrentIndex(2);
    TableTagsEditor* tags = tablesTab->settingsPanel()->tagsEditor();
    when([tags] { return tags->list()->rowCount() >= 2; },
         [=, this] {
             save(&m_window, QStringLiteral("13-table-settings"));
             Theme::apply(Theme::Mode::Dark);
             save(&m_window, QStringLiteral("13d-table-settings-dark"));
             Theme::apply(Theme::Mode::Light);

             tablesTab->detailTabs()->setCurrentIndex(0);
             auto* details = tablesTab->findChild<QTextBrowser*>(QStringLiteral("tableDetails"));
             details->verticalScrollBar()->setValue(details->verticalScrollBar()->maximum());
             save(&m_window, QStringLiteral("13b-table-details-tags"));
             tablesTab->detailTabs()->setCurrentIndex(2);

             // A removal and a change in one Save: the second request comes within 1.5 s of
             // the first (at real speed) and is refused.
             const double scale = m_bridge.engine().time_scale();
             m_bridge.engine().set_time_scale(1);
             QTableWidget* list = tags->list();
             list->item(0, TableTagsEditor::Value)->setText(QStringLiteral("marketing"));
             list->removeRow(1);
             tags->addRow();
             list->item(list->rowCount() - 1, TableTagsEditor::Key)
                 ->setText(QStringLiteral("cost-center"));
             list->item(list->rowCount() - 1, TableTagsEditor::Value)
                 ->setText(QStringLiteral("4711"));
             list->setCurrentCell(-1, -1);
             tags->save();
             when([tags] { return !tags->errorText().isEmpty() || tags->rows() == tags->saved(); },
                  [=, this] {
                      save(&m_window, QStringLiteral("13c-table-settings-tags-refused"));
                      Theme::apply(Theme::Mode::Dark);
                      save(&m_window, QStringLiteral("13e-table-settings-tags-refused-dark"));
                      Theme::apply(Theme::Mode::Light);
                      tags->revert();
                      m_bridge.engine().set_time_scale(scale);
                      shootTtl([=, this] {
                          m_window.resize(1280, 800);
                          shootHelp([=, this] { shootCapacity(done); });
                      });
                  });
         });
}

void ScreenshotDriver::shootHelp(std::function<void()> done) {
    m_window.showShortcuts();
    auto* shortcuts = m_window.findChild<HelpShortcutsDialog*>();
    save(shortcuts, QStringLiteral("14-shortcuts"));
    Theme::apply(Theme::Mode::Dark);
    save(shortcuts, QStringLiteral("14b-shortcuts-dark"));
    Theme::apply(Theme::Mode::Light);
    shortcuts->close();
    m_window.showAbout();
    auto* about = m_window.findChild<HelpAboutDialog*>();
    about->adjustSize();
    save(about, QStringLiteral("15-about"));
    Theme::apply(Theme::Mode::Dark);
    save(about, QStringLiteral("15b-about-dark"));
    Theme::apply(Theme::Mode::Light);
    about->close();

    RestoreDialog::Source source;
    source.table = QStringLiteral("orders");
    auto* restore = new RestoreDialog(m_bridge, QStringLiteral("us-west-2"), source, &m_window);
    restore->setTargetRegion(QStringLiteral("eu-west-1"));
    restore->show();
    restore->adjustSize();
    save(restore, QStringLiteral("16-restore-target-region"));
    Theme::apply(Theme::Mode::Dark);
    save(restore, QStringLiteral("16b-restore-target-region-dark"));
    Theme::apply(Theme::Mode::Light);
    restore->deleteLater();
    done();
}
