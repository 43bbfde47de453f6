#pragma once

// Plugs the Backups and Point-in-time recovery tabs into a MainWindow (before the
// Monitoring tab when there is one) and wires them to the region selector and the
// status bar.

class BackupsTab;
class EngineBridge;
class MainWindow;
class PitrPanel;

struct RecoveryConsole {
    BackupsTab* backups = nullptr;
    PitrPanel* pitr = nullptr;
};

// The tabs are owned by `window`; `bridge` must outlive it.
RecoveryConsole installRecoveryConsole(MainWindow& window, EngineBridge& bridge);
