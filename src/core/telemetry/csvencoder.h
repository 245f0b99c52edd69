#pragma once

#include "encoder.h"

#include <string>

namespace fw {

// The recording format: header "t,seq,<channel ids>", then one row per sample with the shortest
// numbers that read back exactly; a missing value or an absent seq is an empty field.
class CsvEncoder final : public Encoder
{
public:
    explicit CsvEncoder(const Profile &profile);

    [[nodiscard]] std::string header() const override { return m_header; }
    void encode(const SampleBlock &block, std::size_t row, std::string &out) const override;

private:
    std::string m_header;
    int m_channelCount;
};

} // namespace fw
