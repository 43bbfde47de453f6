#pragma once

// Plugs the KMS keys tab into a MainWindow (before the Monitoring tab when there is one)
// and wires it to the region selector and the status bar.

class EngineBridge;
class KmsKeysTab;
class MainWindow;

struct KmsConsole {
    KmsKeysTab* keys = nullptr;
};

// The tab is owned by `window`; `bridge` must outlive it.
KmsConsole installKmsConsole(MainWindow& window, EngineBridge& bridge);
