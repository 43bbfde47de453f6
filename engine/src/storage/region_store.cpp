#include "storage/region_store.h"

#include <algorithm>

namespace tablespan::storage {

namespace {
// Each entry brings the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE tables(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        meta TEXT NOT NULL);
    CREATE TABLE items(
        table_id INTEGER NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        size INTEGER NOT NULL,
        item BLOB NOT NULL,
        PRIMARY KEY(table_id, pk, sk)) WITHOUT ROWID;
    )sql",
    // 2: global tables. Every item carries its last-writer-wins version (hybrid logical
    // clock, origin region); deletes of replicated tables leave tombstones; local writes
    // of replicated tables append to the change log (the outbox); per-link cursors and
    // per-origin received watermarks.
    R"sql(
    ALTER TABLE items ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN origin TEXT NOT NULL DEFAULT '';
    CREATE TABLE tombstones(
        table_id INTEGER NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        hlc INTEGER NOT NULL,
        origin TEXT NOT NULL,
        deleted_at INTEGER NOT NULL,
        PRIMARY KEY(table_id, pk, sk)) WITHOUT ROWID;
    CREATE TABLE changes(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_id INTEGER NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        hlc INTEGER NOT NULL,
        written_at INTEGER NOT NULL,
        item BLOB,
        size INTEGER NOT NULL);
    CREATE INDEX changes_by_table ON changes(table_id, seq);
    CREATE TABLE replication_links(
        table_id INTEGER NOT NULL,
        destination TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        PRIMARY KEY(table_id, destination)) WITHOUT ROWID;
    CREATE TABLE replication_received(
        table_id INTEGER NOT NULL,
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY(table_id, origin)) WITHOUT ROWID;
    CREATE TABLE region_state(
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL) WITHOUT ROWID;
    )sql",
    // 3: backups and point-in-time recovery (storage/recovery_store.h). The PITR history
    // holds one before-image per write of a PITR table (item NULL: the key was absent),
    // appended in write order (seq); a rowid table keeps ~1 KB images in their page. The
    // backup catalog (the items of backups live in DATA_DIR/backups/<region>.sqlite,
    // keyed by these never reused ids).
    R"sql(
    CREATE TABLE pitr_history(
        seq INTEGER PRIMARY KEY,
        table_id INTEGER NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        ts INTEGER NOT NULL,
        size INTEGER NOT NULL,
        item BLOB);
    CREATE INDEX pitr_history_by_key ON pitr_history(table_id, pk, sk, ts);
    CREATE INDEX pitr_history_by_time ON pitr_history(table_id, ts);
    CREATE TABLE backups(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        arn TEXT NOT NULL UNIQUE,
        meta TEXT NOT NULL);
    )sql",
    // 4: secondary indexes. One row per item an index holds, keyed so that a Query on
    // the index is a range scan: index partition key, index sort key (empty when it has
    // none), a tie-break that orders equal index keys, then the item's table key. `item`
    // holds the projected attributes. Written in the transaction of the item's write.
    R"sql(
    CREATE TABLE index_entries(
        table_id INTEGER NOT NULL,
        index_id INTEGER NOT NULL,
        ipk BLOB NOT NULL,
        isk BLOB NOT NULL,
        tie BLOB NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        size INTEGER NOT NULL,
        item BLOB NOT NULL,
        PRIMARY KEY(table_id, index_id, ipk, isk, tie, pk, sk)) WITHOUT ROWID;
    )sql",
    // 5: the size of each item collection of a table with a local secondary index (its
    // items and their LSI entries), kept by the writes in their own transaction so the
    // 10 GB limit is checked without summing the collection. A collection without a row
    // is summed from items and index_entries when a write first grows it.
    R"sql(
    CREATE TABLE item_collections(
        table_id INTEGER NOT NULL,
        pk BLOB NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY(table_id, pk)) WITHOUT ROWID;
    )sql",
    // 6: DynamoDB Streams. The change log is also the streams' log: a write of a table
    // with a stream appends its record there (stream_id, event, old image; origin is the
    // region a replicated write came from, NULL for this region's own writes, which are
    // the ones replication ships; by_ttl marks Time to Live deletes). A stream outlives
    // its table for the retention period, so it has its own rows, and so do its shards.
    R"sql(
    ALTER TABLE changes ADD COLUMN stream_id INTEGER;
    ALTER TABLE changes ADD COLUMN event INTEGER;
    ALTER TABLE changes ADD COLUMN old_item BLOB;
    ALTER TABLE changes ADD COLUMN origin TEXT;
    ALTER TABLE changes ADD COLUMN by_ttl INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX changes_by_stream ON changes(stream_id, seq) WHERE stream_id IS NOT NULL;
    CREATE TABLE streams(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        arn TEXT NOT NULL UNIQUE,
        meta TEXT NOT NULL);
    CREATE TABLE stream_shards(
        stream_id INTEGER NOT NULL,
        shard_no INTEGER NOT NULL,
        shard_id TEXT NOT NULL,
        parent_id TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER,
        closed_at INTEGER NOT NULL,
        PRIMARY KEY(stream_id, shard_no)) WITHOUT ROWID;
    )sql",
    // 7: ClientRequestToken of transactions: the request that used a token (its members
    // but the token), its answer, and when the token may be used again.
    R"sql(
    CREATE TABLE client_tokens(
        token TEXT PRIMARY KEY,
        request TEXT NOT NULL,
        response TEXT NOT NULL,
        expires_at INTEGER NOT NULL) WITHOUT ROWID;
    )sql",
    // 8: multi-Region strong consistency. A received watermark also keeps the version of
    // the last change applied from its origin (a strong read asks a peer for what is
    // newer). A witness region keeps, per table it witnesses, the latest version of
    // every key it received, and its own received watermarks; it has no table.
    R"sql(
    ALTER TABLE replication_received ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE witness_tables(
        name TEXT PRIMARY KEY,
        meta TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE witness_items(
        table_name TEXT NOT NULL,
        pk BLOB NOT NULL,
        sk BLOB NOT NULL,
        hlc INTEGER NOT NULL,
        origin TEXT NOT NULL,
        item BLOB,
        size INTEGER NOT NULL,
        PRIMARY KEY(table_name, pk, sk)) WITHOUT ROWID;
    CREATE TABLE witness_received(
        table_name TEXT NOT NULL,
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        PRIMARY KEY(table_name, origin)) WITHOUT ROWID;
    )sql",
    // 9: the region's simulated KMS (kms/region_kms.h): one row per key, its metadata a
    // JSON document, ordered by creation for ListKeys.
    R"sql(
    CREATE TABLE kms_keys(
        id TEXT PRIMARY KEY,
        created INTEGER NOT NULL,
        meta TEXT NOT NULL) WITHOUT ROWID;
    )sql",
};
}  // namespace

