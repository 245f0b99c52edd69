#include "fileseeker.h"

#include "telemetry/ccsdsformat.h"
#include "telemetry/decoder.h"
#include "telemetry/streamtable.h"

#include <cmath>
#include <limits>
#include <string_view>

namespace fw {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view view(const QByteArray &bytes, qsizetype from = 0, qsizetype to = -1)
{
    if (to < 0) {
        to = bytes.size();
    }
    return {bytes.constData() + from, std::size_t(to - from)};
}

} // namespace

FileSeeker::FileSeeker(QString path, WireFormat format, Profile profile)
    : m_path(std::move(path))
    , m_format(format)
    , m_profile(std::move(profile))
    , m_file(m_path)
    , m_first(kNaN)
    , m_last(kNaN)
{}

FileSeeker::~FileSeeker() = default;

bool FileSeeker::scan(QString *error)
{
    if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = m_file.errorString();
        }
        return false;
    }
    m_size = m_file.size();
    findHeader();
    const std::optional<Probe> first = probe(m_dataStart);
    m_first = first ? first->t : kNaN;
    m_last = kNaN;
    if (!first) {
        return true;
    }
    // The tail holds the last sample; a tail of one long line needs a longer look.
    for (qint64 window = kCloseEnoughBytes; std::isnan(m_last); window *= 4) {
        const qint64 from = std::max(first->offset, m_size - window);
        m_last = lastTimeFrom(from);
        if (from == first->offset) {
            break;
        }
    }
    return true;
}

void FileSeeker::findHeader()
{
    m_dataStart = 0;
    m_header.clear();
    if (m_format != WireFormat::Csv) {
        return;
    }
    // The csv decoder takes a first line of names as the header, anything else as data.
    QByteArray line;
    for (qint64 at = 0; at < m_size && at < kMaxProbeBytes; at += kReadBytes) {
        const QByteArray piece = readAt(at, kReadBytes);
        const qsizetype newline = piece.indexOf('\n');
        if (newline >= 0) {
            line += piece.left(newline + 1);
            break;
        }
        line += piece;
    }
    std::unique_ptr<Decoder> decoder = newDecoder();
    SampleBlock block(m_profile.channelCount());
    decoder->feed(view(line), block);
    if (line.endsWith('\n') && block.isEmpty()) {
        m_header = line;
        m_dataStart = line.size();
    }
}

QByteArray FileSeeker::readAt(qint64 offset, qint64 bytes)
{
    if (offset >= m_size || !m_file.seek(offset)) {
        return {};
    }
    return m_file.read(std::min(bytes, m_size - offset));
}

std::optional<FileSeeker::Probe> FileSeeker::probe(qint64 offset)
{
    ++m_probes;
    return m_format == WireFormat::Ccsds ? probeCcsds(offset) : probeLines(offset);
}

std::optional<FileSeeker::Probe> FileSeeker::probeLines(qint64 offset)
{
    qint64 lineStart = std::max(offset, m_dataStart);
    if (lineStart > m_dataStart) {
        // A line starts after the first newline at or after offset - 1.
        qint64 at = lineStart - 1;
        for (;;) {
            if (at >= m_size || at - offset > kMaxProbeBytes) {
                return std::nullopt;
            }
            const QByteArray piece = readAt(at, kReadBytes);
            const qsizetype newline = piece.indexOf('\n');
            if (newline >= 0) {
                lineStart = at + newline + 1;
                break;
            }
            at += piece.size();
        }
    }
    std::unique_ptr<Decoder> decoder = newDecoder();
    SampleBlock block(m_profile.channelCount());
    decoder->feed(view(m_header), block);
    QByteArray pending; // bytes of lines not yet decoded, starting at lineStart
    qint64 readTo = lineStart;
    while (lineStart - offset <= kMaxProbeBytes) {
        const qsizetype newline = pending.indexOf('\n');
        if (newline < 0) {
            if (readTo >= m_size) {
                // A last line without its newline.
                decoder->feed(view(pending), block);
                decoder->finish(block);
                return block.isEmpty() ? std::nullopt : std::optional(Probe{lineStart, block.t(0)});
            }
            const QByteArray piece = readAt(readTo, kReadBytes);
            if (piece.isEmpty()) {
                return std::nullopt;
            }
            readTo += piece.size();
            pending += piece;
            continue;
        }
        decoder->feed(view(pending, 0, newline + 1), block);
        if (!block.isEmpty()) {
            return Probe{lineStart, block.t(0)};
        }
        lineStart += newline + 1;
        pending.remove(0, newline + 1);
    }
    return std::nullopt;
}

