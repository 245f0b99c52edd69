#include "sourceworker.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

namespace fw {

namespace {

void addDelta(std::atomic<std::uint64_t> &counter, std::uint64_t now, std::uint64_t &published)
{
    if (now != published) {
        // Out-of-order arrivals take samples back from lost, so a delta can be negative.
        counter.fetch_add(now - published, std::memory_order_relaxed);
        published = now;
    }
}

// Decode errors that refuse a record which may have carried one of the stream's sequence numbers:
// not an unknown APID or channel (another stream's), not a non-finite value (the sample is kept).
std::uint64_t refusedRecords(const DecodeCounts &now, const DecodeCounts &before)
{
    std::uint64_t refused = 0;
    for (DecodeError e :
         {DecodeError::Malformed, DecodeError::LineTooLong, DecodeError::MissingTime,
          DecodeError::BadTime, DecodeError::BadLength, DecodeError::BadHeader,
          DecodeError::Truncated, DecodeError::MissingStream}) {
        refused += now.count(e) - before.count(e);
    }
    return refused;
}

} // namespace

SourceWorker::SourceWorker(Profile profile, WireFormat format,
                           std::shared_ptr<SourceCounters> counters)
    : m_profile(std::move(profile))
    , m_format(format)
    , m_counters(std::move(counters))
    , m_pending(std::make_unique<SampleBlock>(m_profile.channelCount()))
{}

SourceWorker::~SourceWorker() = default;

void SourceWorker::setStreamKey(const StreamKey &key)
{
    m_streamKey = key;
    m_counters->streams->setShard(key.shard, key.shards);
}

void SourceWorker::start()
{
    // Timers are made here, on the source thread, so that they belong to it.
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushMs);
    m_flushTimer->setTimerType(Qt::PreciseTimer);
    connect(m_flushTimer, &QTimer::timeout, this, &SourceWorker::flush);
    m_staleTimer = new QTimer(this);
    m_staleTimer->setInterval(std::max(10, int(m_profile.staleAfterS * 1000 / 4)));
    connect(m_staleTimer, &QTimer::timeout, this, &SourceWorker::checkStale);
    m_staleTimer->start();
    setState(SourceState::Connecting);
    open();
}

void SourceWorker::shutdown()
{
    close();
    flush();
    if (m_staleTimer) {
        m_staleTimer->stop();
    }
    setState(SourceState::Disconnected);
    thread()->quit();
}

InputStream SourceWorker::makeStream()
{
    InputStream stream;
    stream.decoder = makeDecoder(m_format, m_profile);
    // CCSDS sequence counts are 14 bits wide and wrap.
    stream.tracker = SequenceTracker(m_format == WireFormat::Ccsds ? 16384 : 0);
    if (m_streamKey.fromRecords()) {
        // The worker outlives its inputs' decoders.
        stream.decoder->keyRecords([this](std::string_view key) { return streamOfKey(key); },
                                   m_streamKey.field);
    }
    return stream;
}

void SourceWorker::ingest(InputStream &stream, std::string_view bytes, bool datagram)
{
    const std::size_t firstRow = m_pending->size();
    if (datagram) {
        stream.decoder->feedDatagram(bytes, *m_pending);
        m_counters->datagrams.fetch_add(1, std::memory_order_relaxed);
    } else {
        stream.decoder->feed(bytes, *m_pending);
    }
    m_counters->bytes.fetch_add(bytes.size(), std::memory_order_relaxed);
    account(stream, firstRow);
}

void SourceWorker::endStream(InputStream &stream)
{
    const std::size_t firstRow = m_pending->size();
    stream.decoder->finish(*m_pending);
    account(stream, firstRow);
}

void SourceWorker::ingestBlock(const SampleBlock &block)
{
    const std::size_t firstRow = m_pending->size();
    for (std::size_t row = 0; row < block.size(); ++row) {
        m_pending->append(block, row);
    }
    if (m_pending->size() > firstRow) {
        m_counters->samples.fetch_add(m_pending->size() - firstRow, std::memory_order_relaxed);
        dataArrived();
    }
}

void SourceWorker::decodeInto(InputStream &stream, std::string_view bytes, SampleBlock &out)
{
    stream.decoder->feed(bytes, out);
    m_counters->bytes.fetch_add(bytes.size(), std::memory_order_relaxed);
    publishErrors(stream);
}

void SourceWorker::finishInto(InputStream &stream, SampleBlock &out)
{
    stream.decoder->finish(out);
    publishErrors(stream);
}

void SourceWorker::ingestRows(InputStream &stream, const SampleBlock &block, std::size_t first,
                              std::size_t last)
{
    while (first < last) {
        // In pieces that fit a block, so that a long run is handed on as it goes.
        const std::size_t firstRow = m_pending->size();
        const std::size_t room = kMaxBlockRows > firstRow ? kMaxBlockRows - firstRow : 1;
        const std::size_t end = std::min(last, first + room);
        for (std::size_t row = first; row < end; ++row) {
            m_pending->append(block, row);
        }
        accountRows(stream, firstRow);
        first = end;
    }
}

void SourceWorker::fail(const QString &message)
{
    Q_EMIT failed(message);
    setState(SourceState::Disconnected);
}

void SourceWorker::publishErrors(InputStream &stream)
{
    const DecodeCounts &errors = stream.decoder->errors();
    // Before the deltas are published: the records refused in the bytes just decoded.
    stream.tracker.refused(refusedRecords(errors, stream.published));
    for (int i = 0; i < kDecodeErrorCount; ++i) {
        addDelta(m_counters->decodeErrors[std::size_t(i)], errors.byReason[std::size_t(i)],
                 stream.published.byReason[std::size_t(i)]);
    }
}

