#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fw {

// The streams one source carries when a stream key names them (an MQTT topic or one of its
// levels: a vehicle, a bench, a spacecraft), each with its own detector state, sequence
// accounting and alarms. Ids are dense and start at 1; 0 is the stream of a source without a key
// (every row of a SampleBlock that carries no ids). The source thread adds streams; any thread
// reads. An entry, once added, stays at its address until the table goes.
class StreamTable
{
public:
    static constexpr std::uint32_t kNone = 0;
    static constexpr std::uint32_t kFull = std::numeric_limits<std::uint32_t>::max();
    // Not an id either: a record of a stream another instance of a sharded fleet keeps.
    static constexpr std::uint32_t kOtherShard = kFull - 1;
    // Streams at most: beyond it a new key's samples are refused and counted (see idOf), so that
    // a publisher inventing topics cannot take the memory.
    static constexpr std::size_t kDefaultLimit = 100000;

    struct Entry
    {
        explicit Entry(std::string k)
            : key(std::move(k))
        {}
        const std::string key;
        // Written by the source thread.
        std::atomic<std::uint64_t> samples{0};
        std::atomic<std::uint64_t> lost{0};
        std::atomic<double> newestT{std::numeric_limits<double>::quiet_NaN()};
        // Written by the detector thread (Pipeline's observer).
        std::atomic<std::uint64_t> scored{0};
        std::atomic<std::uint64_t> alarmsRaised{0};
        std::atomic<bool> alarmActive{false};
        std::atomic<int> severity{0}; // detect::Severity of the newest scored sample
        std::atomic<double> confidence{std::numeric_limits<double>::quiet_NaN()};
    };

    explicit StreamTable(std::size_t limit = kDefaultLimit)
        : m_limit(limit)
    {}

    // The id of the stream with this key, added when new; kFull when the table is full.
    [[nodiscard]] std::uint32_t idOf(std::string_view key);
    // Null for an id never given out.
    [[nodiscard]] Entry *entry(std::uint32_t id) const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t limit() const { return m_limit; }
    // Samples of streams the table had no room for.
    [[nodiscard]] std::uint64_t refusedSamples() const { return m_refused.load(); }
    void refuse(std::uint64_t samples) { m_refused.fetch_add(samples, std::memory_order_relaxed); }
    // Messages of streams another instance of a sharded fleet keeps (see StreamKey::shards).
    [[nodiscard]] std::uint64_t otherShardMessages() const { return m_otherShard.load(); }
    void passOver(std::uint64_t messages = 1)
    {
        m_otherShard.fetch_add(messages, std::memory_order_relaxed);
    }
    // The share of a sharded fleet this table's source keeps (1 of 1 when not sharded).
    void setShard(int shard, int shards)
    {
        m_shard.store(shard);
        m_shards.store(shards);
    }
    [[nodiscard]] int shard() const { return m_shard.load(); }
    [[nodiscard]] int shards() const { return m_shards.load(); }
    // Every entry, in the order the streams appeared; the pointers stay valid.
    [[nodiscard]] std::vector<Entry *> entries() const;

private:
    struct KeyHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const
        {
            return std::hash<std::string_view>{}(key);
        }
    };

    const std::size_t m_limit;
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<Entry>> m_entries; // id − 1
    std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> m_ids;
    std::atomic<std::uint64_t> m_refused{0};
    std::atomic<std::uint64_t> m_otherShard{0};
    std::atomic<int> m_shard{1};
    std::atomic<int> m_shards{1};
};

// The stream key a source's records are split by; from the URI's stream parameter.
struct StreamKey
{
    enum class Kind {
        None,  // one stream
        Topic, // an MQTT topic, whole or one level of it
        Field, // a field of each record (jsonl, csv)
        Apid,  // each CCSDS packet's APID
    };
    Kind kind = Kind::None;
    int level = 0;       // Topic: 1-based topic level that names the stream; 0 the whole topic
    std::string field{}; // Field: its name
    // This instance keeps the streams of shard `shard` of `shards` (1-based): those whose key's
    // 64-bit FNV-1a hash modulo shards is shard − 1. Each instance of a fleet subscribes to all
    // topics and keeps its share, so a stream stays with one instance whatever the broker does.
    int shard = 1;
    int shards = 1;

    // "none", "topic", "topic:N", "field:NAME" or "apid"; false with a reason in *error otherwise.
    [[nodiscard]] static bool parse(std::string_view text, StreamKey *key, std::string *error);
    [[nodiscard]] std::string toString() const;
    // Whether each record names its own stream (a field, the APID), rather than its input.
    [[nodiscard]] bool fromRecords() const { return kind == Kind::Field || kind == Kind::Apid; }
    // The key of a topic ("" when the topic has no such level).
    [[nodiscard]] std::string_view ofTopic(std::string_view topic) const;
    // "K/N" with 1 ≤ K ≤ N ≤ kMaxShards; false with a reason in *error otherwise.
    [[nodiscard]] bool parseShard(std::string_view text, std::string *error);
    // Whether the stream of this key is this instance's (always, unsharded).
    [[nodiscard]] bool owns(std::string_view key) const;
    [[nodiscard]] static int shardOf(std::string_view key, int shards);
    static constexpr int kMaxShards = 4096;
    bool operator==(const StreamKey &) const = default;
};

} // namespace fw
