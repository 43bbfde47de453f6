#pragma once

// One region's SQLite database: the table catalog and the items of every table, keyed
// by (table id, encoded partition key, encoded sort key) so that a Query is an index
// range scan. Used only from its region's strand.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sqlite.h"

namespace tablespan::storage {

struct StoredTable {
    std::int64_t id;
    std::string name;
    std::string meta;  // JSON document
};

// A row as a range scan yields it: views valid only during the visitor call.
struct ItemRow {
    std::string_view pk;
    std::string_view sk;
    std::int64_t size;
    std::string_view item;
};

struct StoredVersion {
    std::int64_t hlc = 0;
    std::string origin;
    bool live = false;      // an item (true) or a tombstone (false)
    std::int64_t size = 0;  // of the live item
};

struct ChangeRow {
    std::int64_t seq = 0;
    std::string pk, sk;
    std::int64_t hlc = 0;
    std::int64_t written_at = 0;
    std::optional<std::string> item;  // nullopt: the item was deleted
    std::int64_t size = 0;
    std::int64_t committed_at = 0;  // filled in by the shipper (not stored)
};

// What a write appends to the change log: for replication (a local write of a global
// table: `ship`), for a stream (`stream_id` != 0), or both.
struct NewChange {
    std::int64_t table = 0;
    std::string_view pk, sk;
    std::int64_t hlc = 0;
    std::int64_t written_at = 0;
    std::optional<std::string_view> item;  // nullopt: a delete
    std::int64_t size = 0;
    std::int64_t stream_id = 0;
    int event = 0;  // 1 INSERT, 2 MODIFY, 3 REMOVE
    std::optional<std::string_view> old_item;
    std::string_view origin;  // empty: this region's own write
    bool by_ttl = false;
};

struct StoredStream {
    std::int64_t id = 0;
    std::string arn;
    std::string meta;  // JSON document
};

struct ShardRow {
    std::int64_t stream_id = 0;
    std::int64_t shard_no = 0;
    std::string shard_id;
    std::string parent_id;  // empty: none
    std::int64_t opened_at = 0;
    std::int64_t first_seq = 0;
    std::optional<std::int64_t> last_seq;  // nullopt: open
    std::int64_t closed_at = 0;
};

// A stream record as the change log holds it.
struct StreamRecordRow {
    std::int64_t seq = 0;
    std::string pk, sk;
    std::int64_t written_at = 0;
    int event = 0;
    std::optional<std::string> item, old_item;
    std::string origin;
    bool by_ttl = false;
};

struct ClientTokenRow {
    std::string request;
    std::string response;
    std::int64_t expires_at = 0;
};

struct LinkRow {
    std::int64_t table = 0;
    std::string destination;
    std::int64_t cursor = 0;
};

// An item (or, with no item, a tombstone) with its version.
struct VersionedRow {
    std::string pk, sk;
    std::int64_t hlc = 0;
    std::string origin;
    std::optional<std::string> item;
    std::int64_t size = 0;
};

// Where an entry stands in a secondary index: the index's keys, a tie-break for equal
// index keys, and the table key of its item (all encoded).
struct IndexEntryKey {
    std::string ipk, isk, tie, pk, sk;
};

// An index entry as a range scan yields it: views valid only during the visitor call.
struct IndexRow {
    std::string_view ipk, isk, tie, pk, sk;
    std::int64_t size;
    std::string_view item;  // the projected attributes (an ALL entry: the table item's)
};

struct RangeBound {
    std::string value;
    bool inclusive = true;
};

class RegionStore {
public:
    static constexpr int kSchemaVersion = 9;

    // Opens or creates the database at `path` and brings its schema up to date. Up to
    // `map_bytes` of the file are mapped into memory (EngineOptions::sqlite_map_bytes).
    explicit RegionStore(const std::string& path,
                         std::int64_t map_bytes = std::int64_t{256} * 1024 * 1024);

    Database& db() { return db_; }

    // Transactions: begin() starts one (BEGIN IMMEDIATE); savepoints nest inside it so
    // one failing request rolls back alone.
    void begin();
    void commit();
    void rollback();
    void savepoint();
    void release_savepoint();
    void rollback_to_savepoint();

    // Table catalog.
    std::vector<StoredTable> load_tables();
    std::int64_t insert_table(const std::string& name, const std::string& meta);
    void update_table(std::int64_t id, const std::string& meta);
    // Removes the table row and all of its items.
    void delete_table(std::int64_t id);

