#pragma once

#include "alarms/alarm.h"
#include "alarms/alarmjournal.h"
#include "detect/detectorworker.h"
#include "telemetry/profile.h"

#include <QDateTime>
#include <QObject>

#include <array>
#include <functional>
#include <vector>

namespace fw {

// The operator's alarm list: turns the detector's per-sample alarm decisions into alarm episodes
// and carries them through acknowledge, latch, shelve and close (ISA-18.2 as Yamcs shows it).
// Lives on the GUI thread, or the headless service's thread; not thread-safe.
//
// - A raise (raisedNow, or an alarm row while none is open) opens an alarm, Unacknowledged. It
//   names the guard-flagged channels of that row, else the channels with the largest
//   attribution share (within 10 % of the top), most to blame first.
// - The first row with alarm = 0 clears it (the detector's clearedNow row; also the first row
//   of a detector that was reset or got a new model, which ends its episode silently).
// - Clearing with the alarm acknowledged closes it; unacknowledged, it stays Latched until
//   acknowledged. Closed alarms leave the list and live on in the journal.
// - A severity escalation makes an acknowledged alarm Unacknowledged again, and ends a shelf:
//   shelving is for nuisance alarms, and an alarm that got worse is no longer one.
// - Shelving suppresses an alarm until its expiry or unshelve(); it then becomes what it now is:
//   Unacknowledged while the condition is active, closed if it cleared meanwhile.
// - Silence only mutes annunciation: alarms still raise and need acknowledging.
// - Replay alarms are shown, tagged, and never journaled; live and replay streams each have
//   their own open episode.
// - Journal entries carry the alarm's confidence at raise on "raised", its highest so far on
//   the later events.
//
// The list is newest first. Changes are announced as about-to/done pairs carrying rows, which is
// what a QAbstractItemModel needs to stay in step.
class AlarmBook : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmBook)
    Q_PROPERTY(bool silenced READ isSilenced WRITE setSilenced NOTIFY silencedChanged)

public:
    using Clock = std::function<QDateTime()>;

    // journal may be null (nothing is journaled) and must outlive the book. clock gives wall
    // time (defaults to QDateTime::currentDateTimeUtc); tests inject one.
    explicit AlarmBook(AlarmJournal *journal = nullptr, Clock clock = {},
                       QObject *parent = nullptr);
    ~AlarmBook() override;

    void ingest(const ResultBlock &block, const Profile &profile, bool replay);
    // Clears the open alarm of a stream that ended (a replay reached its end, the source or the
    // model changed), as if the detector had cleared it.
    void endStream(bool replay, const QString &note);

    // Operator actions. Each returns false (and changes nothing) when it does not apply.
    bool acknowledge(quint64 id, const QString &operatorName);
    int acknowledgeAll(const QString &operatorName); // returns how many were acknowledged
    bool shelve(quint64 id, const QString &reason, const QDateTime &until,
                const QString &operatorName);
    bool unshelve(quint64 id, const QString &operatorName);
    void setSilenced(bool silenced);
    void setSilenced(bool silenced, const QString &operatorName);
    // Ends shelves whose expiry is at or before now; returns how many. Called by a timer.
    int expireShelves(const QDateTime &now);
    int expireShelves() { return expireShelves(m_clock()); }

    [[nodiscard]] int count() const { return int(m_alarms.size()); }
    [[nodiscard]] const Alarm &at(int row) const { return m_alarms[std::size_t(row)]; }
    [[nodiscard]] const std::vector<Alarm> &alarms() const { return m_alarms; }
    [[nodiscard]] int rowOf(quint64 id) const; // -1 when not in the list
    // The alarm whose condition the live or the replay stream reports active; null when none.
    [[nodiscard]] const Alarm *openAlarm(bool replay) const;
    [[nodiscard]] int countIn(AlarmState state) const;
    // Highest severity among Unacknowledged and Latched alarms (shelved ones do not count).
    [[nodiscard]] detect::Severity highestUnacknowledgedSeverity() const;
    [[nodiscard]] bool isSilenced() const { return m_silenced; }
    // The earliest shelf expiry, invalid when nothing is shelved: when to call expireShelves().
    [[nodiscard]] QDateTime nextShelfExpiry() const;
    [[nodiscard]] QDateTime now() const { return m_clock(); }

Q_SIGNALS:
    void alarmAboutToBeInserted(int row);
    void alarmInserted(int row);
    void alarmChanged(int row);
    void alarmAboutToBeRemoved(int row);
    void alarmRemoved(int row);
    // Counts per state or the highest unacknowledged severity may have changed.
    void summaryChanged();
    void silencedChanged(bool silenced);
    // A live alarm was raised or escalated while not silenced: sound the horn, flash the lamp.
    void annunciationRequested(fw::detect::Severity severity);
    // The journal refused an entry (reported once until it accepts one again; queued).
    void journalFailed(const QString &error);

private:
    struct Stream
    {
        quint64 openId = 0; // the alarm whose condition the stream reports active; 0: none
    };

    void raise(const ResultBlock &block, std::size_t row, const Profile &profile, bool replay);
    // One more row of the open alarm. Escalations and newly named channels are announced at
    // once; true when only the peak confidence moved, which the caller announces per block.
    [[nodiscard]] bool update(quint64 id, const ResultBlock &block, std::size_t row,
                              const Profile &profile);
    void clear(quint64 id, double sourceTime, const QString &note);
    // Leaves shelved state as the alarm now is: active → Unacknowledged, cleared → closed.
    void endShelf(int row, JournalEvent event, const QString &operatorName);
    // Removes a closed alarm from the list, journaling its closing.
    void close(int row, const QString &operatorName);
    void journal(const Alarm &alarm, JournalEvent event, const QString &operatorName = {},
                 const QString &note = {}, double sourceTime = Alarm::kNaN);
    void writeEntry(const JournalEntry &entry);
    [[nodiscard]] Stream &stream(bool replay) { return m_streams[replay ? 1 : 0]; }

    AlarmJournal *m_journal;
    Clock m_clock;
    std::vector<Alarm> m_alarms;     // newest first
    std::array<Stream, 2> m_streams; // live, replay
    quint64 m_nextId = 1;
    bool m_silenced = false;
    bool m_journalFailed = false; // report a failing journal once, not on every entry
};

} // namespace fw
