#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace fw {

// Why a record was skipped (or, for NonFinite, why a value was marked missing). The names are
// the `reason` label of faultwatch_decode_errors_total and the keys of `tap --stats`.
enum class DecodeError : int {
    Malformed,   // not valid JSON / CSV field that is not a number / wrong field count
    LineTooLong, // a line over kMaxLineBytes; skipped up to its newline
    MissingTime, // no t / timestamp / datetime
    BadTime,     // a time that does not parse or is not finite
    NonFinite,   // a channel value that is NaN or infinite: the sample is kept, the value missing
    UnknownChannel, // a record naming none of the profile's channels
    UnknownApid,    // a CCSDS packet for an APID the profile does not have
    BadLength,      // a CCSDS length field that does not fit the profile; the stream is resynced
    BadHeader,      // a CCSDS header with a wrong version or no secondary header
    Truncated,      // the stream ended inside a record
    MissingStream,  // a record without the field that names its stream (stream=field:NAME)
    Count
};

inline constexpr int kDecodeErrorCount = int(DecodeError::Count);
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

[[nodiscard]] constexpr std::string_view decodeErrorName(DecodeError error)
{
    constexpr std::array<std::string_view, kDecodeErrorCount> names{
        "malformed",  "line_too_long",   "missing_time",  "bad_time",
        "non_finite", "unknown_channel", "unknown_apid",  "bad_length",
        "bad_header", "truncated",       "missing_stream"};
    return names[std::size_t(error)];
}

struct DecodeCounts
{
    std::array<std::uint64_t, kDecodeErrorCount> byReason{};

    void add(DecodeError error, std::uint64_t n = 1) { byReason[std::size_t(error)] += n; }
    [[nodiscard]] std::uint64_t count(DecodeError error) const
    {
        return byReason[std::size_t(error)];
    }
    [[nodiscard]] std::uint64_t total() const
    {
        std::uint64_t sum = 0;
        for (auto n : byReason) {
            sum += n;
        }
        return sum;
    }
};

} // namespace fw
