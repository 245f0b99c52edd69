#include "sink.h"

#include "mqttsink.h"
#include "tcpsink.h"
#include "udpsink.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fw {

namespace {

// A recording, or standard output for "-".
class FileSink : public Sink
{
public:
    explicit FileSink(std::FILE *file)
        : m_file(file)
    {}
    ~FileSink() override
    {
        if (m_file != stdout) {
            std::fclose(m_file);
        } else {
            std::fflush(m_file);
        }
    }
    FileSink(const FileSink &) = delete;
    FileSink &operator=(const FileSink &) = delete;

    bool write(std::string_view record) override
    {
        if (std::fwrite(record.data(), 1, record.size(), m_file) != record.size()) {
            m_error = QStringLiteral("write failed");
            return false;
        }
        m_bytes += record.size();
        return true;
    }
    bool flush() override { return std::fflush(m_file) == 0; }

private:
    std::FILE *m_file;
};

} // namespace

std::unique_ptr<Sink> Sink::open(const QString &target, const Options &options, QString *error)
{
    if (target == u"-") {
        return std::make_unique<FileSink>(stdout);
    }
    QString path = target;
    if (target.contains(u"://")) {
        const auto uri = SourceUri::parse(target, error);
        if (!uri) {
            return nullptr;
        }
        switch (uri->scheme) {
        case SourceUri::Scheme::Udp:
            return UdpSink::open(uri->host, uri->port, options.datagramBytes, error);
        case SourceUri::Scheme::Tcp:
            return TcpSink::connectTo(uri->host, uri->port, options.connectTimeoutMs, error);
        case SourceUri::Scheme::TcpListen:
            return TcpSink::listenOn(uri->host, uri->port, options.connectTimeoutMs, error);
        case SourceUri::Scheme::File:
            path = uri->path;
            break;
        case SourceUri::Scheme::Sim:
            *error = QStringLiteral("sim:// is a source; telemetry cannot be sent to it");
            return nullptr;
        case SourceUri::Scheme::Mqtt:
            return MqttSink::open(*uri, options, error);
        }
    }
    std::FILE *file = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!file) {
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    return std::make_unique<FileSink>(file);
}

} // namespace fw
