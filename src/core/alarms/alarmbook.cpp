#include "alarms/alarmbook.h"

#include "alarms/alarmchannels.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fw {

AlarmBook::AlarmBook(AlarmJournal *journal, Clock clock, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
    , m_nextId(journal ? journal->highestAlarmId() + 1 : 1)
{}

AlarmBook::~AlarmBook() = default;

void AlarmBook::ingest(const ResultBlock &block, const Profile &profile, bool replay)
{
    const detect::DetectionResults &r = block.results;
    const std::size_t rows = std::min(
        {block.t.size(), r.alarm.size(), r.raisedNow.size(), r.severity.size(), r.reason.size()});
    Stream &s = stream(replay);
    bool peakMoved = false; // announced once per block, not once per sample
    for (std::size_t row = 0; row < rows; ++row) {
        const bool alarm = r.alarm[row] != 0;
        if (s.openId != 0 && rowOf(s.openId) < 0) {
            s.openId = 0; // cannot happen: an active alarm is never closed; but never dangle
        }
        if (r.raisedNow[row] != 0 || (alarm && s.openId == 0)) {
            if (s.openId != 0) {
                clear(std::exchange(s.openId, 0), block.t[row], QStringLiteral("raised again"));
            }
            raise(block, row, profile, replay);
        } else if (s.openId != 0 && alarm) {
            peakMoved = update(s.openId, block, row, profile) || peakMoved;
        } else if (s.openId != 0) {
            clear(std::exchange(s.openId, 0), block.t[row], {});
        }
    }
    if (peakMoved && rowOf(s.openId) >= 0) {
        Q_EMIT alarmChanged(rowOf(s.openId));
    }
}

void AlarmBook::endStream(bool replay, const QString &note)
{
    if (const quint64 id = std::exchange(stream(replay).openId, 0); id != 0) {
        clear(id, Alarm::kNaN, note);
    }
}

void AlarmBook::raise(const ResultBlock &block, std::size_t row, const Profile &profile,
                      bool replay)
{
    const detect::DetectionResults &r = block.results;
    Alarm alarm;
    alarm.id = m_nextId++;
    alarm.sourceTimeRaised = block.t[row];
    alarm.raisedAt = m_clock();
    // A row that continues an alarm the book did not see raised may say Severity::None.
    alarm.severity = std::max(r.severity[row], detect::Severity::Watch);
    alarm.reason = r.reason[row];
    alarm.confidence = row < r.confidence.size() ? r.confidence[row] : Alarm::kNaN;
    alarm.peakConfidence = alarm.confidence;
    alarm.modelSha256 = block.modelSha256;
    alarm.replay = replay;
    nameAlarmChannels(alarm, block, row, profile);

    Q_EMIT alarmAboutToBeInserted(0);
    m_alarms.insert(m_alarms.begin(), alarm);
    Q_EMIT alarmInserted(0);
    stream(replay).openId = alarm.id;
    journal(alarm, JournalEvent::Raised, {}, reasonText(alarm), alarm.sourceTimeRaised);
    Q_EMIT summaryChanged();
    if (!replay && !m_silenced) {
        Q_EMIT annunciationRequested(alarm.severity);
    }
}

bool AlarmBook::update(quint64 id, const ResultBlock &block, std::size_t row,
                       const Profile &profile)
{
    const int i = rowOf(id);
    Alarm &alarm = m_alarms[std::size_t(i)];
    const detect::DetectionResults &r = block.results;
    bool peakMoved = false;
    const double confidence = row < r.confidence.size() ? r.confidence[row] : Alarm::kNaN;
    if (std::isfinite(confidence)
        && (!std::isfinite(alarm.peakConfidence) || confidence > alarm.peakConfidence)) {
        alarm.peakConfidence = confidence;
        peakMoved = true;
    }
    bool changed = alarm.channels.isEmpty() && nameAlarmChannels(alarm, block, row, profile);
    if (r.severity[row] > alarm.severity) {
        alarm.severity = r.severity[row];
        const bool wasShelved = alarm.shelved;
        alarm.acknowledged = false;
        alarm.acknowledgedBy.clear();
        alarm.acknowledgedAt = {};
        alarm.shelved = false;
        alarm.shelveReason.clear();
        alarm.shelvedBy.clear();
        alarm.shelvedUntil = {};
        journal(alarm, JournalEvent::Escalated, {}, {}, block.t[row]);
        if (wasShelved) {
            journal(alarm, JournalEvent::Unshelved, {}, QStringLiteral("severity escalated"),
                    block.t[row]);
        }
        // Read before emitting: a slot may call back into the book and move the alarms.
        const bool sound = !alarm.replay && !m_silenced;
        const detect::Severity severity = alarm.severity;
        Q_EMIT alarmChanged(i);
        Q_EMIT summaryChanged();
        if (sound) {
            Q_EMIT annunciationRequested(severity);
        }
        return false;
    }
    if (changed) {
        Q_EMIT alarmChanged(i);
        return false;
    }
    return peakMoved;
}

void AlarmBook::clear(quint64 id, double sourceTime, const QString &note)
{
    const int i = rowOf(id);
    if (i < 0) {
        return;
    }
    Alarm &alarm = m_alarms[std::size_t(i)];
    alarm.active = false;
    alarm.sourceTimeCleared = sourceTime;
    alarm.clearedAt = m_clock();
    journal(alarm, JournalEvent::Cleared, {}, note, sourceTime);
    // Acknowledged: closes. Unacknowledged: Latched. Shelved: stays so, the expiry closes it.
    if (alarm.state() == AlarmState::Closed) {
        close(i, {});
    } else {
        Q_EMIT alarmChanged(i);
    }
    Q_EMIT summaryChanged();
}

bool AlarmBook::acknowledge(quint64 id, const QString &operatorName)
{
    const int i = rowOf(id);
    if (i < 0) {
        return false;
    }
    Alarm &alarm = m_alarms[std::size_t(i)];
    // A shelved alarm is out of the operator's way; it comes back unacknowledged if still active.
    if (alarm.shelved || alarm.acknowledged) {
        return false;
    }
    alarm.acknowledged = true;
    alarm.acknowledgedBy = operatorName;
    alarm.acknowledgedAt = m_clock();
    journal(alarm, JournalEvent::Acknowledged, operatorName);
    if (alarm.state() == AlarmState::Closed) {
        close(i, operatorName);
    } else {
        Q_EMIT alarmChanged(i);
    }
    Q_EMIT summaryChanged();
    return true;
}

int AlarmBook::acknowledgeAll(const QString &operatorName)
{
    // Ids first: closing alarms shifts the rows under the loop.
    std::vector<quint64> ids;
    for (const Alarm &alarm : m_alarms) {
        if (!alarm.shelved && !alarm.acknowledged) {
            ids.push_back(alarm.id);
        }
    }
    int acknowledged = 0;
    for (quint64 id : ids) {
        acknowledged += acknowledge(id, operatorName) ? 1 : 0;
    }
    return acknowledged;
}

bool AlarmBook::shelve(quint64 id, const QString &reason, const QDateTime &until,
                       const QString &operatorName)
{
    const int i = rowOf(id);
    if (i < 0 || reason.trimmed().isEmpty() || !until.isValid() || until <= m_clock()) {
        return false;
    }
    // Shelving a shelved alarm again changes its reason and expiry.
    Alarm &alarm = m_alarms[std::size_t(i)];
    alarm.shelved = true;
    alarm.shelveReason = reason.trimmed();
    alarm.shelvedBy = operatorName;
    alarm.shelvedUntil = until.toUTC();
    journal(alarm, JournalEvent::Shelved, operatorName,
            QStringLiteral("until %1: %2")
                .arg(alarm.shelvedUntil.toString(Qt::ISODateWithMs), alarm.shelveReason));
    Q_EMIT alarmChanged(i);
    Q_EMIT summaryChanged();
    return true;
}

bool AlarmBook::unshelve(quint64 id, const QString &operatorName)
{
    const int i = rowOf(id);
    if (i < 0 || !m_alarms[std::size_t(i)].shelved) {
        return false;
    }
    endShelf(i, JournalEvent::Unshelved, operatorName);
    return true;
}

int AlarmBook::expireShelves(const QDateTime &now)
{
    std::vector<quint64> ids;
    for (const Alarm &alarm : m_alarms) {
        if (alarm.shelved && alarm.shelvedUntil <= now) {
            ids.push_back(alarm.id);
        }
    }
    int expired = 0;
    for (quint64 id : ids) {
        // Looked up afresh: a slot of the previous round may have changed the list.
        if (const int row = rowOf(id); row >= 0 && m_alarms[std::size_t(row)].shelved) {
            endShelf(row, JournalEvent::ShelveExpired, {});
            ++expired;
        }
    }
    return expired;
}

void AlarmBook::endShelf(int row, JournalEvent event, const QString &operatorName)
{
    Alarm &alarm = m_alarms[std::size_t(row)];
    alarm.shelved = false;
    alarm.shelveReason.clear();
    alarm.shelvedBy.clear();
    alarm.shelvedUntil = {};
    // The shelf stood in for the operator's attention: a condition that cleared under it needs
    // no acknowledgement; one still active needs it afresh.
    alarm.acknowledged = !alarm.active;
    alarm.acknowledgedBy.clear();
    alarm.acknowledgedAt = {};
    journal(alarm, event, operatorName);
    if (alarm.state() == AlarmState::Closed) {
        close(row, operatorName);
    } else {
        const bool sound = !alarm.replay && !m_silenced; // read before a slot can move it
        const detect::Severity severity = alarm.severity;
        Q_EMIT alarmChanged(row);
        if (sound) {
            Q_EMIT annunciationRequested(severity);
        }
    }
    Q_EMIT summaryChanged();
}

void AlarmBook::close(int row, const QString &operatorName)
{
    journal(m_alarms[std::size_t(row)], JournalEvent::Closed, operatorName);
    Q_EMIT alarmAboutToBeRemoved(row);
    m_alarms.erase(m_alarms.begin() + row);
    Q_EMIT alarmRemoved(row);
}

void AlarmBook::setSilenced(bool silenced)
{
    setSilenced(silenced, {});
}

void AlarmBook::setSilenced(bool silenced, const QString &operatorName)
{
    if (silenced == m_silenced) {
        return;
    }
    m_silenced = silenced;
    if (m_journal) {
        JournalEntry entry;
        entry.wallTime = m_clock();
        entry.event = silenced ? JournalEvent::Silenced : JournalEvent::Unsilenced;
        entry.operatorName = operatorName;
        writeEntry(entry);
    }
    Q_EMIT silencedChanged(silenced);
}

const Alarm *AlarmBook::openAlarm(bool replay) const
{
    const quint64 id = m_streams[replay ? 1 : 0].openId;
    const int row = id == 0 ? -1 : rowOf(id);
    return row < 0 ? nullptr : &m_alarms[std::size_t(row)];
}

int AlarmBook::rowOf(quint64 id) const
{
    const auto it = std::find_if(m_alarms.begin(), m_alarms.end(),
                                 [id](const Alarm &alarm) { return alarm.id == id; });
    return it == m_alarms.end() ? -1 : int(it - m_alarms.begin());
}

int AlarmBook::countIn(AlarmState state) const
{
    return int(std::count_if(m_alarms.begin(), m_alarms.end(),
                             [state](const Alarm &alarm) { return alarm.state() == state; }));
}

detect::Severity AlarmBook::highestUnacknowledgedSeverity() const
{
    detect::Severity highest = detect::Severity::None;
    for (const Alarm &alarm : m_alarms) {
        const AlarmState state = alarm.state();
        if (state == AlarmState::Unacknowledged || state == AlarmState::Latched) {
            highest = std::max(highest, alarm.severity);
        }
    }
    return highest;
}

QDateTime AlarmBook::nextShelfExpiry() const
{
    QDateTime next;
    for (const Alarm &alarm : m_alarms) {
        if (alarm.shelved && (!next.isValid() || alarm.shelvedUntil < next)) {
            next = alarm.shelvedUntil;
        }
    }
    return next;
}

void AlarmBook::journal(const Alarm &alarm, JournalEvent event, const QString &operatorName,
                        const QString &note, double sourceTime)
{
    if (!m_journal || alarm.replay) {
        return;
    }
    JournalEntry entry;
    entry.wallTime = m_clock();
    entry.sourceTime = sourceTime;
    entry.event = event;
    entry.alarmId = alarm.id;
    entry.severity = alarm.severity;
    entry.channels = alarm.channels;
    entry.value = alarm.value;
    entry.confidence = event == JournalEvent::Raised ? alarm.confidence : alarm.peakConfidence;
    entry.modelSha256 = alarm.modelSha256;
    entry.operatorName = operatorName;
    entry.note = note;
    writeEntry(entry);
}

void AlarmBook::writeEntry(const JournalEntry &entry)
{
    if (m_journal->append(entry)) {
        m_journalFailed = false;
    } else if (!m_journalFailed) {
        m_journalFailed = true;
        // Reported from the event loop: entries are written in the middle of changes, and a
        // slot that calls back into the book must not see one half done.
        QMetaObject::invokeMethod(
            this, [this, error = m_journal->errorString()] { Q_EMIT journalFailed(error); },
            Qt::QueuedConnection);
    }
}

} // namespace fw
