#pragma once

#include "decodeerror.h"
#include "sampleblock.h"
#include "wireformat.h"

#include <memory>
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

protected:
    DecodeCounts m_errors;
};

[[nodiscard]] std::unique_ptr<Decoder> makeDecoder(WireFormat format, const Profile &profile);

} // namespace fw
