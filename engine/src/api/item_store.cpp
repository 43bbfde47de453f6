#include "api/item_store.h"

#include "api/recovery.h"
#include "core/region.h"
#include "core/replicator.h"
#include "indexes/index_entries.h"
#include "indexes/item_collections.h"
#include "streams/region_streams.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

std::optional<Item> ItemStore::get(const StorageKey& key) {
    if (!region_.store().get_item(table_.id, key.pk, key.sk, buffer_)) return std::nullopt;
    return deserialize_item(buffer_);
}

void ItemStore::put(const StorageKey& key, const Item& item, std::size_t size,
                    const std::optional<Item>& old) {
    const std::int64_t growth =
        indexes::collection_growth(table_, key.pk, key.sk, old ? &*old : nullptr,
                                   old ? static_cast<std::int64_t>(item_size(*old)) : 0, &item,
                                   static_cast<std::int64_t>(size));
    indexes::check_collection_growth(region_, table_, key.pk, growth);
    check_replicated_conflict(key);
    region_.recovery().before_write(table_, key);
    region_.begin_write();
    const std::int64_t hlc = region_.next_hlc();
    const std::string bytes = serialize_item(item);
    region_.store().put_item(table_.id, key.pk, key.sk, static_cast<std::int64_t>(size), bytes, hlc,
                             region_.code());
    if (!table_.indexes.empty())
        indexes::update_entries(region_.store(), table_, key.pk, key.sk, old ? &*old : nullptr,
                                &item, static_cast<std::int64_t>(size));
    if (table_.group.global() && !old) region_.store().delete_tombstone(table_.id, key.pk, key.sk);
    log(Write{
        key, hlc, bytes, static_cast<std::int64_t>(size), old ? &*old : nullptr, &item, {}, false});
    if (old) {
        table_.size_bytes +=
            static_cast<std::int64_t>(size) - static_cast<std::int64_t>(item_size(*old));
    } else {
        table_.item_count += 1;
        table_.size_bytes += static_cast<std::int64_t>(size);
    }
    indexes::note_collection_growth(region_, table_, key.pk, growth);
    region_.note_items_changed(table_, 1);
}

void ItemStore::remove(const StorageKey& key, const Item& old, bool by_ttl) {
    check_replicated_conflict(key);
    region_.recovery().before_write(table_, key);
    region_.begin_write();
    region_.store().delete_item(table_.id, key.pk, key.sk);
    if (!table_.indexes.empty())
        indexes::update_entries(region_.store(), table_, key.pk, key.sk, &old, nullptr);
    std::int64_t hlc = 0;
    if (table_.group.global()) {
        hlc = region_.next_hlc();
        region_.store().put_tombstone(table_.id, key.pk, key.sk, hlc, region_.code(),
                                      region_.now());
    }
    log(Write{key, hlc, std::nullopt, 0, &old, nullptr, {}, by_ttl});
    const auto old_size = static_cast<std::int64_t>(item_size(old));
    table_.item_count -= 1;
    table_.size_bytes -= old_size;
    indexes::note_collection_growth(
        region_, table_, key.pk,
        indexes::collection_growth(table_, key.pk, key.sk, &old, old_size, nullptr, 0));
    region_.note_items_changed(table_, 1);
}

void ItemStore::check_replicated_conflict(const StorageKey& key) {
    if (!table_.group.strong) return;
    auto current = region_.store().get_version(table_.id, key.pk, key.sk);
    if (region_.core().mrsc_writes->conflicts(table_.name, std::string(region_.code()), key.pk,
                                              key.sk, current))
        throw ApiError("ReplicatedWriteConflictException",
                       "The request was rejected because one or more items in the request are "
                       "being modified by a request in another Region.",
                       409);
}

void ItemStore::apply_replicated(const StorageKey& key, std::int64_t hlc, std::string_view origin,
                                 const std::optional<std::string>& item, std::int64_t size,
                                 const std::optional<storage::StoredVersion>& current) {
    region_.recovery().before_write(table_, key);
    region_.begin_write();
    auto& store = region_.store();
    const bool was_live = current && current->live;
    std::int64_t growth = 0;
    const bool streamed = region_.streams().active(table_) != nullptr;
    std::optional<Item> before;
    std::optional<Item> after;
    if (streamed || !table_.indexes.empty()) {
        if (was_live) before = get(key);
        if (item) after = deserialize_item(*item);
    }
    if (!table_.indexes.empty()) {
        // The indexes follow the winning change: from what the key held to what it holds.
        // An item collection may grow past its limit here: the origin region accepted
        // the write, and a replica applies what was accepted.
        indexes::update_entries(store, table_, key.pk, key.sk, before ? &*before : nullptr,
                                after ? &*after : nullptr, size);
        growth = indexes::collection_growth(table_, key.pk, key.sk, before ? &*before : nullptr,
                                            was_live ? current->size : 0, after ? &*after : nullptr,
                                            item ? size : 0);
    }
    if (item) {
        store.put_item(table_.id, key.pk, key.sk, size, *item, hlc, origin);
        if (current && !current->live) store.delete_tombstone(table_.id, key.pk, key.sk);
        if (was_live) {
            table_.size_bytes += size - current->size;
        } else {
            table_.item_count += 1;
            table_.size_bytes += size;
        }
    } else {
        if (was_live) {
            store.delete_item(table_.id, key.pk, key.sk);
            table_.item_count -= 1;
            table_.size_bytes -= current->size;
        }
        store.put_tombstone(table_.id, key.pk, key.sk, hlc, origin, region_.now());
    }
    if (streamed) {
        std::optional<std::string_view> bytes;
        if (item) bytes = *item;
        log(Write{key, hlc, bytes, size, before ? &*before : nullptr, after ? &*after : nullptr,
                  origin, false});
    }
    indexes::note_collection_growth(region_, table_, key.pk, growth);
    region_.note_items_changed(table_, 1);
}

void ItemStore::log(const Write& w) {
    const bool ship = w.origin.empty() && table_.group.global();
    streams::Stream* stream = region_.streams().active(table_);
    const bool changed = w.old ? !w.now || !(*w.old == *w.now) : w.now != nullptr;
    if (!ship && !(stream && changed)) return;
    storage::NewChange c;
    c.table = table_.id;
    c.pk = w.key.pk;
    c.sk = w.key.sk;
    c.hlc = w.hlc;
    c.written_at = region_.now();
    c.item = w.bytes;
    c.size = w.size;
    std::string old_bytes;
    if (stream && changed) {
        region_.streams().roll(*stream);
        c.stream_id = stream->id;
        c.event = static_cast<int>(!w.old  ? streams::EventName::Insert
                                   : w.now ? streams::EventName::Modify
                                           : streams::EventName::Remove);
        if (w.old && stream->wants_old()) {
            old_bytes = serialize_item(*w.old);
            c.old_item = old_bytes;
        }
        c.origin = w.origin;
        c.by_ttl = w.by_ttl;
        if (!ship && !stream->wants_new()) c.item.reset();  // nobody reads it
    }
    const std::int64_t seq = region_.store().append_change(c);
    if (ship) region_.replicator().note_local_change(table_, seq);
    if (ship && table_.group.strong)
        region_.note_strong_write(table_, w.key.pk, w.key.sk, w.hlc, seq);
}

}  // namespace tablespan::api
