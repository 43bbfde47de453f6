#pragma once

// First launch on an empty data directory: offers the sample courses table.

#include <QString>

class EngineBridge;
class MainWindow;
class SampleData;

class FirstLaunch {
public:
    // True when `dataDir` holds no region database yet (checked before the engine opens).
    static bool isEmpty(const QString& dataDir);
    // Asks (window-modal, non-blocking) whether to create the sample; seeds on "yes".
    static void offerSample(MainWindow& window, SampleData& seeder);
};
