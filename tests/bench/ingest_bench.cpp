// Ingest throughput on loopback UDP: a sender thread pinned to one core blasts pre-encoded
// datagrams; on the other core either FaultWatch's udp:// source (decode, batching, loss
// accounting) or a bare recvmmsg loop receives them. Prints one JSON object.
//
//   fw_bench_ingest --format ccsds|jsonl [--seconds S] [--mode source|bare]
#include "io/socketaddress.h"
#include "io/source.h"
#include "sim/simulator.h"
#include "telemetry/encoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstring>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace fw;

namespace {

constexpr std::size_t kDatagramBytes = 1400;
constexpr std::size_t kBatch = 64;

struct Traffic
{
    std::vector<std::string> datagrams;
    double samplesPerDatagram = 0;
};

// 16384 samples: a whole CCSDS sequence-count cycle, so replaying it keeps the counts continuous.
Traffic makeTraffic(const Profile &profile, WireFormat format)
{
    Simulator simulator(profile, 1000, 1, Scenario{}, 1732400000);
    SampleBlock block(profile.channelCount());
    simulator.generate(16384, block);
    const auto encoder = makeEncoder(format, profile);
    Traffic traffic;
    std::string datagram;
    std::string record;
    for (std::size_t row = 0; row < block.size(); ++row) {
        record.clear();
        encoder->encode(block, row, record);
        if (datagram.size() + record.size() > kDatagramBytes) {
            traffic.datagrams.push_back(datagram);
            datagram.clear();
        }
        datagram += record;
    }
    traffic.datagrams.push_back(datagram);
    traffic.samplesPerDatagram = double(block.size()) / double(traffic.datagrams.size());
    return traffic;
}

void pinTo(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu % int(std::thread::hardware_concurrency()), &set);
    sched_setaffinity(0, sizeof set, &set);
}

