#pragma once

#include <cstddef>
#include <cstdint>

// The CCSDS Space Packet layout FaultWatch reads and writes (CCSDS 133.0-B), big-endian:
//   primary header (6 bytes)
//     word 0: version (3 bits, 0) | type (1 bit, 0 = telemetry) | secondary header flag (1 bit, 1)
//             | APID (11 bits)
//     word 1: sequence flags (2 bits, 0b11 = unsegmented) | sequence count (14 bits)
//     word 2: packet data length = bytes after the primary header - 1
//   secondary header (6 bytes): CUC time, 4-byte coarse seconds + 2-byte fine (1/65536 s) since
//     the profile's epoch
//   data: one IEEE float32 per channel in profile order; NaN for a missing value
namespace fw::ccsds {

inline constexpr std::size_t kPrimaryHeaderBytes = 6;
inline constexpr std::size_t kSecondaryHeaderBytes = 6;
inline constexpr std::size_t kHeaderBytes = kPrimaryHeaderBytes + kSecondaryHeaderBytes;
inline constexpr std::size_t kValueBytes = 4;

inline constexpr std::uint16_t kTypeTelecommand = 0x1000;
inline constexpr std::uint16_t kSecondaryHeaderFlag = 0x0800;
inline constexpr std::uint16_t kApidMask = 0x07FF;
inline constexpr int kIdleApid = 0x7FF;
inline constexpr std::uint16_t kUnsegmented = 0xC000;
inline constexpr std::uint16_t kSequenceMask = 0x3FFF;
inline constexpr std::uint64_t kSequenceModulus = 0x4000;
inline constexpr double kFineTicksPerSecond = 65536.0;

// Word 0 of this profile's packets.
[[nodiscard]] constexpr std::uint16_t packetId(int apid)
{
    return std::uint16_t(kSecondaryHeaderFlag | (std::uint16_t(apid) & kApidMask));
}

[[nodiscard]] constexpr std::size_t packetBytes(int channels)
{
    return kHeaderBytes + kValueBytes * std::size_t(channels);
}

// The packet data length field of a packet with this many channels.
[[nodiscard]] constexpr std::uint16_t lengthField(int channels)
{
    return std::uint16_t(packetBytes(channels) - kPrimaryHeaderBytes - 1);
}

[[nodiscard]] inline std::uint16_t readBe16(const unsigned char *p)
{
    return std::uint16_t((unsigned(p[0]) << 8) | unsigned(p[1]));
}

[[nodiscard]] inline std::uint32_t readBe32(const unsigned char *p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8)
           | std::uint32_t(p[3]);
}

} // namespace fw::ccsds
