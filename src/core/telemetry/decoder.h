#pragma once

#include "decodeerror.h"
#include "sampleblock.h"
#include "wireformat.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace fw {

struct Profile;

// A streaming decoder: bytes in, samples out. Input may be split anywhere across feed() calls;
// a bad record is counted in errors() and skipped, and decoding goes on with the next one.
// Not thread-safe: each source connection owns its own decoder.
class Decoder
{
public:
    virtual ~Decoder() = default;

    // Appends every record completed by these bytes to out.
    virtual void feed(std::string_view data, SampleBlock &out) = 0;
    // Ends the stream (or a datagram): a trailing line without newline is decoded, a partial
    // CCSDS packet is counted as Truncated.
    virtual void finish(SampleBlock &out) = 0;
    // Forgets any partial record and per-stream state (csv header) without counting anything,
    // e.g. when a TCP connection is replaced.
    virtual void reset() = 0;

    // One datagram holds whole records: decode them all and count a partial one.
    void feedDatagram(std::string_view datagram, SampleBlock &out)
    {
        feed(datagram, out);
        finish(out);
    }

    [[nodiscard]] const DecodeCounts &errors() const { return m_errors; }

    // The stream id a record's key is filed under (see StreamTable and SourceWorker).
    using StreamLookup = std::function<std::uint32_t(std::string_view key)>;
    // Records that name their own stream: each decoded row is filed under lookup(key), where
    // the key is the record's `field` (jsonl, csv) or its APID in decimal (ccsds, which then
    // takes packets of every APID laid out as the profile says). A jsonl or csv record without
    // the field is refused and counted MissingStream.
    void keyRecords(StreamLookup lookup, std::string field)
    {
        m_lookup = std::move(lookup);
        m_keyField = std::move(field);
        keyingChanged();
    }
    [[nodiscard]] bool keysRecords() const { return bool(m_lookup); }

protected:
    virtual void keyingChanged() {}
    // Files the last row of out under the stream of this key.
    void fileLastRow(SampleBlock &out, std::string_view key) const
    {
        out.setStream(out.size() - 1, m_lookup(key));
    }

    DecodeCounts m_errors;
    StreamLookup m_lookup;
    std::string m_keyField;
};

[[nodiscard]] std::unique_ptr<Decoder> makeDecoder(WireFormat format, const Profile &profile);

} // namespace fw
