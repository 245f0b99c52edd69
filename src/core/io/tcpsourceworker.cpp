#include "tcpsourceworker.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace fw {

Q_LOGGING_CATEGORY(lcTcpSource, "fw.source.tcp")

namespace {
constexpr qint64 kReadChunk = 256 * 1024;
}

TcpSourceWorker::TcpSourceWorker(SourceUri uri, Profile profile,
                                 std::shared_ptr<SourceCounters> counters)
    : SourceWorker(std::move(profile), uri.format, std::move(counters))
    , m_uri(std::move(uri))
{}

TcpSourceWorker::~TcpSourceWorker() = default;

void TcpSourceWorker::open()
{
    m_closing = false;
    m_stream = makeStream();
    m_readBuffer.resize(kReadChunk);
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &TcpSourceWorker::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &TcpSourceWorker::onReadyRead);
    connect(m_socket, &QTcpSocket::stateChanged, this, &TcpSourceWorker::onSocketStateChanged);
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &TcpSourceWorker::connectToPeer);
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setInterval(kConnectTimeoutMs);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcTcpSource) << m_uri.toString() << "connect timed out";
        m_socket->abort(); // → UnconnectedState → scheduleReconnect()
    });
    m_silenceTimer = new QTimer(this);
    m_silenceTimer->setSingleShot(true);
    m_silenceTimer->setInterval(silentAfterMs());
    connect(m_silenceTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcTcpSource).nospace() << m_uri.toString() << ": nothing received for "
                                         << silentAfterMs() << " ms; reconnecting";
        m_socket->abort(); // → UnconnectedState → scheduleReconnect()
    });
    connectToPeer();
}

int TcpSourceWorker::silentAfterMs() const
{
    const double ms = kSilentStalePeriods * profile().staleAfterS * 1000;
    return int(std::clamp(ms, double(kMinSilentMs), 3600.0 * 1000));
}

void TcpSourceWorker::connectToPeer()
{
    if (m_closing) {
        return;
    }
    setState(SourceState::Connecting);
    m_connectTimer->start();
    m_socket->connectToHost(m_uri.host, m_uri.port);
}

void TcpSourceWorker::onConnected()
{
    m_connectTimer->stop();
    m_connected = true;
    m_backoffMs = kFirstBackoffMs;
    if (m_everConnected) {
        counters().reconnects.fetch_add(1, std::memory_order_relaxed);
    }
    m_everConnected = true;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    m_silenceTimer->start();
    qCDebug(lcTcpSource) << m_uri.toString() << "connected";
    // Live comes with the first data; until then the source is still Connecting.
}

void TcpSourceWorker::onReadyRead()
{
    if (m_connected) {
        m_silenceTimer->start();
    }
    while (m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(m_readBuffer.data(), m_readBuffer.size());
        if (n <= 0) {
            break;
        }
        ingest(m_stream, std::string_view(m_readBuffer.constData(), std::size_t(n)), false);
    }
}

void TcpSourceWorker::onSocketStateChanged(QAbstractSocket::SocketState socketState)
{
    if (socketState != QAbstractSocket::UnconnectedState || m_closing) {
        return;
    }
    m_connectTimer->stop();
    m_silenceTimer->stop();
    if (m_connected) {
        m_connected = false;
        // Whatever is still buffered belongs to the connection that ended.
        onReadyRead();
        endStream(m_stream);
        m_stream.decoder->reset();
        m_stream.published = m_stream.decoder->errors();
        qCDebug(lcTcpSource) << m_uri.toString() << "disconnected:" << m_socket->errorString();
    }
    scheduleReconnect();
}

void TcpSourceWorker::scheduleReconnect()
{
    if (m_retryTimer->isActive()) {
        return;
    }
    setState(SourceState::Connecting);
    m_retryTimer->start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

void TcpSourceWorker::close()
{
    m_closing = true;
    if (m_retryTimer) {
        m_retryTimer->stop();
    }
    if (m_connectTimer) {
        m_connectTimer->stop();
    }
    if (m_silenceTimer) {
        m_silenceTimer->stop();
    }
    if (m_socket) {
        m_socket->abort();
        delete m_socket;
        m_socket = nullptr;
    }
    m_connected = false;
}

} // namespace fw