RegionStore::RegionStore(const std::string& path, std::int64_t map_bytes) : db_(path) {
    // Reads come from memory: the file mapped (no read() call per page) and a page
    // cache that holds a busy table's upper levels and hot leaves.
    db_.exec("PRAGMA mmap_size=" + std::to_string(std::max<std::int64_t>(0, map_bytes)));
    db_.exec("PRAGMA cache_size=-65536");
    migrate();
    begin_ = db_.prepare("BEGIN IMMEDIATE");
    commit_ = db_.prepare("COMMIT");
    rollback_ = db_.prepare("ROLLBACK");
    savepoint_ = db_.prepare("SAVEPOINT request");
    release_ = db_.prepare("RELEASE request");
    rollback_to_ = db_.prepare("ROLLBACK TO request");
    get_ = db_.prepare("SELECT item, size FROM items WHERE table_id=? AND pk=? AND sk=?");
    get_size_ = db_.prepare("SELECT size FROM items WHERE table_id=? AND pk=? AND sk=?");
    put_ = db_.prepare(
        "INSERT INTO items(table_id, pk, sk, size, item, hlc, origin) VALUES(?,?,?,?,?,?,?) "
        "ON CONFLICT(table_id, pk, sk) DO UPDATE SET size=excluded.size, item=excluded.item, "
        "hlc=excluded.hlc, origin=excluded.origin");
    delete_ = db_.prepare("DELETE FROM items WHERE table_id=? AND pk=? AND sk=?");
}

void RegionStore::migrate() {
    db_.exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
    int version = 0;
    {
        auto s = db_.prepare("SELECT version FROM schema_version");
        if (s.step()) version = static_cast<int>(s.column_int(0));
    }
    if (version > kSchemaVersion)
        throw StorageError("the database was written by a newer Tablespan (schema version " +
                           std::to_string(version) + ")");
    if (version == kSchemaVersion) return;
    Transaction txn(db_);
    for (int v = version; v < kSchemaVersion; ++v) db_.exec(kMigrations[v]);
    db_.exec("DELETE FROM schema_version");
    db_.prepare("INSERT INTO schema_version(version) VALUES(?)")
        .bind(1, std::int64_t{kSchemaVersion})
        .run();
    txn.commit();
}

Statement& RegionStore::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) it = cache_.emplace(sql, db_.prepare(sql)).first;
    return it->second;
}

void RegionStore::begin() {
    begin_.run();
}
void RegionStore::commit() {
    commit_.run();
}
void RegionStore::rollback() {
    rollback_.run();
}
void RegionStore::savepoint() {
    savepoint_.run();
}
void RegionStore::release_savepoint() {
    release_.run();
}
void RegionStore::rollback_to_savepoint() {
    rollback_to_.run();
    release_.run();
}

