#pragma once

#include "encoder.h"

#include <cstdint>

namespace fw {

// One CCSDS Space Packet per sample, layout in ccsdsformat.h. The sequence count is the block's
// seq modulo 16384 (0 without one). A time before the profile's epoch is written as 0, one past
// the 32-bit coarse range as its largest value. Values are rounded to float32; missing ones are
// NaN.
class CcsdsEncoder final : public Encoder
{
public:
    explicit CcsdsEncoder(const Profile &profile);

    void encode(const SampleBlock &block, std::size_t row, std::string &out) const override;

private:
    std::uint16_t m_id;
    std::uint16_t m_length;
    double m_epoch;
    int m_channelCount;
};

} // namespace fw