    // Items.
    // Copies the stored item bytes into `out`; false when absent.
    bool get_item(std::int64_t table, std::string_view pk, std::string_view sk, std::string& out);
    // The same, with the item's stored size (item_size() when it was written).
    bool get_item(std::int64_t table, std::string_view pk, std::string_view sk, std::string& out,
                  std::int64_t* size);
    // The stored size of an item, when present.
    std::optional<std::int64_t> get_item_size(std::int64_t table, std::string_view pk,
                                              std::string_view sk);
    // `hlc` and `origin` are the item's last-writer-wins version (see core/hlc.h).
    void put_item(std::int64_t table, std::string_view pk, std::string_view sk, std::int64_t size,
                  std::string_view item, std::int64_t hlc = 0, std::string_view origin = {});
    void delete_item(std::int64_t table, std::string_view pk, std::string_view sk);

    // Visits the items of one partition whose sort key lies within the bounds, in sort
    // key order (or reverse), starting after `exclusive_start_sk` when given. The
    // visitor returns false to stop.
    void query_partition(std::int64_t table, std::string_view pk,
                         const std::optional<RangeBound>& lower,
                         const std::optional<RangeBound>& upper, bool forward,
                         const std::optional<std::string>& exclusive_start_sk,
                         const std::function<bool(const ItemRow&)>& visit);

    // Visits every item of the table in (pk, sk) order, starting after the given key.
    void scan(std::int64_t table, const std::optional<std::pair<std::string, std::string>>& after,
              const std::function<bool(const ItemRow&)>& visit);

    // ---- secondary indexes (index_store.cpp) ----
    // Inserts an entry; false when one with this key is already there.
    bool insert_index_entry(std::int64_t table, std::int64_t index, const IndexEntryKey& key,
                            std::int64_t size, std::string_view item);
    // Replaces the entry with this key; false when there was none (nothing written).
    bool update_index_entry(std::int64_t table, std::int64_t index, const IndexEntryKey& key,
                            std::int64_t size, std::string_view item);
    // Removes the entry; false when there was none.
    bool delete_index_entry(std::int64_t table, std::int64_t index, const IndexEntryKey& key);
    // The bytes one partition key's item collection holds: its items and their entries
    // in the given (local) indexes.
    std::int64_t collection_size(std::int64_t table, std::string_view pk,
                                 const std::vector<std::int64_t>& local_indexes);
    // The size kept for one item collection (see collection_size); nullopt when none is
    // kept yet.
    std::optional<std::int64_t> kept_collection_size(std::int64_t table, std::string_view pk);
    // Keeps `size` for the collection; a size of 0 or less forgets it.
    void keep_collection_size(std::int64_t table, std::string_view pk, std::int64_t size);
    // Removes every entry of one index.
    void delete_index(std::int64_t table, std::int64_t index);
    // Visits the entries of one index partition whose index sort key lies within the
    // bounds, in (index sort key, tie, table key) order or its reverse, starting after
    // `after` when given. The visitor returns false to stop.
    void query_index(std::int64_t table, std::int64_t index, std::string_view ipk,
                     const std::optional<RangeBound>& lower, const std::optional<RangeBound>& upper,
                     bool forward, const std::optional<IndexEntryKey>& after,
                     const std::function<bool(const IndexRow&)>& visit);
    // Visits every entry of an index in key order, starting after `after`.
    void scan_index(std::int64_t table, std::int64_t index,
                    const std::optional<IndexEntryKey>& after,
                    const std::function<bool(const IndexRow&)>& visit);

