#pragma once

// One region's SQLite database: the table catalog and the items of every table, keyed
// by (table id, encoded partition key, encoded sort key) so that a Query is an index
// range scan. Used only from its region's strand.

#include <cstdint>
#include <functional>
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

struct RangeBound {
    std::string value;
    bool inclusive = true;
};

class RegionStore {
public:
    static constexpr int kSchemaVersion = 1;

    // Opens or creates the database at `path` and brings its schema up to date.
    explicit RegionStore(const std::string& path);

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
    // The stored size of an item, when present.
    std::optional<std::int64_t> get_item_size(std::int64_t table, std::string_view pk,
                                              std::string_view sk);
    void put_item(std::int64_t table, std::string_view pk, std::string_view sk, std::int64_t size,
                  std::string_view item);
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
