#include "sequencetracker.h"

namespace fw {

SequenceTracker::SequenceTracker(std::uint64_t modulus)
    : m_modulus(modulus)
{}

void SequenceTracker::reset()
{
    m_started = false;
    m_last = 0;
    m_first = 0;
    m_seen.reset();
    m_lost = 0;
    m_duplicates = 0;
    m_outOfOrder = 0;
}

void SequenceTracker::observe(std::int64_t seq)
{
    if (seq < 0) {
        return; // SampleBlock::kNoSeq: the sender does not number its samples
    }
    std::int64_t n = seq;
    if (m_modulus != 0) {
        // Unwrap relative to the highest number seen: a step of less than half the modulus
        // forward is forward, anything else is backward.
        const auto modulus = std::int64_t(m_modulus);
        n = seq % modulus;
        if (m_started) {
            const std::int64_t forward = ((n - m_last % modulus) % modulus + modulus) % modulus;
            n = forward < modulus / 2 ? m_last + forward : m_last - (modulus - forward);
        }
    }
    const auto bit = [](std::int64_t k) {
        return std::size_t(((k % kWindow) + kWindow) % kWindow);
    };
    if (!m_started || m_last - n >= kWindow) {
        // First number, or a backward jump beyond the window: the sender restarted.
        m_started = true;
        m_last = n;
        m_first = n;
        m_seen.reset();
        m_seen.set(bit(n));
        return;
    }
    if (n > m_last) {
        const std::int64_t step = n - m_last;
        m_lost += std::uint64_t(step - 1);
        if (step >= kWindow) {
            m_seen.reset();
        } else {
            for (std::int64_t k = m_last + 1; k < n; ++k) {
                m_seen.reset(bit(k));
            }
        }
        m_seen.set(bit(n));
        m_last = n;
        return;
    }
    if (m_seen.test(bit(n))) {
        ++m_duplicates;
        return;
    }
    m_seen.set(bit(n));
    ++m_outOfOrder;
    // A number older than the first one seen since the (re)start was never counted as lost.
    if (n > m_first && m_lost > 0) {
        --m_lost;
    } else if (n < m_first) {
        m_first = n;
    }
}

} // namespace fw
