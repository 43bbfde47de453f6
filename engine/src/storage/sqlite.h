#pragma once

// A thin RAII layer over the SQLite C API. Every value is bound, never spliced into SQL.
// Errors throw StorageError; a Database is used from one thread at a time (its region's
// strand).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tablespan::storage {

class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding: indexes start at 1, as in SQLite. Text and blobs are copied only when
    // `copy` is set; otherwise they must outlive the next step()/reset().
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind_text(int index, std::string_view value);
    Statement& bind_blob(int index, std::string_view value);
    Statement& bind_null(int index);

    // Advances; returns true while a row is available.
    bool step();
    // Runs a statement that returns no rows, then resets it.
    void run();
    void reset();

    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string_view column_blob(int index) const;  // valid until the next step/reset
    std::string column_text(int index) const;
    bool column_is_null(int index) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    // ReadWrite: opens (creating if needed) the file in WAL mode with synchronous=FULL, so
    // that a commit that returned survives a crash of the process or the machine.
    // ReadOnly: opens an existing file for reading only (StorageError when it is missing),
    // leaving its settings alone: another region's files, read by a cross-region restore.
    explicit Database(const std::string& path, Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t changes() const;
    std::int64_t last_insert_rowid() const;
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// Runs the statements of `sql` inside a transaction, rolling back on exception.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace tablespan::storage
