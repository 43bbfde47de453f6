#pragma once

// Drives the console through its tabs and dialogs and saves a PNG of each into a
// directory, then quits (the hidden --screenshot-dir option; see scripts/screenshots).
// It prepares its tables through the engine API like any client.

#include <QDir>
#include <QObject>
#include <functional>

class CreateIndexDialog;
class CreateTableDialog;
class EngineBridge;
class MainWindow;

class ScreenshotDriver final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotDriver)

public:
    ScreenshotDriver(EngineBridge& bridge, MainWindow& window, const QString& outDir,
                     QObject* parent = nullptr);
    void start();

private:
    // Runs `then` once `ready` holds (checked every 50 ms; gives up after 20 s).
    void when(std::function<bool()> ready, std::function<void()> then);
    void save(QWidget* widget, const QString& name);
    void prepare();
    void shoot();
    // The Global tables tab mid-replication, the create-replica dialog, Monitoring and
    // the Regions & network panel (screenshot_global.cpp); then `done`.
    void shootGlobal(std::function<void()> done);
    // shootGlobal, then the Items tab comparing two regions mid-replication
    // (screenshot_compare.cpp); then `done`.
    void shootReplication(std::function<void()> done);
    void shootCompare(std::function<void()> done);
    void writeTraffic();
    // The Backups tab with a restore running, the create and restore dialogs and the
    // Point-in-time recovery tab (screenshot_recovery.cpp); then `done`.
    void shootRecovery(std::function<void()> done);
    void shootBackups(double scale, std::function<void()> done);
    void writeOrders();
    // The create-table dialog with a GSI and an LSI (valid, then refused as typed), the
    // orders table's indexes in its details and the Items tab querying its GSI
    // (screenshot_indexes.cpp); then `done`.
    void shootIndexes(std::function<void()> done);
    // Opens the create-table dialog filled in with a GSI and an LSI.
    CreateTableDialog* openIndexDialog();
    // A table with a multi-attribute GSI key: its details, the create-table dialog with
    // such a GSI and the Items tab querying it, light and dark (screenshot_composite.cpp);
    // then `done`.
    void shootComposite(std::function<void()> done);
    void shootCompositeViews(std::function<void()> done);
    // Opens the create-table dialog filled in with a GSI of 2 + 2 key attributes.
    CreateTableDialog* openCompositeDialog();
    // Adds a GSI to a table of 3,000 events: the create-index dialog (valid, then refused
    // as typed), the backfill's progress in the details and the delete-index confirmation,
    // in light and dark (screenshot_index_updates.cpp); then `done`.
    void shootIndexUpdates(std::function<void()> done);
    void shootCreateIndex(std::function<void()> done);
    // Opens the create-index dialog of `table` filled in with a GSI.
    CreateIndexDialog* openCreateIndexDialog(const QString& table);
    // The Items tab after a Query with its summary, the Export menu and the context
    // menus of items and tables, names ending in `suffix` (screenshot_daily.cpp).
    void shootResults(const QString& suffix, std::function<void()> done);
    // Scrolls the Tables tab's details to the secondary indexes of the selected table.
    void showDetailsIndexes();

    // The Tables tab's Settings and tags, the tags in the details, then shootHelp
    // (screenshot_settings.cpp); then `done`.
    void shootSettings(std::function<void()> done);
    // Time to Live turned on in Settings and refused off again, and the Items tab's
    // Expires column, light and dark (screenshot_ttl.cpp); then `done`.
    void shootTtl(std::function<void()> done);
    // The Streams tab: a table with a stream, its shards after a rollover, its records
    // (filtered, paused), and a table without a stream (screenshot_streams.cpp); then
    // `done`.
    void shootStreams(std::function<void()> done);
    void shootStreamViews(std::function<void()> done);
    // Puts, updates and deletes readings `from`…`from + count - 1` of the streams' table.
    void writeReadings(int from, int count);
    // "Save as transaction" in the Items tab: pending, then cancelled with its reasons,
    // light and dark (screenshot_transactions.cpp); then `done`.
    void shootTransactions(std::function<void()> done);
    // shootStreams, then shootPartiql; then `done`.
    void shootStreamsAndPartiql(std::function<void()> done);
    // The PartiQL editor tab: a SELECT's items as a table and as DynamoDB JSON, Load more,
    // an INSERT and a refused statement marked in the editor, light and dark
    // (screenshot_partiql.cpp); then `done`.
    void shootPartiql(std::function<void()> done);
    void shootPartiqlViews(std::function<void()> done);
    // Runs `statement` in the PartiQL tab; `then` once the answer is shown.
    void runStatement(const QString& statement, std::function<void()> then);
    // Strong consistency: the create-replica dialog, the Global tables tab of a strongly
    // consistent group under writes, and the outage comparison, light and dark
    // (screenshot_mrsc.cpp); then `done`.
    void shootMrsc(std::function<void()> done);
    void shootMrscGroup(double scale, std::function<void()> done);
    void shootOutageDrill(double scale, std::function<void()> done);
    void writeLedger();
    // The Fault scenarios tab with the Oregon example: before, during and after a run, in
    // light and dark (screenshot_scenarios.cpp); then `done`.
    void shootScenarios(std::function<void()> done);
    // KMS keys: the KMS keys tab and its dialogs, the create-table dialog picking a key,
    // a replica whose key is disabled until inaccessible (screenshot_kms.cpp); then `done`.
    void shootKms(std::function<void()> done);
    void shootKmsReplica(const QString& eastKey, std::function<void()> done);
    void showKmsSettings(std::function<void()> then);
    // Help's shortcuts and About, and a restore dialog aimed at another region.
    void shootHelp(std::function<void()> done);
    // The Monitoring tab's capacity charts on a throttled table, light and dark
    // (screenshot_capacity.cpp); then `done`.
    void shootCapacity(std::function<void()> done);
    // Remote regions: a second engine behind its own endpoint, connected as "lab": the
    // selector, its tables and items, the Connect dialog, an unreachable endpoint, light
    // and dark (screenshot_remote.cpp); then `done`.
    void shootRemote(std::function<void()> done);
    void shootRemoteDialogs(const QString& url, std::function<void()> done);
    void shootRemoteTabs(int index, std::function<void()> done);
    // The lab's global table in the Global tables tab (a probe that arrived), PITR,
    // Monitoring and the Regions & network panel on the lab's region
    // (screenshot_remote_views.cpp).
    void shootRemoteViews(std::function<void()> done);

    EngineBridge& m_bridge;
    MainWindow& m_window;
    QDir m_out;
    int m_pending = 0;
    int m_written = 0;
};
