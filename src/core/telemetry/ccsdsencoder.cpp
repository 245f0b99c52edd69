#include "ccsdsencoder.h"

#include "ccsdsformat.h"
#include "profile.h"

#include <bit>
#include <cmath>
#include <limits>

namespace fw {

namespace {

void appendBe16(std::string &out, std::uint16_t v)
{
    out.push_back(char(v >> 8));
    out.push_back(char(v & 0xFF));
}

void appendBe32(std::string &out, std::uint32_t v)
{
    appendBe16(out, std::uint16_t(v >> 16));
    appendBe16(out, std::uint16_t(v & 0xFFFF));
}

} // namespace

CcsdsEncoder::CcsdsEncoder(const Profile &profile)
    : m_id(ccsds::packetId(profile.apid))
    , m_length(ccsds::lengthField(profile.channelCount()))
    , m_epoch(profile.epoch)
    , m_channelCount(profile.channelCount())
{}

void CcsdsEncoder::encode(const SampleBlock &block, std::size_t row, std::string &out) const
{
    Q_ASSERT(block.channelCount() == m_channelCount);
    const std::int64_t seq = block.seq(row);
    const auto count = std::uint16_t(seq == SampleBlock::kNoSeq ? 0 : seq & ccsds::kSequenceMask);
    appendBe16(out, m_id);
    appendBe16(out, ccsds::kUnsegmented | count);
    appendBe16(out, m_length);

    constexpr double kMaxCoarse = 4294967295.0;
    const double sinceEpoch = block.t(row) - m_epoch;
    double coarse = 0;
    double fine = 0;
    if (sinceEpoch >= kMaxCoarse + 1) {
        coarse = kMaxCoarse;
        fine = ccsds::kFineTicksPerSecond - 1;
    } else if (sinceEpoch > 0) { // also false for NaN
        coarse = std::floor(sinceEpoch);
        fine = std::round((sinceEpoch - coarse) * ccsds::kFineTicksPerSecond);
        if (fine >= ccsds::kFineTicksPerSecond) {
            fine = 0;
            coarse += 1;
            if (coarse > kMaxCoarse) {
                coarse = kMaxCoarse;
                fine = ccsds::kFineTicksPerSecond - 1;
            }
        }
    }
    appendBe32(out, std::uint32_t(coarse));
    appendBe16(out, std::uint16_t(fine));

    for (int c = 0; c < m_channelCount; ++c) {
        const float v = block.isMissing(row, c) ? std::numeric_limits<float>::quiet_NaN()
                                                : float(block.value(row, c));
        appendBe32(out, std::bit_cast<std::uint32_t>(v));
    }
}

} // namespace fw
