#pragma once

#include "sourcestate.h"
#include "telemetry/decoder.h"
#include "telemetry/profile.h"
#include "telemetry/sequencetracker.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <string_view>

class QTimer;

namespace fw {

// One decoded input: a datagram socket, a TCP connection, a file. Each has its own decoder and
// sequence numbers, so two benches on one tcp-listen port are accounted for separately.
struct InputStream
{
    std::unique_ptr<Decoder> decoder;
    SequenceTracker tracker;
    // The stream its samples belong to, when the source has a stream key (see StreamTable):
    // several inputs may feed one stream (two topics of one vehicle). kFull: refused.
    std::uint32_t streamId = StreamTable::kNone;
    StreamTable::Entry *entry = nullptr;
    std::uint64_t publishedStreamLost = 0;
    DecodeCounts published; // decoder errors already added to the shared counters
    std::uint64_t publishedLost = 0;
    std::uint64_t publishedDuplicates = 0;
    std::uint64_t publishedOutOfOrder = 0;
    std::uint64_t publishedResets = 0;
    std::uint64_t publishedStrays = 0;
};

// Base of the objects that do a source's work. Lives on the source thread (see Source): it is
// created parentless, moved there, opened when the thread starts and deleted when it finishes.
// Subclasses create their sockets in open(), call ingest() with what they read, and
// release everything in close(). The base batches samples into blocks (emitted when large or
// at most kFlushMs after their first sample), keeps the counters and the Live/Stale state.
class SourceWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceWorker)

public:
    static constexpr std::size_t kMaxBlockRows = 8192;
    static constexpr int kFlushMs = 5;

    SourceWorker(Profile profile, WireFormat format, std::shared_ptr<SourceCounters> counters);
    ~SourceWorker() override;

    // Called on the source thread when it starts. Failing to open emits failed().
    void start();
    // Called on the source thread: closes, flushes and quits the thread.
    void shutdown();

Q_SIGNALS:
    void blockReady(fw::SampleBlockPtr block);
    void stateChanged(fw::SourceState state);
    void failed(const QString &message);
    // A finite source (a file replayed without loop) has delivered everything.
    void finished();

protected:
    virtual void open() = 0;
    virtual void close() = 0;

    [[nodiscard]] InputStream makeStream() const;
    // Files the stream's samples under the stream of this key (see StreamTable).
    void assignStream(InputStream &stream, std::string_view key);
    // Decodes bytes of one stream (datagram: whole records only) and accounts for them.
    void ingest(InputStream &stream, std::string_view bytes, bool datagram);
    // The stream ended: decode its last record, count a partial one.
    void endStream(InputStream &stream);
    // Samples made without a decoder (the simulator).
    void ingestBlock(const SampleBlock &block);
    // For sources that hold samples back (file pacing): decode into a block of their own,
    // counting bytes and decode errors now, and publish rows [first, last) later with
    // ingestRows(), which does the sequence accounting.
    void decodeInto(InputStream &stream, std::string_view bytes, SampleBlock &out);
    void finishInto(InputStream &stream, SampleBlock &out);
    void ingestRows(InputStream &stream, const SampleBlock &block, std::size_t first,
                    std::size_t last);
    // Reports an error that stops the source: emits failed() and turns Disconnected.
    void fail(const QString &message);
    void setState(SourceState state);
    void flush();
    // A source that sends nothing on purpose (a paused replay) stays Live instead of turning
    // Stale; the stale clock starts afresh when it is no longer quiet.
    void setQuiet(bool quiet);

    [[nodiscard]] const Profile &profile() const { return m_profile; }
    [[nodiscard]] WireFormat format() const { return m_format; }
    [[nodiscard]] SourceCounters &counters() { return *m_counters; }
    [[nodiscard]] SourceState state() const { return m_state; }

private:
    void account(InputStream &stream, std::size_t firstRow);
    void publishErrors(InputStream &stream);
    void publishSequence(InputStream &stream);
    void dataArrived();
    void checkStale();

    Profile m_profile;
    WireFormat m_format;
    std::shared_ptr<SourceCounters> m_counters;
    std::unique_ptr<SampleBlock> m_pending;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_staleTimer = nullptr;
    QElapsedTimer m_sinceData;
    SourceState m_state = SourceState::Disconnected;
    bool m_quiet = false;
};

} // namespace fw
