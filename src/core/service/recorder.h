#pragma once

#include "telemetry/encoder.h"
#include "telemetry/profile.h"
#include "telemetry/sampleblock.h"

#include <QFile>
#include <QObject>

#include <memory>
#include <string>

class QTimer;

namespace fw {

// Writes the samples of a run to a recording (csv or jsonl, from the extension) that replays
// through file:// and trains through `train`. Samples are buffered and written once a second,
// so a crash loses at most the last second; close() writes the rest. GUI or main thread.
//
// When the disk refuses (full, or a file size limit) the recording stops: the file is cut back
// to the last whole record written, so everything in it replays, failed() says why, and later
// samples are no longer buffered (the run itself goes on).
class Recorder : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Recorder)

public:
    static constexpr int kFlushMs = 1000;

    explicit Recorder(QObject *parent = nullptr);
    ~Recorder() override;

    // Creates (truncates) path and writes the header; false with the reason.
    bool open(const QString &path, const Profile &profile, QString *error);
    void append(const SampleBlock &block);
    // Writes what is buffered; false (and failed() emitted once) when the disk refuses.
    bool flush();
    void close();
    [[nodiscard]] bool isOpen() const { return m_file.isOpen(); }
    [[nodiscard]] quint64 samplesWritten() const { return m_written; }
    // Why the recording stopped; empty while it records (or was never opened).
    [[nodiscard]] QString error() const { return m_error; }

Q_SIGNALS:
    void failed(const QString &message);

private:
    QFile m_file;
    std::unique_ptr<Encoder> m_encoder;
    std::string m_buffer;
    quint64 m_buffered = 0;
    quint64 m_written = 0;
    bool m_failed = false;
    qint64 m_goodBytes = 0; // file size after the last complete write
    QString m_error;
    QTimer *m_timer;
};

} // namespace fw
