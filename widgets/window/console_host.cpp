#include "window/console_host.h"

#include <QTabWidget>

#include "common/language.h"
#include "window/main_window.h"

ConsoleHost::ConsoleHost(EngineBridge& bridge, const QString& region,
                         std::function<void(MainWindow&)> decorate, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_decorate(std::move(decorate)) {
    m_window = build(region);
}

ConsoleHost::~ConsoleHost() = default;

std::unique_ptr<MainWindow> ConsoleHost::build(const QString& region) {
    auto window = std::make_unique<MainWindow>(m_bridge, region);
    if (m_decorate) m_decorate(*window);
    // Queued: the old window must not be destroyed inside its own menu action.
    connect(window.get(), &MainWindow::languageChosen, this, &ConsoleHost::switchLanguage,
            Qt::QueuedConnection);
    return window;
}

void ConsoleHost::switchLanguage(const QString& code) {
    Language::apply(code);
    MainWindow& old = *m_window;
    auto next = build(old.currentRegion());
    next->restoreGeometry(old.saveGeometry());
    next->restoreState(old.saveState());
    next->tabs()->setCurrentIndex(old.tabs()->currentIndex());
    const bool visible = old.isVisible();
    const QRect geometry = old.geometry();
    // The new window first, so the application never has no window. A window manager
    // may place a newly shown window anew: put it back where the old one was.
    if (visible) {
        next->show();
        next->setGeometry(geometry);
    }
    m_window = std::move(next);
    emit windowReplaced();
}
