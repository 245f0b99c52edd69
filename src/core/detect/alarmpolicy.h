#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fw::detect {

struct AlarmPolicyOptions
{
    double threshold = 0.995;      // forest confidence that counts as a hit
    int k = 3;                     // hits among the last m samples that raise
    int m = 5;                     // window of the k-of-m rule, and the clean run that clears
    double warningLevel = 0.999;   // confidence at or above: Warning
    double criticalLevel = 0.9999; // confidence at or above: Critical (as is any limit breach)
    // Whether the forest's confidence alone raises an alarm (k of m). Off in models trained
    // since the checks below it took over (see Detector); on in older model files.
    bool forestRaises = true;
    // How many times a chattering alarm's clearing run may double (m, 2m, 4m, ...); 0 keeps it
    // at m. Old model files have no such member and read as 0.
    int chatterDoublings = 2;
};

enum class Severity : std::uint8_t { None, Watch, Warning, Critical };

// What raised the current alarm; None when no alarm is active. Relation: a channel that stopped
// moving with the others (the relation check), inside its own range.
enum class AlarmReason : std::uint8_t { None, Forest, RangeGuard, Limit, Relation };

struct AlarmDecision
{
    bool alarm = false;
    Severity severity = Severity::None;
    AlarmReason reason = AlarmReason::None;
    bool raisedNow = false;  // this sample raised the alarm
    bool clearedNow = false; // this sample cleared it
};

// Turns per-sample evidence into an alarm with hysteresis, so operators see one alarm per episode
// instead of one per noisy sample.
//
// - Raise: confidence ≥ threshold on k of the last m samples (k of those seen while fewer than m
//   have been; only when forestRaises), or any guard flag (a channel outside its nominal range) or
//   limit flag on this sample, whatever the forest says.
// - Clear: m consecutive samples below the threshold with no guard or limit flag. A hit or a flag
//   restarts the count, so flapping input keeps one alarm raised instead of chattering.
// - Chatter (ISA-18.2's remedy, an off-delay applied where chattering is seen): an alarm raised
//   again within 2m samples of clearing, or whose evidence returns after m clean samples while
//   it waits to clear, doubles the clean run it needs to clear, up to chatterDoublings times. A
//   raise more than 2m samples after the last clear starts again from m. An isolated alarm
//   clears as fast as before; a noisy fault shows as fewer, longer alarms.
// - Severity of a sample's evidence: Critical for a limit breach or confidence ≥ criticalLevel,
//   Warning for confidence ≥ warningLevel or a guard flag, Watch for a forest hit. The alarm takes
//   the highest evidence among the last m samples when it is raised and only escalates while it
//   stays raised (a de-escalating alarm would look like a recovery that has not happened).
// - A NaN confidence (nothing valid to score) counts as below the threshold.
class AlarmPolicy
{
public:
    static constexpr int kMaxChatterDoublings = 8;

    // Throws std::invalid_argument unless 1 ≤ k ≤ m and 0 ≤ chatterDoublings ≤ 8.
    explicit AlarmPolicy(AlarmPolicyOptions options = {});

    // relationFlag: the guard flag came from the relation check alone; it names the reason.
    [[nodiscard]] AlarmDecision update(double confidence, bool guardFlag, bool limitFlag,
                                       bool relationFlag = false);
    void reset();

    [[nodiscard]] const AlarmPolicyOptions &options() const { return m_options; }
    [[nodiscard]] bool active() const { return m_active; }

private:
    void chatter(); // one more doubling, up to the options' limit
    [[nodiscard]] Severity evidence(double confidence, bool guardFlag, bool limitFlag) const;

    AlarmPolicyOptions m_options;
    std::vector<Severity> m_recent; // ring of the last m samples' evidence; Watch or up = a hit
    std::vector<bool> m_hits;       // ring of the last m samples: confidence ≥ threshold
    std::size_t m_next = 0;
    int m_hitCount = 0;
    int m_cleanRun = 0;
    int m_doublings = 0;        // of the clean run the active alarm needs to clear
    long long m_sinceClear = 0; // samples since the last clear, saturating
    bool m_active = false;
    Severity m_severity = Severity::None;
    AlarmReason m_reason = AlarmReason::None;
};

} // namespace fw::detect
