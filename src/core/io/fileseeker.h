#pragma once

#include "telemetry/profile.h"
#include "telemetry/wireformat.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <memory>
#include <optional>

namespace fw {

// Finds where a source time lies in a recording (csv, jsonl or raw ccsds) without indexing it: a
// bisection over byte offsets, each probe decoding the first whole record after an offset. Memory
// stays constant whatever the file's size, and a seek reads O(log size) small pieces, so a
// recording of a day at 1 kHz seeks as fast as one of a minute.
//
// Assumes non-decreasing sample times, as recordings have; where times step back the seek lands
// near, not exactly on, the target. For ccsds a record starts at a header of the profile's APID
// and packet length. Lives with the file source worker on the source thread; it opens the file a
// second time so that the replay's read position is never moved.
class Decoder;

class FileSeeker
{
public:
    static constexpr qint64 kReadBytes = 16 * 1024;
    // A probe that finds no record within this many bytes gives up (a file of garbage).
    static constexpr qint64 kMaxProbeBytes = 4 * 1024 * 1024;
    // Bisection stops this close to the target; the replay decodes and skips the rest.
    static constexpr qint64 kCloseEnoughBytes = 64 * 1024;

    FileSeeker(QString path, WireFormat format, Profile profile);
    ~FileSeeker();
    // ccsds with stream=apid: packets of every APID with the profile's layout are records.
    void setAnyApid(bool any) { m_anyApid = any; }
    FileSeeker(const FileSeeker &) = delete;
    FileSeeker &operator=(const FileSeeker &) = delete;
    FileSeeker(FileSeeker &&) = delete;
    FileSeeker &operator=(FileSeeker &&) = delete;

    // Opens the file, finds a csv header and the first and last sample times; false with the
    // reason in *error when the file cannot be read. A file without samples is no error: first()
    // and last() are then NaN and every offset is dataStart().
    bool scan(QString *error);
    [[nodiscard]] double first() const { return m_first; }
    [[nodiscard]] double last() const { return m_last; }
    // Where records start (after a csv header line).
    [[nodiscard]] qint64 dataStart() const { return m_dataStart; }
    // What a fresh decoder must be fed before reading from the middle: the csv header line.
    [[nodiscard]] const QByteArray &header() const { return m_header; }

    // A record boundary at or before the first record with time >= t, at most about
    // kCloseEnoughBytes before it; dataStart() when t is at or before the first sample.
    [[nodiscard]] qint64 offsetFor(double t);
    // Probes made so far (each reads a few KiB), for tests that check a seek stays cheap.
    [[nodiscard]] int probeCount() const { return m_probes; }

private:
    [[nodiscard]] std::unique_ptr<Decoder> newDecoder() const;
    struct Probe
    {
        qint64 offset = 0; // where the record starts
        double t = 0;
    };

    [[nodiscard]] QByteArray readAt(qint64 offset, qint64 bytes);
    // The first record starting at or after offset.
    [[nodiscard]] std::optional<Probe> probe(qint64 offset);
    [[nodiscard]] std::optional<Probe> probeLines(qint64 offset);
    [[nodiscard]] std::optional<Probe> probeCcsds(qint64 offset);
    [[nodiscard]] bool isPacketStart(const QByteArray &bytes, qsizetype at) const;
    // The time of the last sample in [offset, end of file), NaN when none.
    [[nodiscard]] double lastTimeFrom(qint64 offset);
    void findHeader();

    QString m_path;
    WireFormat m_format;
    Profile m_profile;
    bool m_anyApid = false;
    QFile m_file;
    qint64 m_size = 0;
    qint64 m_dataStart = 0;
    QByteArray m_header;
    double m_first;
    double m_last;
    int m_probes = 0;
};

} // namespace fw
