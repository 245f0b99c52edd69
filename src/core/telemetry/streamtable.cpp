#include "streamtable.h"

#include <algorithm>
#include <charconv>

namespace fw {

std::uint32_t StreamTable::idOf(std::string_view key)
{
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_ids.find(key); it != m_ids.end()) {
        return it->second;
    }
    if (m_entries.size() >= m_limit) {
        return kFull;
    }
    m_entries.push_back(std::make_unique<Entry>(std::string(key)));
    const auto id = std::uint32_t(m_entries.size());
    m_ids.emplace(std::string(key), id);
    return id;
}

StreamTable::Entry *StreamTable::entry(std::uint32_t id) const
{
    const std::lock_guard lock(m_mutex);
    if (id == kNone || id > m_entries.size()) {
        return nullptr;
    }
    return m_entries[id - 1].get();
}

std::size_t StreamTable::size() const
{
    const std::lock_guard lock(m_mutex);
    return m_entries.size();
}

std::vector<StreamTable::Entry *> StreamTable::entries() const
{
    const std::lock_guard lock(m_mutex);
    std::vector<Entry *> all;
    all.reserve(m_entries.size());
    for (const auto &entry : m_entries) {
        all.push_back(entry.get());
    }
    return all;
}

bool StreamKey::parse(std::string_view text, StreamKey *key, std::string *error)
{
    if (text == "none") {
        *key = {};
        return true;
    }
    if (text == "topic") {
        *key = {Kind::Topic, 0, {}};
        return true;
    }
    constexpr std::string_view prefix = "topic:";
    if (text.starts_with(prefix)) {
        const std::string_view digits = text.substr(prefix.size());
        int level = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), level);
        if (ec == std::errc() && end == digits.data() + digits.size() && level >= 1
            && level <= 64) {
            *key = {Kind::Topic, level, {}};
            return true;
        }
    }
    if (text == "apid") {
        *key = {Kind::Apid, 0, {}};
        return true;
    }
    constexpr std::string_view fieldPrefix = "field:";
    if (text.starts_with(fieldPrefix)) {
        const std::string_view name = text.substr(fieldPrefix.size());
        // The time and sequence fields name no stream; the rest must be printable to be found.
        const bool printable = std::all_of(name.begin(), name.end(), [](char c) {
            return std::uint8_t(c) >= 0x20 && c != 0x7F && c != '"' && c != '\\';
        });
        if (name.empty() || name.size() > 256 || !printable) {
            *error = "stream: field:NAME needs a name of 1 to 256 printable characters "
                     "without quotes or backslashes, got '"
                     + std::string(text) + "'";
            return false;
        }
        for (std::string_view reserved : {"t", "seq", "timestamp", "datetime"}) {
            if (name == reserved) {
                *error = "stream: '" + std::string(name)
                         + "' holds each record's time or sequence number, not its stream";
                return false;
            }
        }
        *key = {Kind::Field, 0, std::string(name)};
        return true;
    }
    *error = "stream: '" + std::string(text)
             + "' is not a stream key (none, topic, topic:N for the Nth level of the topic, "
               "field:NAME for a field of each record, or apid)";
    return false;
}

std::string StreamKey::toString() const
{
    switch (kind) {
    case Kind::None:
        return "none";
    case Kind::Topic:
        return level == 0 ? std::string("topic") : "topic:" + std::to_string(level);
    case Kind::Field:
        return "field:" + field;
    case Kind::Apid:
        return "apid";
    }
    return {};
}

std::string_view StreamKey::ofTopic(std::string_view topic) const
{
    if (kind != Kind::Topic) {
        return {};
    }
    if (level == 0) {
        return topic;
    }
    std::size_t from = 0;
    for (int i = 1; i < level; ++i) {
        const std::size_t slash = topic.find('/', from);
        if (slash == std::string_view::npos) {
            return {};
        }
        from = slash + 1;
    }
    const std::size_t end = topic.find('/', from);
    return topic.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
}

bool StreamKey::parseShard(std::string_view text, std::string *error)
{
    const std::size_t slash = text.find('/');
    int k = 0;
    int n = 0;
    const auto parsed = [](std::string_view part, int *out) {
        const auto [end, code] = std::from_chars(part.data(), part.data() + part.size(), *out);
        return code == std::errc() && end == part.data() + part.size();
    };
    if (slash == std::string_view::npos || !parsed(text.substr(0, slash), &k)
        || !parsed(text.substr(slash + 1), &n) || n < 1 || n > kMaxShards || k < 1 || k > n) {
        *error = "shard: expected K/N with 1 <= K <= N <= " + std::to_string(kMaxShards) + ", got '"
                 + std::string(text) + "'";
        return false;
    }
    shard = k;
    shards = n;
    return true;
}

int StreamKey::shardOf(std::string_view key, int shards)
{
    // FNV-1a: simple enough to compute anywhere else (a script placing vehicles), and stable
    // across builds, unlike std::hash.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        hash = (hash ^ std::uint8_t(c)) * 0x100000001b3ULL;
    }
    return int(hash % std::uint64_t(std::max(shards, 1))) + 1;
}

bool StreamKey::owns(std::string_view key) const
{
    return shards <= 1 || shardOf(key, shards) == shard;
}

} // namespace fw