    // ---- global tables (replication_store.cpp) ----
    // The version an item or its tombstone carries; nullopt when the key never held one.
    std::optional<StoredVersion> get_version(std::int64_t table, std::string_view pk,
                                             std::string_view sk);
    void put_tombstone(std::int64_t table, std::string_view pk, std::string_view sk,
                       std::int64_t hlc, std::string_view origin, std::int64_t deleted_at);
    void delete_tombstone(std::int64_t table, std::string_view pk, std::string_view sk);
    std::int64_t prune_tombstones(std::int64_t table, std::int64_t deleted_before);
    // Appends to the change log (item empty: a delete); returns its sequence number.
    std::int64_t append_change(std::int64_t table, std::string_view pk, std::string_view sk,
                               std::int64_t hlc, std::int64_t written_at,
                               std::optional<std::string_view> item, std::int64_t size);
    // Changes of `table` with after < seq <= up_to, in order, at most `limit`.
    std::vector<ChangeRow> changes_after(std::int64_t table, std::int64_t after, std::int64_t up_to,
                                         std::size_t limit);
    std::int64_t count_changes_after(std::int64_t table, std::int64_t after);
    // The highest sequence number the change log ever handed out.
    std::int64_t last_change_seq();
    // Drops shipped changes (seq <= up_to) that no stream holds, or that a stream holds
    // but wrote before `stream_before` (past retention).
    void prune_changes(std::int64_t table, std::int64_t up_to, std::int64_t stream_before = 0);
    std::vector<LinkRow> load_links();
    void set_link(std::int64_t table, std::string_view destination, std::int64_t cursor);
    void delete_link(std::int64_t table, std::string_view destination);
    // The highest sequence number applied from `origin` (0 when none).
    std::int64_t received(std::int64_t table, std::string_view origin);
    // The version of that change (0 when none).
    std::int64_t received_hlc(std::int64_t table, std::string_view origin);
    void set_received(std::int64_t table, std::string_view origin, std::int64_t seq,
                      std::int64_t hlc);
    // Items and tombstones whose version came from a region of `floors` and is newer
    // than that region's floor (what a peer may not have seen yet); `keys` empty: the
    // whole table, else only those keys.
    std::vector<VersionedRow> rows_newer(
        std::int64_t table, const std::map<std::string, std::int64_t>& floors,
        const std::vector<std::pair<std::string, std::string>>& keys);
    // Items and tombstones with their versions, in key order after `after`, for backfill.
    std::vector<VersionedRow> versioned_rows(
        std::int64_t table, const std::optional<std::pair<std::string, std::string>>& after,
        std::size_t limit);
    std::vector<VersionedRow> tombstones(std::int64_t table);
    // ---- streams (stream_store.cpp) ----
    std::int64_t append_change(const NewChange& change);
    std::vector<StoredStream> load_streams();
    std::int64_t insert_stream(std::string_view arn, std::string_view meta);
    void update_stream(std::int64_t id, std::string_view meta);
    void delete_stream(std::int64_t id);
    std::vector<ShardRow> load_shards(std::int64_t stream);
    void put_shard(const ShardRow& shard);
    // Records of `stream` with from <= seq <= to, in order, at most `limit`.
    std::vector<StreamRecordRow> stream_records(std::int64_t stream, std::int64_t from,
                                                std::int64_t to, std::size_t limit);
    // The first record of `stream` at or after `from`: its seq and written_at.
    std::optional<std::pair<std::int64_t, std::int64_t>> first_stream_record(std::int64_t stream,
                                                                             std::int64_t from);
    // The highest seq of a record of `stream` at or after `from` written before `before`
    // (0: none).
    std::int64_t last_stream_record_before(std::int64_t stream, std::int64_t from,
                                           std::int64_t before);
    // The origin (empty: this region) and TTL flag of one record, if it is still held.
    std::optional<std::pair<std::string, bool>> stream_record_source(std::int64_t stream,
                                                                     std::int64_t seq);
    // Deletes records of `stream` written before `before`, except local writes of a
    // global table not shipped yet (seq > `shipped`); returns the highest seq deleted.
    std::int64_t trim_stream(std::int64_t stream, std::int64_t before, std::int64_t shipped);

    // ---- MRSC witnesses (witness_store.cpp) ----
    // Tables this region witnesses: name → metadata (JSON).
    std::vector<std::pair<std::string, std::string>> witness_tables();
    void put_witness_table(std::string_view name, std::string_view meta);
    // Forgets the table and everything it kept for it.
    void delete_witness_table(std::string_view name);
    std::optional<StoredVersion> witness_version(std::string_view table, std::string_view pk,
                                                 std::string_view sk);
    void put_witness_item(std::string_view table, const VersionedRow& row);
    std::pair<std::int64_t, std::int64_t> witness_received(std::string_view table,
                                                           std::string_view origin);
    void set_witness_received(std::string_view table, std::string_view origin, std::int64_t seq,
                              std::int64_t hlc);
    // As rows_newer, from what the witness keeps.
    std::vector<VersionedRow> witness_rows_newer(
        std::string_view table, const std::map<std::string, std::int64_t>& floors,
        const std::vector<std::pair<std::string, std::string>>& keys);

    // ---- transactions (client_token_store.cpp) ----
    std::optional<ClientTokenRow> client_token(std::string_view token);
    // Stores (or replaces) the token's request and answer.
    void put_client_token(std::string_view token, std::string_view request,
                          std::string_view response, std::int64_t expires_at);
    void prune_client_tokens(std::int64_t expired_before);

    // Small named integers of the region (its hybrid logical clock, …).
    std::int64_t state(std::string_view name);
    void set_state(std::string_view name, std::int64_t value);

private:
    void migrate();
    // Prepared once per distinct SQL text (range scans build a few variants).
    Statement& cached(const std::string& sql);

    Database db_;
    Statement begin_, commit_, rollback_, savepoint_, release_, rollback_to_;
    Statement get_, get_size_, put_, delete_;
    std::unordered_map<std::string, Statement> cache_;
};

}  // namespace tablespan::storage
