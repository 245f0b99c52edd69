#pragma once

#include "sourcestate.h"
#include "telemetry/decoder.h"
#include "telemetry/profile.h"
#include "telemetry/sequencetracker.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

class QTimer;

namespace fw {

// One sender's sequence numbers, and what of their accounting the shared counters hold.
struct SequenceBook
{
    SequenceTracker tracker;
    StreamTable::Entry *entry = nullptr; // the stream's, when the source has a stream key
    std::uint64_t publishedStreamLost = 0;
    std::uint64_t publishedLost = 0;
    std::uint64_t publishedDuplicates = 0;
    std::uint64_t publishedOutOfOrder = 0;
    std::uint64_t publishedResets = 0;
    std::uint64_t publishedStrays = 0;
};

// One decoded input: a datagram socket, a TCP connection, a file. Each has its own decoder and
// sequence numbers, so two benches on one tcp-listen port are accounted for separately.
struct InputStream : SequenceBook
{
    std::unique_ptr<Decoder> decoder;
    // The stream its samples belong to, when the input names it (an MQTT topic; see
    // StreamTable): several inputs may feed one stream (two topics of one vehicle). kFull:
    // refused.
    std::uint32_t streamId = StreamTable::kNone;
    DecodeCounts published; // decoder errors already added to the shared counters
    // When each record names its stream (a field, the APID), each of the input's streams numbers
    // its records on its own: their books, by stream id (made as the streams turn up).
    std::vector<std::unique_ptr<SequenceBook>> books;
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

    // Before the source starts: what names the streams of its records (see StreamKey).
    void setStreamKey(const StreamKey &key);

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

    [[nodiscard]] InputStream makeStream();
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
    [[nodiscard]] const StreamKey &streamKey() const { return m_streamKey; }

private:
    struct KeyHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const
        {
            return std::hash<std::string_view>{}(key);
        }
    };
    // Keys remembered at most before the memory is cleared: other shards' keys are not bounded
    // by the stream table.
    static constexpr std::size_t kMaxRememberedKeys = 2 * StreamTable::kDefaultLimit;

    void account(InputStream &stream, std::size_t firstRow);
    // Accounts for the rows from firstRow on of m_pending, decoded from stream.
    void accountRows(InputStream &stream, std::size_t firstRow);
    // Takes the rows of streams refused or kept by another shard out of m_pending.
    void dropForeignRows(std::size_t firstRow);
    [[nodiscard]] SequenceBook &bookOf(InputStream &stream, std::uint32_t id);
    void observe(SequenceBook &book, std::size_t first, std::size_t last);
    // The stream id of a record's key (a decoder's lookup; see Decoder::keyRecords).
    [[nodiscard]] std::uint32_t streamOfKey(std::string_view key);
    void publishErrors(InputStream &stream);
    void publishSequence(SequenceBook &book);
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
    StreamKey m_streamKey;
    std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> m_keyIds;
};

} // namespace fw
