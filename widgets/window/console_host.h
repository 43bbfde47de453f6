#pragma once

// Owns the console's main window and builds it again, in place, when the user picks
// another language in the View menu: the engine, the bridge and the endpoint keep
// running; the region, the current tab, the geometry and the docks carry over, and the
// models holding what the user has seen live with the bridge (common/bridge_owned.h).

#include <QObject>
#include <functional>
#include <memory>

class EngineBridge;
class MainWindow;

class ConsoleHost final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleHost)

public:
    // `decorate` adds what main() contributes to every new window (extra tabs, the
    // endpoint label); it runs before the window is shown.
    ConsoleHost(EngineBridge& bridge, const QString& region,
                std::function<void(MainWindow&)> decorate, QObject* parent = nullptr);
    ~ConsoleHost() override;

    MainWindow& window() const { return *m_window; }

public slots:
    // Installs the translators for `code` and replaces the window with a new one.
    void switchLanguage(const QString& code);

signals:
    // window() is a new window now (the old one is already gone).
    void windowReplaced();

private:
    std::unique_ptr<MainWindow> build(const QString& region);

    EngineBridge& m_bridge;
    std::function<void(MainWindow&)> m_decorate;
    std::unique_ptr<MainWindow> m_window;
};
