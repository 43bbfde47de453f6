// A backup taken while writes go on is a consistent snapshot: real threads and a real
// clock, a backup copied in several chunks while a writer keeps rewriting keys.

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

#include "recovery_helpers.h"

using tablespan::Json;

namespace {
Json item(int i, int version) {
    return {{"pk", {{"S", "k" + std::to_string(i)}}},
            {"v", {{"N", std::to_string(version)}}},
            {"payload", {{"S", std::string(40 + i % 7, 'x')}}}};
}
}  // namespace

class TstBackupSnapshot : public QObject {
    Q_OBJECT

private slots:
    // Real threads and a real clock: a writer rewrites keys in a fixed order while a backup
    // is copied in several chunks. The restored table must be the state after some prefix
    // of the writes: every key holds the last value written to it up to one point.
    void backupDuringWritesIsAConsistentSnapshot() {
        constexpr int kKeys = 9'000;  // more than two copy chunks
        constexpr int kWrites = 20'000;
        RealTimeEngine t;
        auto& engine = t.engine;
        auto sync = [&](const std::string& op, const Json& request) {
            return t.ok("us-west-2", op, request);
        };
        t.create_backed_up_table("us-west-2", "Live");

        std::mutex m;
        std::condition_variable cv;
        int in_flight = 0;
        std::atomic<int> acked{0};
        auto write = [&](int key, int value) {
            {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return in_flight < 128; });
                ++in_flight;
            }
            engine->call("us-west-2", "PutItem",
                         {{"TableName", "Live"}, {"Item", item(key, value)}},
                         [&](tablespan::Result r) {
                             if (!r.ok()) qFatal("PutItem: %s", r.error->message.c_str());
                             acked += 1;
                             std::lock_guard lock(m);
                             --in_flight;
                             cv.notify_all();
                         });
        };
        // Write slot j % kKeys goes to a key at a random place in key order, so writes that
        // land during the copy hit chunks already copied as well as chunks still to come.
        std::vector<int> key_of(kKeys);
        std::iota(key_of.begin(), key_of.end(), 0);
        std::shuffle(key_of.begin(), key_of.end(), std::mt19937(7));
        std::vector<int> slot_of(kKeys);
        for (int k = 0; k < kKeys; ++k) slot_of[key_of[k]] = k;
        for (int k = 0; k < kKeys; ++k) write(key_of[k], 0);
        // Write j sets slot j % kKeys to j; one thread submits in order, so the region applies
        // them in order.
        std::atomic<int> submitted{0};
        std::thread writer([&] {
            for (int j = 1; j <= kWrites; ++j) {
                write(key_of[j % kKeys], j);
                submitted = j;
            }
        });
        while (submitted < kWrites / 4) std::this_thread::yield();
        const int acked_before = acked;
        const std::string arn =
            sync("CreateBackup",
                 {{"TableName", "Live"}, {"BackupName", "hot"}})["BackupDetails"]["BackupArn"];
        while (sync("DescribeBackup",
                    {{"BackupArn", arn}})["BackupDescription"]["BackupDetails"]["BackupStatus"] !=
               "AVAILABLE")
            std::this_thread::yield();
        writer.join();
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return in_flight == 0; });
        }

        sync("RestoreTableFromBackup", {{"TargetTableName", "Frozen"}, {"BackupArn", arn}});
        while (sync("DescribeTable", {{"TableName", "Frozen"}})["Table"]["TableStatus"] != "ACTIVE")
            std::this_thread::yield();
        std::vector<int> value(kKeys, -1);
        Json request = {{"TableName", "Frozen"}};
        for (;;) {
            Json page = sync("Scan", request);
            for (const auto& it : page["Items"])
                value[slot_of[std::stoi(it["pk"]["S"].get<std::string>().substr(1))]] =
                    std::stoi(it["v"]["N"].get<std::string>());
            if (!page.contains("LastEvaluatedKey")) break;
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
        }
        const int prefix = *std::max_element(value.begin(), value.end());
        // Everything acknowledged before CreateBackup answered is in the backup.
        QVERIFY2(prefix >= acked_before - kKeys, "the backup misses acknowledged writes");
        for (int k = 0; k < kKeys; ++k) {
            int expected = prefix - ((prefix - k) % kKeys + kKeys) % kKeys;
            if (expected < 1) expected = 0;
            if (value[k] != expected)
                QFAIL(
                    qPrintable(QStringLiteral("slot %1 holds %2, the snapshot at write %3 holds %4")
                                   .arg(k)
                                   .arg(value[k])
                                   .arg(prefix)
                                   .arg(expected)));
        }
        QVERIFY(sync("DescribeTable", {{"TableName", "Frozen"}})["Table"]["ItemCount"] == kKeys);
    }
};

QTEST_APPLESS_MAIN(TstBackupSnapshot)
#include "tst_backup_snapshot.moc"
