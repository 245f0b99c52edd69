#include "service/recorder.h"

#include "telemetry/wireformat.h"

#include <QTimer>

namespace fw {

Recorder::Recorder(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &Recorder::flush);
}

Recorder::~Recorder()
{
    close();
}

bool Recorder::open(const QString &path, const Profile &profile, QString *error)
{
    close();
    const std::optional<WireFormat> format = wireFormatFromExtension(path);
    if (!format || (*format != WireFormat::Csv && *format != WireFormat::Jsonl)) {
        *error = QStringLiteral("%1: a recording is .csv or .jsonl").arg(path);
        return false;
    }
    m_file.setFileName(path);
    // Unbuffered: the buffer is ours, and a write the disk refused must not linger in QFile's
    // own to be written again at close().
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = QStringLiteral("%1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_encoder = makeEncoder(*format, profile);
    m_buffer = m_encoder->header();
    m_failed = false;
    m_goodBytes = 0;
    m_error.clear();
    m_written = 0;
    m_buffered = 0;
    m_timer->start(kFlushMs);
    return flush();
}

void Recorder::append(const SampleBlock &block)
{
    if (!m_file.isOpen() || m_failed) {
        return;
    }
    for (std::size_t row = 0; row < block.size(); ++row) {
        m_encoder->encode(block, row, m_buffer);
    }
    m_buffered += block.size();
}

bool Recorder::flush()
{
    if (!m_file.isOpen()) {
        return false;
    }
    if (m_failed) {
        return false;
    }
    if (!m_buffer.empty()) {
        const qint64 n = m_file.write(m_buffer.data(), qint64(m_buffer.size()));
        if (n != qint64(m_buffer.size()) || !m_file.flush()) {
            m_failed = true;
            // A short write sets no error: the kernel wrote what fitted.
            const QString why
                = n >= 0 && n < qint64(m_buffer.size())
                      ? tr("the disk is full or the file reached its size limit (%1 of %2 bytes "
                           "written)")
                            .arg(n)
                            .arg(m_buffer.size())
                      : m_file.errorString();
            m_error = QStringLiteral("%1: %2; recording stopped after %3 samples")
                          .arg(m_file.fileName(), why)
                          .arg(m_written);
            // A record cut in half would not replay: back to the last whole write.
            m_file.resize(m_goodBytes);
            m_buffer.clear();
            m_buffered = 0;
            Q_EMIT failed(m_error);
            return false;
        }
        m_buffer.clear();
        m_goodBytes = m_file.size();
    }
    m_written += m_buffered;
    m_buffered = 0;
    return true;
}

void Recorder::close()
{
    if (!m_file.isOpen()) {
        return;
    }
    flush();
    m_timer->stop();
    m_file.close();
}

} // namespace fw