std::vector<StoredTable> RegionStore::load_tables() {
    std::vector<StoredTable> out;
    auto s = db_.prepare("SELECT id, name, meta FROM tables ORDER BY name");
    while (s.step()) out.push_back({s.column_int(0), s.column_text(1), s.column_text(2)});
    return out;
}

std::int64_t RegionStore::insert_table(const std::string& name, const std::string& meta) {
    auto s = db_.prepare("INSERT INTO tables(name, meta) VALUES(?, ?) RETURNING id");
    s.bind_text(1, name).bind_text(2, meta);
    if (!s.step()) throw StorageError("insert table returned no id");
    std::int64_t id = s.column_int(0);
    s.reset();
    return id;
}

void RegionStore::update_table(std::int64_t id, const std::string& meta) {
    cached("UPDATE tables SET meta=? WHERE id=?").bind_text(1, meta).bind(2, id).run();
}

void RegionStore::delete_table(std::int64_t id) {
    for (const char* sql :
         {"DELETE FROM items WHERE table_id=?", "DELETE FROM index_entries WHERE table_id=?",
          "DELETE FROM tombstones WHERE table_id=?",
          "DELETE FROM changes WHERE table_id=? AND stream_id IS NULL",
          // Stream records outlive their table (their stream stays readable).
          "UPDATE changes SET table_id=0 WHERE table_id=?",
          "DELETE FROM replication_links WHERE table_id=?",
          "DELETE FROM replication_received WHERE table_id=?", "DELETE FROM tables WHERE id=?"})
        db_.prepare(sql).bind(1, id).run();
}

bool RegionStore::get_item(std::int64_t table, std::string_view pk, std::string_view sk,
                           std::string& out) {
    return get_item(table, pk, sk, out, nullptr);
}

bool RegionStore::get_item(std::int64_t table, std::string_view pk, std::string_view sk,
                           std::string& out, std::int64_t* size) {
    get_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
    bool found = get_.step();
    if (found) {
        out.assign(get_.column_blob(0));
        if (size) *size = get_.column_int(1);
    }
    get_.reset();
    return found;
}

std::optional<std::int64_t> RegionStore::get_item_size(std::int64_t table, std::string_view pk,
                                                       std::string_view sk) {
    get_size_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
    std::optional<std::int64_t> size;
    if (get_size_.step()) size = get_size_.column_int(0);
    get_size_.reset();
    return size;
}

void RegionStore::put_item(std::int64_t table, std::string_view pk, std::string_view sk,
                           std::int64_t size, std::string_view item, std::int64_t hlc,
                           std::string_view origin) {
    put_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk).bind(4, size).bind_blob(5, item);
    put_.bind(6, hlc).bind_text(7, origin);
    put_.run();
}

void RegionStore::delete_item(std::int64_t table, std::string_view pk, std::string_view sk) {
    delete_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
    delete_.run();
}

void RegionStore::query_partition(std::int64_t table, std::string_view pk,
                                  const std::optional<RangeBound>& lower,
                                  const std::optional<RangeBound>& upper, bool forward,
                                  const std::optional<std::string>& exclusive_start_sk,
                                  const std::function<bool(const ItemRow&)>& visit) {
    std::string sql = "SELECT sk, size, item FROM items WHERE table_id=?1 AND pk=?2";
    if (lower) sql += lower->inclusive ? " AND sk>=?3" : " AND sk>?3";
    if (upper) sql += upper->inclusive ? " AND sk<=?4" : " AND sk<?4";
    if (exclusive_start_sk) sql += forward ? " AND sk>?5" : " AND sk<?5";
    sql += forward ? " ORDER BY sk ASC" : " ORDER BY sk DESC";
    auto& s = cached(sql);
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{s};
    s.bind(1, table).bind_blob(2, pk);
    if (lower) s.bind_blob(3, lower->value);
    if (upper) s.bind_blob(4, upper->value);
    if (exclusive_start_sk) s.bind_blob(5, *exclusive_start_sk);
    while (s.step()) {
        ItemRow row{pk, s.column_blob(0), s.column_int(1), s.column_blob(2)};
        if (!visit(row)) break;
    }
}

void RegionStore::scan(std::int64_t table,
                       const std::optional<std::pair<std::string, std::string>>& after,
                       const std::function<bool(const ItemRow&)>& visit) {
    auto& s = cached(after ? "SELECT pk, sk, size, item FROM items WHERE table_id=?1 AND "
                             "(pk, sk) > (?2, ?3) ORDER BY pk, sk"
                           : "SELECT pk, sk, size, item FROM items WHERE table_id=?1 "
                             "ORDER BY pk, sk");
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{s};
    s.bind(1, table);
    if (after) s.bind_blob(2, after->first).bind_blob(3, after->second);
    while (s.step()) {
        ItemRow row{s.column_blob(0), s.column_blob(1), s.column_int(2), s.column_blob(3)};
        if (!visit(row)) break;
    }
}

}  // namespace tablespan::storage
