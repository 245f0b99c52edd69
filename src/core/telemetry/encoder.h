#pragma once

#include "sampleblock.h"
#include "wireformat.h"

#include <cstddef>
#include <memory>
#include <string>

namespace fw {

struct Profile;

// Turns samples into the wire format that makeDecoder() reads back. Missing values are written
// as null (jsonl), an empty field (csv) or NaN (ccsds).
class Encoder
{
public:
    virtual ~Encoder() = default;

    // Text that starts a stream: the csv header line; empty for jsonl and ccsds.
    [[nodiscard]] virtual std::string header() const { return {}; }
    // Appends one record (a line with its newline, or one packet) for this row.
    virtual void encode(const SampleBlock &block, std::size_t row, std::string &out) const = 0;
};

[[nodiscard]] std::unique_ptr<Encoder> makeEncoder(WireFormat format, const Profile &profile);

} // namespace fw