void SourceWorker::publishSequence(SequenceBook &book)
{
    const SequenceTracker &tracker = book.tracker;
    addDelta(m_counters->lost, tracker.lost(), book.publishedLost);
    addDelta(m_counters->duplicates, tracker.duplicates(), book.publishedDuplicates);
    addDelta(m_counters->outOfOrder, tracker.outOfOrder(), book.publishedOutOfOrder);
    addDelta(m_counters->sequenceResets, tracker.resets(), book.publishedResets);
    addDelta(m_counters->sequenceStrays, tracker.strays(), book.publishedStrays);
    if (book.entry) {
        addDelta(book.entry->lost, tracker.lost(), book.publishedStreamLost);
    }
}

void SourceWorker::account(InputStream &stream, std::size_t firstRow)
{
    publishErrors(stream);
    accountRows(stream, firstRow);
}

void SourceWorker::accountRows(InputStream &stream, std::size_t firstRow)
{
    const bool keyed = stream.decoder && stream.decoder->keysRecords();
    if (keyed) {
        dropForeignRows(firstRow);
    } else if (stream.streamId == StreamTable::kFull) {
        // A stream the table had no room for: counted, not scored under another's name.
        m_counters->streams->refuse(m_pending->size() - firstRow);
        m_pending->truncate(firstRow);
    } else if (stream.streamId != StreamTable::kNone) {
        m_pending->setStream(firstRow, stream.streamId);
    }
    const std::size_t rows = m_pending->size();
    if (rows <= firstRow) {
        return;
    }
    if (keyed) {
        for (std::size_t row = firstRow; row < rows;) {
            const std::size_t end = m_pending->streamRunEnd(row);
            observe(bookOf(stream, m_pending->stream(row)), row, end);
            row = end;
        }
    } else {
        observe(stream, firstRow, rows);
    }
    m_counters->samples.fetch_add(rows - firstRow, std::memory_order_relaxed);
    dataArrived();
}

void SourceWorker::observe(SequenceBook &book, std::size_t first, std::size_t last)
{
    for (std::size_t row = first; row < last; ++row) {
        const std::int64_t seq = m_pending->seq(row);
        if (seq != SampleBlock::kNoSeq) {
            book.tracker.observe(seq, m_pending->t(row));
        }
    }
    publishSequence(book);
    if (book.entry) {
        book.entry->samples.fetch_add(last - first, std::memory_order_relaxed);
        book.entry->newestT.store(m_pending->t(last - 1), std::memory_order_relaxed);
    }
}

void SourceWorker::dropForeignRows(std::size_t firstRow)
{
    std::uint64_t refused = 0;
    std::uint64_t otherShard = 0;
    m_pending->keepRows(firstRow, [&](std::uint32_t id) {
        refused += id == StreamTable::kFull ? 1 : 0;
        otherShard += id == StreamTable::kOtherShard ? 1 : 0;
        return id != StreamTable::kFull && id != StreamTable::kOtherShard;
    });
    if (refused > 0) {
        m_counters->streams->refuse(refused);
    }
    if (otherShard > 0) {
        m_counters->streams->passOver(otherShard);
    }
}

SequenceBook &SourceWorker::bookOf(InputStream &stream, std::uint32_t id)
{
    if (id >= stream.books.size()) {
        stream.books.resize(std::size_t(id) + 1);
    }
    std::unique_ptr<SequenceBook> &book = stream.books[id];
    if (!book) {
        book = std::make_unique<SequenceBook>();
        book->tracker = SequenceTracker(m_format == WireFormat::Ccsds ? 16384 : 0);
        book->entry = m_counters->streams->entry(id);
    }
    return *book;
}

std::uint32_t SourceWorker::streamOfKey(std::string_view key)
{
    if (const auto it = m_keyIds.find(key); it != m_keyIds.end()) {
        return it->second;
    }
    const std::uint32_t id
        = m_streamKey.owns(key) ? m_counters->streams->idOf(key) : StreamTable::kOtherShard;
    if (m_keyIds.size() >= kMaxRememberedKeys) {
        m_keyIds.clear();
    }
    m_keyIds.emplace(std::string(key), id);
    return id;
}

void SourceWorker::assignStream(InputStream &stream, std::string_view key)
{
    stream.streamId = m_counters->streams->idOf(key);
    stream.entry = m_counters->streams->entry(stream.streamId);
}

void SourceWorker::dataArrived()
{
    m_sinceData.start();
    setState(SourceState::Live);
    if (m_pending->size() >= kMaxBlockRows) {
        flush();
    } else if (!m_flushTimer->isActive()) {
        m_flushTimer->start();
    }
}

void SourceWorker::flush()
{
    if (m_flushTimer) {
        m_flushTimer->stop();
    }
    if (m_pending->isEmpty()) {
        return;
    }
    auto block = std::make_unique<SampleBlock>(m_profile.channelCount());
    block->reserve(std::min(m_pending->size() * 2, kMaxBlockRows));
    std::swap(block, m_pending);
    Q_EMIT blockReady(SampleBlockPtr(block.release()));
}

void SourceWorker::setQuiet(bool quiet)
{
    if (m_quiet && !quiet) {
        m_sinceData.start();
    }
    m_quiet = quiet;
}

void SourceWorker::checkStale()
{
    if (!m_quiet && m_state == SourceState::Live && m_sinceData.isValid()
        && m_sinceData.elapsed() > qint64(m_profile.staleAfterS * 1000)) {
        setState(SourceState::Stale);
    }
}

void SourceWorker::setState(SourceState state)
{
    if (state == m_state) {
        return;
    }
    m_state = state;
    m_counters->state.store(int(state), std::memory_order_relaxed);
    Q_EMIT stateChanged(state);
}

} // namespace fw
