#pragma once

// Plugs the Global tables and Monitoring tabs and the Regions & network panel into a
// MainWindow: adds the tabs, the dock (hidden until chosen in the View menu) and wires
// them to the region selector and the status bar.

class EngineBridge;
class GlobalTablesTab;
class MainWindow;
class MonitoringTab;
class RegionsPanel;

struct GlobalConsole {
    GlobalTablesTab* globalTables = nullptr;
    MonitoringTab* monitoring = nullptr;
    RegionsPanel* regions = nullptr;
};

// The pieces are owned by `window`; `bridge` must outlive it.
GlobalConsole installGlobalConsole(MainWindow& window, EngineBridge& bridge);
