#pragma once

#include "random.h"
#include "telemetry/wireformat.h"

#include <cstdint>
#include <string>

namespace fw {

struct Profile;

// Makes encoded records malformed for `simulate --corrupt`, to exercise a receiver's error
// accounting. A corrupted record decodes (makeDecoder) to exactly one decode error and no sample,
// and keeps the framing of the stream: a jsonl or csv record stays one line with its newline, a
// ccsds packet keeps its length and is skipped by it. Which damage each record gets is drawn from
// the seed, so a run is repeatable.
class Corruptor
{
public:
    enum class Kind {
        None,            // the record was too short to damage and was left alone
        TruncatedJson,   // jsonl: the object cut short
        MissingBrace,    // jsonl: no closing brace
        GarbageValue,    // jsonl: a value that is not JSON
        NonNumericField, // csv: a channel field that is not a number
        MissingField,    // csv: one field fewer than the header
        ExtraField,      // csv: one field more than the header
        ForeignApid,     // ccsds: an APID the profile does not have (not the idle APID)
    };

    Corruptor(WireFormat format, const Profile &profile, std::uint64_t seed);

    // Damages one whole record in place (a line with its newline, or one packet).
    Kind corrupt(std::string &record);

private:
    Kind corruptJsonl(std::string &record);
    Kind corruptCsv(std::string &record);
    Kind corruptCcsds(std::string &record);
    [[nodiscard]] std::size_t pick(std::size_t n) { return std::size_t(m_random.next() % n); }

    WireFormat m_format;
    int m_apid;
    Random m_random;
};

} // namespace fw
