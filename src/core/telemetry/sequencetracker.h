#pragma once

#include <bitset>
#include <cstdint>
#include <limits>
#include <optional>

namespace fw {

// Loss accounting from sequence numbers. A gap counts its missing numbers as lost; a number
// seen again within the recent window is a duplicate; an older number not yet seen arrives out
// of order and is taken back from lost. With a modulus (CCSDS: 16384) counts wrap around.
//
// Source time settles what the numbers alone cannot. The tracker learns the sender's numbering
// rate (numbers per second of source time, measured over at least a second) and:
// - unwraps a step that may span whole wraps to the count that time says passed: a gap of 10 000
//   CCSDS packets (more than half the modulus) or of 40 000 (more than a wrap) is lost, not a
//   restart or 7 232. This assumes the sender numbers at a steady rate while time runs, as
//   CCSDS housekeeping does: a sender that stops numbering for a while but not its clock is
//   counted as losing what it would have sent.
// - takes a forward jump far beyond what time allows (more than 1.5 times the numbers due plus
//   the window; 2^20 while the rate is unknown) as a stray (one corrupt number, counted as such
//   and nothing else) when the next number carries on from before it, or as a restart of the
//   numbering (counted as a reset) when the next one carries on from it.
// - counts a backward jump beyond the window as a reset too.
// refused(n) says the decoder refused n records of the bytes whose samples come next: the next
// gaps, within 256 samples, are first taken as those records, which the decoder already counted,
// so they are not also lost. (A refused record that was not one of this stream's numbers is
// forgotten after those 256 samples.)
class SequenceTracker
{
public:
    static constexpr double kNoTime = std::numeric_limits<double>::quiet_NaN();

    // modulus 0: 63-bit sequence numbers that do not wrap.
    explicit SequenceTracker(std::uint64_t modulus = 0);

    // t: the sample's source time in seconds; NaN when unknown.
    void observe(std::int64_t seq, double t = kNoTime);
    void refused(std::uint64_t records);
    void reset();

    [[nodiscard]] std::uint64_t lost() const { return m_lost; }
    [[nodiscard]] std::uint64_t duplicates() const { return m_duplicates; }
    [[nodiscard]] std::uint64_t outOfOrder() const { return m_outOfOrder; }
    [[nodiscard]] std::uint64_t resets() const { return m_resets; }
    [[nodiscard]] std::uint64_t strays() const { return m_strays; }
    // Sequence numbers per second of source time; 0 until measured.
    [[nodiscard]] double rate() const { return m_rate; }

private:
    static constexpr int kWindow = 1024;
    static constexpr std::int64_t kBlindJump = std::int64_t(1) << 20;
    static constexpr int kRefusedSpan = 256;

    struct Suspect
    {
        std::int64_t n; // unwrapped against m_last
        double t;
    };

    [[nodiscard]] std::int64_t unwrap(std::int64_t seq, std::int64_t from, double fromTime,
                                      double t) const;
    [[nodiscard]] bool plausible(std::int64_t n, std::int64_t from, double fromTime,
                                 double t) const;
    void restart(std::int64_t n, double t);
    void advance(std::int64_t n, double t);

    std::uint64_t m_modulus;
    bool m_started = false;
    std::int64_t m_last = 0;     // highest sequence number seen (unwrapped)
    double m_lastTime = kNoTime; // its source time
    std::int64_t m_first = 0;    // lowest number seen since the (re)start: older ones were not lost
    std::bitset<kWindow> m_seen; // seen[(n) % kWindow] for n in (m_last - kWindow, m_last]
    std::optional<Suspect> m_suspect;
    std::int64_t m_checkN = 0; // rate checkpoint
    double m_checkTime = kNoTime;
    double m_rate = 0;
    std::uint64_t m_refused = 0; // refused records not yet matched with a gap
    int m_refusedAge = 0;        // samples seen since the last refused()
    std::uint64_t m_lost = 0;
    std::uint64_t m_duplicates = 0;
    std::uint64_t m_outOfOrder = 0;
    std::uint64_t m_resets = 0;
    std::uint64_t m_strays = 0;
};

} // namespace fw
