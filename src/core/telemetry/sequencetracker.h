#pragma once

#include <bitset>
#include <cstdint>

namespace fw {

// Loss accounting from sequence numbers. A gap counts its missing numbers as lost; a number
// seen again within the recent window is a duplicate; an older number not yet seen arrives out
// of order and is taken back from lost. With a modulus (CCSDS: 16384) counts wrap around.
class SequenceTracker
{
public:
    // modulus 0: 63-bit sequence numbers that do not wrap.
    explicit SequenceTracker(std::uint64_t modulus = 0);

    void observe(std::int64_t seq);
    void reset();

    [[nodiscard]] std::uint64_t lost() const { return m_lost; }
    [[nodiscard]] std::uint64_t duplicates() const { return m_duplicates; }
    [[nodiscard]] std::uint64_t outOfOrder() const { return m_outOfOrder; }

private:
    static constexpr int kWindow = 1024;

    std::uint64_t m_modulus;
    bool m_started = false;
    std::int64_t m_last = 0;     // highest sequence number seen (unwrapped)
    std::int64_t m_first = 0;    // lowest number seen since the (re)start: older ones were not lost
    std::bitset<kWindow> m_seen; // seen[(n) % kWindow] for n in (m_last - kWindow, m_last]
    std::uint64_t m_lost = 0;
    std::uint64_t m_duplicates = 0;
    std::uint64_t m_outOfOrder = 0;
};

} // namespace fw
