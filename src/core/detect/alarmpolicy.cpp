#include "alarmpolicy.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <stdexcept>

namespace fw::detect {

AlarmPolicy::AlarmPolicy(AlarmPolicyOptions options)
    : m_options(options)
{
    if (options.m < 1 || options.k < 1 || options.k > options.m) {
        throw std::invalid_argument("AlarmPolicy needs 1 <= k <= m");
    }
    if (options.chatterDoublings < 0 || options.chatterDoublings > kMaxChatterDoublings) {
        throw std::invalid_argument(
            "AlarmPolicy needs 0 <= chatterDoublings <= kMaxChatterDoublings");
    }
    reset();
}

void AlarmPolicy::reset()
{
    m_recent.assign(std::size_t(m_options.m), Severity::None);
    m_hits.assign(std::size_t(m_options.m), false);
    m_next = 0;
    m_hitCount = 0;
    m_cleanRun = 0;
    m_doublings = 0;
    m_sinceClear = std::numeric_limits<long long>::max();
    m_active = false;
    m_severity = Severity::None;
    m_reason = AlarmReason::None;
}

Severity AlarmPolicy::evidence(double confidence, bool guardFlag, bool limitFlag) const
{
    // NaN fails every comparison below, so it is never evidence.
    if (limitFlag || confidence >= m_options.criticalLevel) {
        return Severity::Critical;
    }
    if (guardFlag || confidence >= m_options.warningLevel) {
        return Severity::Warning;
    }
    if (confidence >= m_options.threshold) {
        return Severity::Watch;
    }
    return Severity::None;
}

void AlarmPolicy::chatter()
{
    m_doublings = std::min(m_doublings + 1, m_options.chatterDoublings);
}

AlarmDecision AlarmPolicy::update(double confidence, bool guardFlag, bool limitFlag,
                                  bool relationFlag)
{
    const bool hit = m_options.forestRaises && confidence >= m_options.threshold; // NaN: false
    if (m_hits[m_next]) {
        --m_hitCount;
    }
    m_hits[m_next] = hit;
    if (hit) {
        ++m_hitCount;
    }
    const Severity current = evidence(confidence, guardFlag, limitFlag);
    m_recent[m_next] = current;
    m_next = (m_next + 1) % m_recent.size();

    const bool flagged = guardFlag || limitFlag;
    const int m = m_options.m;
    if (m_active && (hit || flagged) && m_cleanRun >= m) {
        chatter(); // it would have cleared, were it not waiting longer already
    }
    // Saturates: a quiet stream of years must not overflow it.
    m_cleanRun = (hit || flagged) ? 0 : std::min(m_cleanRun, INT_MAX - 1) + 1;
    if (!m_active && m_sinceClear < std::numeric_limits<long long>::max()) {
        ++m_sinceClear;
    }

    AlarmDecision decision;
    if (!m_active) {
        const bool forestRaise = m_hitCount >= m_options.k;
        if (forestRaise || flagged) {
            if (m_sinceClear <= 2LL * m) {
                chatter();
            } else {
                m_doublings = 0;
            }
            m_active = true;
            decision.raisedNow = true;
            m_severity = *std::max_element(m_recent.begin(), m_recent.end());
            if (limitFlag) {
                m_reason = AlarmReason::Limit;
            } else if (guardFlag) {
                m_reason = relationFlag ? AlarmReason::Relation : AlarmReason::RangeGuard;
            } else {
                m_reason = AlarmReason::Forest;
            }
        }
    } else {
        m_severity = std::max(m_severity, current);
        if (m_cleanRun >= (static_cast<long long>(m) << m_doublings)) {
            m_active = false;
            m_sinceClear = 0;
            decision.clearedNow = true;
            m_severity = Severity::None;
            m_reason = AlarmReason::None;
        }
    }
    decision.alarm = m_active;
    decision.severity = m_severity;
    decision.reason = m_reason;
    return decision;
}

} // namespace fw::detect
