#pragma once

#include "decoder.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fw {

// ccsds: CCSDS Space Packets of the profile's APID, layout in ccsdsformat.h.
//
// Framing: idle packets (APID 2047) are skipped silently and other APIDs with version 0 are
// skipped by their length and counted UnknownApid. A header of ours with a wrong version, type
// or no secondary header is BadHeader, one with a length that does not fit the profile is
// BadLength; after either the decoder scans forward byte by byte to the next plausible header of
// ours (version 0, telemetry, secondary header, our APID, our length) and the whole skipped run
// counts as that one error. The sequence flags are not checked.
//
// Values: NaN is how the encoder writes a missing value, so it is read as missing without being
// counted; an infinite value is missing and counted NonFinite.
//
// An idle or foreign packet is skipped by its length unless a header of ours turns up inside:
// then that length was corrupt, and decoding goes on from our header (an idle packet's corrupt
// length counts BadLength; a foreign one was counted UnknownApid already). So a corrupt length
// never swallows our packets.
//
// At most one packet's worth of bytes is held between feeds, also while scanning garbage. At
// finish() a partial header or packet of ours, or a partial idle packet, counts as Truncated;
// the rest of a foreign packet is dropped without counting (its header was counted already).
//
// Keyed by APID (see Decoder::keyRecords), "ours" is every non-idle telemetry packet with a
// secondary header and the profile's length, each filed under the stream of its APID in
// decimal; a version-0 packet of another length is another kind of packet (UnknownApid).
class CcsdsDecoder final : public Decoder
{
public:
    explicit CcsdsDecoder(const Profile &profile);

    void feed(std::string_view data, SampleBlock &out) override;
    void finish(SampleBlock &out) override;
    void reset() override;

    // Bytes held for an unfinished header or packet; always less than one packet.
    [[nodiscard]] std::size_t bufferedBytes() const { return m_pending.size(); }

private:
    void keyingChanged() override;
    // Decodes the whole packets in data and returns the bytes used; stops at the start of a
    // header or packet that data does not hold completely.
    std::size_t process(std::string_view data, SampleBlock &out);
    void decodePacket(const unsigned char *packet, SampleBlock &out);
    [[nodiscard]] bool isOurHeader(const unsigned char *header) const;

    std::uint16_t m_id;        // word 0 of our packets
    std::uint16_t m_length;    // packet data length of our packets
    std::size_t m_packetBytes; // size of our packets
    int m_apid;
    double m_epoch;
    std::vector<double> m_row;  // reused for every packet
    std::string m_pending;      // an unfinished header or packet from the previous feed
    std::size_t m_skip = 0;     // bytes still to skip of an idle or foreign packet
    bool m_skipCounted = false; // the packet being skipped was counted (foreign, not idle)
    bool m_resyncing = false;   // scanning for a plausible header; the run is counted already
    bool m_anyApid = false;     // keyed by APID: packets of every APID with our layout are ours
};

} // namespace fw
