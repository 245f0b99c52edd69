#include "ccsdsdecoder.h"

#include "ccsdsformat.h"
#include "profile.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

namespace fw {

CcsdsDecoder::CcsdsDecoder(const Profile &profile)
    : m_id(ccsds::packetId(profile.apid))
    , m_length(ccsds::lengthField(profile.channelCount()))
    , m_packetBytes(ccsds::packetBytes(profile.channelCount()))
    , m_apid(profile.apid)
    , m_epoch(profile.epoch)
    , m_row(std::size_t(profile.channelCount()))
{}

void CcsdsDecoder::feed(std::string_view data, SampleBlock &out)
{
    if (!m_pending.empty()) {
        // Complete the unfinished record with at most one packet's worth of new bytes: enough
        // for process() to get past the old bytes, after which the rest is read in place.
        const std::size_t old = m_pending.size();
        const std::size_t take = std::min(data.size(), m_packetBytes);
        m_pending.append(data.substr(0, take));
        const std::size_t used = process(m_pending, out);
        if (used < old) {
            m_pending.erase(0, used);
            m_pending.append(data.substr(take));
            return;
        }
        data.remove_prefix(used - old);
        m_pending.clear();
    }
    const std::size_t used = process(data, out);
    m_pending.assign(data.substr(used));
}

void CcsdsDecoder::finish(SampleBlock &)
{
    // A partial packet of ours, or an idle one (a foreign one was counted at its header).
    if ((!m_pending.empty() && !m_resyncing && m_skip == 0) || (m_skip > 0 && !m_skipCounted)) {
        m_errors.add(DecodeError::Truncated);
    }
    reset();
}

void CcsdsDecoder::reset()
{
    m_pending.clear();
    m_skip = 0;
    m_resyncing = false;
}

void CcsdsDecoder::keyingChanged()
{
    m_anyApid = keysRecords();
}

bool CcsdsDecoder::isOurHeader(const unsigned char *header) const
{
    const std::uint16_t word0 = ccsds::readBe16(header);
    if (ccsds::readBe16(header + 4) != m_length) {
        return false;
    }
    if (!m_anyApid) {
        return word0 == m_id;
    }
    // Keyed by APID: every telemetry packet of our layout but the idle one.
    return (word0 & ~ccsds::kApidMask) == (m_id & ~ccsds::kApidMask)
           && (word0 & ccsds::kApidMask) != ccsds::kIdleApid;
}

std::size_t CcsdsDecoder::process(std::string_view data, SampleBlock &out)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    const std::size_t size = data.size();
    std::size_t pos = 0;
    for (;;) {
        if (m_skip > 0) {
            // A header of ours wholly inside what its length says to skip means that length
            // was corrupt: stop there rather than swallow our packets (up to 64 KiB of them).
            const std::size_t end = pos + std::min(m_skip, size - pos);
            std::size_t at = pos;
            while (at + ccsds::kPrimaryHeaderBytes <= end && !isOurHeader(bytes + at)) {
                ++at;
            }
            if (at + ccsds::kPrimaryHeaderBytes <= end) {
                if (!m_skipCounted) {
                    m_errors.add(DecodeError::BadLength); // an idle packet's length
                }
                m_skip = 0;
                pos = at;
                continue;
            }
            // The packet goes on past these bytes: keep the last few, which may begin a header
            // of ours, to look again with the next.
            const std::size_t available = end - pos;
            const std::size_t keep
                = m_skip > available ? std::min(ccsds::kPrimaryHeaderBytes - 1, available) : 0;
            const std::size_t n = available - keep;
            pos += n;
            m_skip -= n;
            if (m_skip > 0) {
                return pos;
            }
        }
        if (m_resyncing) {
            while (pos + ccsds::kPrimaryHeaderBytes <= size && !isOurHeader(bytes + pos)) {
                ++pos;
            }
            if (pos + ccsds::kPrimaryHeaderBytes > size) {
                return pos;
            }
            m_resyncing = false;
        }
        if (size - pos < ccsds::kPrimaryHeaderBytes) {
            return pos;
        }
        const unsigned char *header = bytes + pos;
        if (isOurHeader(header)) {
            if (size - pos < m_packetBytes) {
                return pos;
            }
            decodePacket(header, out);
            pos += m_packetBytes;
            continue;
        }
        const std::uint16_t word0 = ccsds::readBe16(header);
        const int apid = word0 & ccsds::kApidMask;
        const int version = header[0] >> 5;
        const std::size_t totalBytes = ccsds::kPrimaryHeaderBytes + 1 + ccsds::readBe16(header + 4);
        DecodeError error = DecodeError::BadLength;
        if (version == 0 && apid == ccsds::kIdleApid) {
            m_skip = totalBytes;
            m_skipCounted = false;
            continue;
        }
        // Keyed by APID, a packet of another layout is another kind of packet, not ours corrupt.
        if (version == 0 && (apid != m_apid || m_anyApid)) {
            m_errors.add(DecodeError::UnknownApid);
            m_skip = totalBytes;
            m_skipCounted = true;
            continue;
        }
        if (version != 0 || (word0 & ccsds::kTypeTelecommand) != 0
            || (word0 & ccsds::kSecondaryHeaderFlag) == 0) {
            error = DecodeError::BadHeader;
        }
        // The framing is lost: count this run once and look for the next header of ours.
        m_errors.add(error);
        m_resyncing = true;
        ++pos;
    }
}

void CcsdsDecoder::decodePacket(const unsigned char *packet, SampleBlock &out)
{
    Q_ASSERT(out.channelCount() == int(m_row.size()));
    const auto seq = std::int64_t(ccsds::readBe16(packet + 2) & ccsds::kSequenceMask);
    const std::uint32_t coarse = ccsds::readBe32(packet + ccsds::kPrimaryHeaderBytes);
    const std::uint16_t fine = ccsds::readBe16(packet + ccsds::kPrimaryHeaderBytes + 4);
    const double t = m_epoch + (double(coarse) + double(fine) / ccsds::kFineTicksPerSecond);
    const unsigned char *value = packet + ccsds::kHeaderBytes;
    int nonFinite = 0;
    for (double &v : m_row) {
        const auto f = std::bit_cast<float>(ccsds::readBe32(value));
        value += ccsds::kValueBytes;
        v = double(f);
        nonFinite += std::isinf(f) ? 1 : 0;
    }
    if (nonFinite > 0) {
        m_errors.add(DecodeError::NonFinite, std::uint64_t(nonFinite));
    }
    out.append(t, seq, m_row);
    if (m_anyApid) {
        std::array<char, 8> digits{};
        const auto apid = ccsds::readBe16(packet) & ccsds::kApidMask;
        const char *end = std::to_chars(digits.data(), digits.data() + digits.size(), apid).ptr;
        fileLastRow(out, std::string_view(digits.data(), std::size_t(end - digits.data())));
    }
}

} // namespace fw