void send(const Traffic &traffic, std::uint16_t port, const std::atomic<bool> &stop)
{
    pinTo(0);
    SocketAddress to;
    QString error;
    if (!SocketAddress::resolve(QStringLiteral("127.0.0.1"), port, &to, &error)) {
        return;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    std::vector<mmsghdr> messages(kBatch);
    std::vector<iovec> vectors(kBatch);
    std::size_t next = 0;
    while (!stop.load(std::memory_order_relaxed)) {
        for (std::size_t i = 0; i < kBatch; ++i) {
            const std::string &datagram = traffic.datagrams[next];
            next = (next + 1) % traffic.datagrams.size();
            vectors[i] = {const_cast<char *>(datagram.data()), datagram.size()};
            messages[i] = {};
            messages[i].msg_hdr.msg_name = const_cast<sockaddr *>(to.get());
            messages[i].msg_hdr.msg_namelen = to.length;
            messages[i].msg_hdr.msg_iov = &vectors[i];
            messages[i].msg_hdr.msg_iovlen = 1;
        }
        ::sendmmsg(fd, messages.data(), kBatch, 0);
    }
    ::close(fd);
}

std::uint16_t boundPort(int fd)
{
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    return ntohs(address.sin_port);
}

// The reference: receive and count, nothing else.
double bareSamplesPerSecond(const Traffic &traffic, double seconds)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    const int buffer = 8 * 1024 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    timeval timeout{0, 100000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::atomic<bool> stop{false};
    std::thread sender(send, std::cref(traffic), boundPort(fd), std::cref(stop));

    std::vector<std::vector<char>> buffers(kBatch, std::vector<char>(65536));
    std::vector<mmsghdr> messages(kBatch);
    std::vector<iovec> vectors(kBatch);
    for (std::size_t i = 0; i < kBatch; ++i) {
        vectors[i] = {buffers[i].data(), buffers[i].size()};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
    }
    QElapsedTimer clock;
    clock.start();
    std::uint64_t datagrams = 0;
    std::uint64_t atWarmup = 0;
    qint64 warmupNs = 0;
    const qint64 warmup = 500'000'000;
    while (clock.nsecsElapsed() < warmup + qint64(seconds * 1e9)) {
        const int n = ::recvmmsg(fd, messages.data(), kBatch, MSG_WAITFORONE, nullptr);
        if (n > 0) {
            datagrams += std::uint64_t(n);
        }
        if (warmupNs == 0 && clock.nsecsElapsed() >= warmup) {
            warmupNs = clock.nsecsElapsed();
            atWarmup = datagrams;
        }
    }
    const double elapsed = double(clock.nsecsElapsed() - warmupNs) * 1e-9;
    stop = true;
    sender.join();
    ::close(fd);
    return double(datagrams - atWarmup) * traffic.samplesPerDatagram / elapsed;
}

// FaultWatch's path: udp:// source on its own thread, blocks delivered to this thread.
QJsonObject sourceSamplesPerSecond(const Traffic &traffic, const Profile &profile,
                                   WireFormat format, double seconds)
{
    // Find a free port, then let the source bind it.
    const int probe = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(probe, reinterpret_cast<sockaddr *>(&address), sizeof address);
    const std::uint16_t port = boundPort(probe);
    ::close(probe);

    QString error;
    const auto uri = SourceUri::parse(
        QStringLiteral("udp://127.0.0.1:%1?format=%2").arg(port).arg(wireFormatName(format)),
        &error);
    auto source = createSource(*uri, profile, &error);
    std::uint64_t delivered = 0;
    QObject::connect(source.get(), &Source::blockReady,
                     [&delivered](const SampleBlockPtr &block) { delivered += block->size(); });
    source->start();
    QElapsedTimer clock;
    clock.start();
    while (source->state() != SourceState::Connecting && clock.elapsed() < 2000) {
        QThread::msleep(1);
    }
    std::atomic<bool> stop{false};
    std::thread sender(send, std::cref(traffic), port, std::cref(stop));
    // Sleeps in the event loop, as a consumer of blocks would: the core is the source's.
    auto runFor = [](qint64 ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    runFor(500);
    const SourceStats before = source->stats();
    clock.restart();
    runFor(qint64(seconds * 1000));
    const SourceStats after = source->stats();
    const double elapsed = double(clock.nsecsElapsed()) * 1e-9;
    stop = true;
    sender.join();
    source->stop();
    QCoreApplication::processEvents();
    return QJsonObject{
        {QStringLiteral("samples_per_s"), double(after.samples - before.samples) / elapsed},
        {QStringLiteral("decode_errors"),
         qint64(after.decodeErrors.total() - before.decodeErrors.total())},
        {QStringLiteral("delivered"), qint64(delivered)},
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    auto value = [&](const QString &name, const QString &fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args[at + 1] : fallback;
    };
    const auto format
        = wireFormatFromName(value(QStringLiteral("--format"), QStringLiteral("ccsds")));
    const double seconds = value(QStringLiteral("--seconds"), QStringLiteral("3")).toDouble();
    if (!format || seconds <= 0) {
        QTextStream(stderr) << "usage: fw_bench_ingest --format ccsds|jsonl [--seconds S]\n";
        return 2;
    }
    QString error;
    const auto profile = Profile::load(QStringLiteral("spacecraft"), &error);
    const Traffic traffic = makeTraffic(*profile, *format);
    // Everything but the sender runs on the second core: "one receiving core".
    pinTo(1);
    const QJsonObject ours = sourceSamplesPerSecond(traffic, *profile, *format, seconds);
    const double bare = bareSamplesPerSecond(traffic, seconds);
    QJsonObject result = ours;
    result.insert(QStringLiteral("format"), wireFormatName(*format));
    result.insert(QStringLiteral("bare_samples_per_s"), bare);
    result.insert(QStringLiteral("samples_per_datagram"), traffic.samplesPerDatagram);
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    return 0;
}
