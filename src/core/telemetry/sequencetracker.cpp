#include "sequencetracker.h"

#include <algorithm>
#include <cmath>

namespace fw {

namespace {

// Whether the time from `from` to `t` can be used to say how many numbers were due.
bool forwardTime(double from, double t)
{
    return std::isfinite(from) && std::isfinite(t) && t >= from;
}

std::size_t bit(std::int64_t k, std::int64_t window)
{
    return std::size_t(((k % window) + window) % window);
}

} // namespace

SequenceTracker::SequenceTracker(std::uint64_t modulus)
    : m_modulus(modulus)
{}

void SequenceTracker::reset()
{
    *this = SequenceTracker(m_modulus);
}

void SequenceTracker::refused(std::uint64_t records)
{
    if (m_started && records > 0) {
        m_refused += records;
        m_refusedAge = 0;
    }
}

std::int64_t SequenceTracker::unwrap(std::int64_t seq, std::int64_t from, double fromTime,
                                     double t) const
{
    if (m_modulus == 0) {
        return seq;
    }
    const auto modulus = std::int64_t(m_modulus);
    const std::int64_t forward = ((seq % modulus - from % modulus) % modulus + modulus) % modulus;
    if (m_rate > 0 && forwardTime(fromTime, t)) {
        // Time says how many numbers were due; past half a wrap the numbers alone cannot.
        const double due = m_rate * (t - fromTime);
        if (due >= double(modulus) / 2) {
            const double wraps = std::round((due - double(forward)) / double(modulus));
            return from + forward + modulus * std::int64_t(std::clamp(wraps, 0.0, 1e12));
        }
    }
    // Less than half the modulus forward is forward, anything else is backward.
    return forward < modulus / 2 ? from + forward : from - (modulus - forward);
}

bool SequenceTracker::plausible(std::int64_t n, std::int64_t from, double fromTime, double t) const
{
    const std::int64_t step = n - from;
    if (step <= kWindow) {
        return true;
    }
    if (m_rate > 0 && forwardTime(fromTime, t)) {
        return double(step) <= 1.5 * m_rate * (t - fromTime) + kWindow;
    }
    return step <= kBlindJump;
}

void SequenceTracker::restart(std::int64_t n, double t)
{
    m_started = true;
    m_last = n;
    m_lastTime = t;
    m_first = n;
    m_seen.reset();
    m_seen.set(bit(n, kWindow));
    m_suspect.reset();
    m_checkN = n;
    m_checkTime = t;
}

void SequenceTracker::advance(std::int64_t n, double t)
{
    const std::int64_t step = n - m_last;
    const auto gap = std::uint64_t(step - 1);
    const std::uint64_t matched = std::min(gap, m_refused);
    m_refused -= matched;
    m_lost += gap - matched;
    if (step >= kWindow) {
        m_seen.reset();
    } else {
        for (std::int64_t k = m_last + 1; k < n; ++k) {
            m_seen.reset(bit(k, kWindow));
        }
    }
    m_seen.set(bit(n, kWindow));
    m_last = n;
    if (std::isfinite(t)) {
        m_lastTime = t;
        if (!forwardTime(m_checkTime, t)) {
            m_checkN = n;
            m_checkTime = t;
        } else if (t - m_checkTime >= 1.0) {
            // Numbers per second over at least a second, losses included: the sender's rate.
            m_rate = double(n - m_checkN) / (t - m_checkTime);
            m_checkN = n;
            m_checkTime = t;
        }
    }
}

void SequenceTracker::observe(std::int64_t seq, double t)
{
    if (seq < 0) {
        return; // SampleBlock::kNoSeq: the sender does not number its samples
    }
    if (!m_started) {
        restart(m_modulus != 0 ? seq % std::int64_t(m_modulus) : seq, t);
        return;
    }
    if (m_refused > 0 && ++m_refusedAge > kRefusedSpan) {
        m_refused = 0;
    }
    // The common case, the very next number, skips the unwrapping and the plausibility checks:
    // it is what they would conclude unless time says a whole half wrap went by.
    const std::int64_t following = m_last + 1;
    if (!m_suspect
        && (m_modulus == 0 ? seq == following
                           : seq == following % std::int64_t(m_modulus)
                                 && !(m_rate > 0 && forwardTime(m_lastTime, t)
                                      && m_rate * (t - m_lastTime) >= double(m_modulus) / 2))) {
        advance(following, t);
        return;
    }
    std::int64_t n = unwrap(seq, m_last, m_lastTime, t);
    if (m_suspect) {
        // The number after a jump time does not allow says what the jump was.
        const Suspect suspect = *m_suspect;
        m_suspect.reset();
        if (n > m_last && !plausible(n, m_last, m_lastTime, t)) {
            const std::int64_t next = unwrap(seq, suspect.n, suspect.t, t);
            if (next > suspect.n && plausible(next, suspect.n, suspect.t, t)) {
                ++m_resets; // the numbering restarted at the suspect
                restart(suspect.n, suspect.t);
                advance(next, t);
                return;
            }
            ++m_strays;
            m_suspect = Suspect{n, t};
            return;
        }
        // One corrupt number; this one carries on from before it. The corrupt record stands in
        // for the number it hid, so that number is not also lost.
        ++m_strays;
        ++m_refused;
    }
    if (n > m_last) {
        if (!plausible(n, m_last, m_lastTime, t)) {
            m_suspect = Suspect{n, t};
            return;
        }
        advance(n, t);
        return;
    }
    if (m_last - n >= kWindow) {
        ++m_resets; // a backward jump beyond the window: the sender restarted
        restart(n, t);
        return;
    }
    if (m_seen.test(bit(n, kWindow))) {
        ++m_duplicates;
        return;
    }
    m_seen.set(bit(n, kWindow));
    ++m_outOfOrder;
    // A number older than the first one seen since the (re)start was never counted as lost.
    if (n > m_first && m_lost > 0) {
        --m_lost;
    } else if (n < m_first) {
        m_first = n;
    }
}

} // namespace fw