std::unique_ptr<Decoder> FileSeeker::newDecoder() const
{
    std::unique_ptr<Decoder> decoder = makeDecoder(m_format, m_profile);
    if (m_anyApid) {
        // Only times are wanted here: every packet's stream is left unnamed.
        decoder->keyRecords([](std::string_view) { return StreamTable::kNone; }, {});
    }
    return decoder;
}

bool FileSeeker::isPacketStart(const QByteArray &bytes, qsizetype at) const
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData()) + at;
    if (at + qsizetype(ccsds::kPrimaryHeaderBytes) > bytes.size()
        || ccsds::readBe16(p + 4) != ccsds::lengthField(m_profile.channelCount())) {
        return false;
    }
    const std::uint16_t word0 = ccsds::readBe16(p);
    const std::uint16_t ours = ccsds::packetId(m_profile.apid);
    if (!m_anyApid) {
        return word0 == ours;
    }
    return (word0 & ~ccsds::kApidMask) == (ours & ~ccsds::kApidMask)
           && (word0 & ccsds::kApidMask) != ccsds::kIdleApid;
}

std::optional<FileSeeker::Probe> FileSeeker::probeCcsds(qint64 offset)
{
    const auto packet = qint64(ccsds::packetBytes(m_profile.channelCount()));
    for (qint64 at = offset; at < m_size && at - offset <= kMaxProbeBytes;) {
        // Each piece overlaps the next by a packet, so a header across the seam is seen.
        const QByteArray piece = readAt(at, kReadBytes + packet);
        const qsizetype scanEnd = std::min<qsizetype>(piece.size(), kReadBytes);
        for (qsizetype i = 0; i < scanEnd; ++i) {
            if (!isPacketStart(piece, i) || i + packet > piece.size()) {
                continue;
            }
            // A header followed by another, or by the end of the file, is taken for a packet.
            const bool endsFile = at + i + packet == m_size;
            if (!endsFile && i + packet + qsizetype(ccsds::kPrimaryHeaderBytes) <= piece.size()
                && !isPacketStart(piece, i + packet)) {
                continue;
            }
            std::unique_ptr<Decoder> decoder = newDecoder();
            SampleBlock block(m_profile.channelCount());
            decoder->feed(view(piece, i, i + packet), block);
            if (!block.isEmpty()) {
                return Probe{at + i, block.t(0)};
            }
        }
        if (piece.size() <= scanEnd) {
            break;
        }
        at += scanEnd;
    }
    return std::nullopt;
}

double FileSeeker::lastTimeFrom(qint64 offset)
{
    const std::optional<Probe> start = probe(offset);
    if (!start) {
        return kNaN;
    }
    std::unique_ptr<Decoder> decoder = newDecoder();
    SampleBlock block(m_profile.channelCount());
    decoder->feed(view(m_header), block);
    double last = kNaN;
    for (qint64 at = start->offset; at < m_size;) {
        const QByteArray piece = readAt(at, kReadBytes);
        if (piece.isEmpty()) {
            break;
        }
        at += piece.size();
        decoder->feed(view(piece), block);
        if (!block.isEmpty()) {
            last = block.t(block.size() - 1);
            block.clear();
        }
    }
    decoder->finish(block);
    return block.isEmpty() ? last : block.t(block.size() - 1);
}

qint64 FileSeeker::offsetFor(double t)
{
    if (std::isnan(m_first) || !(t > m_first)) {
        return m_dataStart;
    }
    // lo: a record boundary whose record is before t. hi: the first record at or after hi is at
    // or after t, or there is none.
    qint64 lo = m_dataStart;
    qint64 hi = m_size;
    while (hi - lo > kCloseEnoughBytes) {
        const qint64 mid = lo + (hi - lo) / 2;
        const std::optional<Probe> found = probe(mid);
        if (!found || !(found->t < t)) {
            hi = mid;
        } else {
            lo = found->offset;
        }
    }
    return lo;
}

} // namespace fw
