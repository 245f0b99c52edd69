#include "sourceharness.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fw::WireFormat)
Q_DECLARE_METATYPE(fw::DecodeError)

namespace {

// Datagrams of recordsPerDatagram records each.
std::vector<QByteArray> encodeDatagrams(WireFormat format, const Profile &profile,
                                        const SampleBlock &block, std::size_t recordsPerDatagram)
{
    const auto encoder = makeEncoder(format, profile);
    std::vector<QByteArray> datagrams;
    std::string wire;
    for (std::size_t row = 0; row < block.size(); ++row) {
        encoder->encode(block, row, wire);
        if ((row + 1) % recordsPerDatagram == 0 || row + 1 == block.size()) {
            datagrams.emplace_back(wire.data(), qsizetype(wire.size()));
            wire.clear();
        }
    }
    return datagrams;
}

quint16 freeUdpPort(const QHostAddress &address)
{
    QUdpSocket probe;
    if (!probe.bind(address, 0)) {
        return 0;
    }
    return probe.localPort();
}

// True once somebody (the source) holds the port: an exclusive bind then fails.
bool udpPortTaken(const QHostAddress &address, quint16 port)
{
    QUdpSocket probe;
    return !probe.bind(address, port, QAbstractSocket::DontShareAddress);
}

// Starts a source on a port that is free now. Another process may take that port between the
// probe and the source's bind, so a failed bind is retried on a fresh port a few times.
std::unique_ptr<Harness> startOnFreePort(const QString &uriPattern, const QHostAddress &address,
                                         const Profile &profile, quint16 *port)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        *port = freeUdpPort(address);
        if (*port == 0) {
            return nullptr;
        }
        auto h = std::make_unique<Harness>(uriPattern.arg(*port), profile);
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < kTimeoutMs && h->failures->isEmpty()
               && !udpPortTaken(address, *port)) {
            QTest::qWait(5);
        }
        if (h->failures->isEmpty() && udpPortTaken(address, *port)) {
            return h;
        }
        qWarning() << "retrying on another port:" << h->failures->value(0).value(0).toString();
    }
    return nullptr;
}

} // namespace

class TstUdpSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesArriveExactlyAndInOrder_data();
    void samplesArriveExactlyAndInOrder();
    void malformedDatagramIsCountedByReason_data();
    void malformedDatagramIsCountedByReason();
    void sequenceGapsDuplicatesAndReorderingAreCounted_data();
    void sequenceGapsDuplicatesAndReorderingAreCounted();
    void stateGoesConnectingLiveStaleAndBackToLive();
    void receivesOnIpv6Loopback();
    void bindsToAHostName();
    void joinsAMulticastGroup();
    void portInUseFailsWithTheReason();
    void stopIsPromptWhileDatagramsFlow();
    void datagramsTheKernelDropsAreCounted();
};

void TstUdpSource::samplesArriveExactlyAndInOrder_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<int>("perDatagram");
    QTest::newRow("jsonl, 7 per datagram") << WireFormat::Jsonl << 7;
    QTest::newRow("jsonl, 1 per datagram") << WireFormat::Jsonl << 1;
    QTest::newRow("ccsds, 16 per datagram") << WireFormat::Ccsds << 16;
}

void TstUdpSource::samplesArriveExactlyAndInOrder()
{
    QFETCH(WireFormat, format);
    QFETCH(int, perDatagram);
    const Profile profile = benchProfile();
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://127.0.0.1:%1?format="_s + wireFormatName(format),
                                         loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;

    const SampleBlock sent = makeSamples(range(0, 300));
    const auto datagrams = encodeDatagrams(format, profile, sent, std::size_t(perDatagram));
    QUdpSocket sender;
    qint64 bytes = 0;
    for (const QByteArray &datagram : datagrams) {
        QCOMPARE(sender.writeDatagram(datagram, loopback, port), datagram.size());
        bytes += datagram.size();
        if (bytes % 8 == 0) {
            QTest::qWait(0); // let the loopback queue drain now and then
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));

    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.bytes, std::uint64_t(bytes));
    QCOMPARE(stats.datagrams, std::uint64_t(datagrams.size()));
    QCOMPARE(stats.samples, std::uint64_t(sent.size()));
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QCOMPARE(h.source->state(), SourceState::Live);
    QVERIFY(h.failures->isEmpty());
}

void TstUdpSource::malformedDatagramIsCountedByReason_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<DecodeError>("reason");
    QTest::newRow("jsonl: not json") << WireFormat::Jsonl << DecodeError::Malformed;
    QTest::newRow("ccsds: packet cut short") << WireFormat::Ccsds << DecodeError::Truncated;
}

void TstUdpSource::malformedDatagramIsCountedByReason()
{
    QFETCH(WireFormat, format);
    QFETCH(DecodeError, reason);
    const Profile profile = benchProfile();
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://127.0.0.1:%1?format="_s + wireFormatName(format),
                                         loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;

    const auto good = encodeDatagrams(format, profile, makeSamples({0, 1, 2}), 3);
    QCOMPARE(good.size(), 1u);
    const QByteArray bad
        = format == WireFormat::Jsonl ? QByteArray("{\"t\": nonsense\n") : good.front().left(10);
    const auto after = encodeDatagrams(format, profile, makeSamples({3, 4}), 2);
    QUdpSocket sender;
    sender.writeDatagram(good.front(), loopback, port);
    sender.writeDatagram(bad, loopback, port);
    sender.writeDatagram(after.front(), loopback, port);

    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 5u, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->stats().datagrams, 3u, kTimeoutMs);
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.decodeErrors.count(reason), 1u);
    QCOMPARE(stats.decodeErrors.total(), 1u);
    QCOMPARE(stats.samples, 5u);
    QVERIFY(verifySame(h.received, makeSamples({0, 1, 2, 3, 4})));
}

void TstUdpSource::sequenceGapsDuplicatesAndReorderingAreCounted_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::newRow("jsonl seq") << WireFormat::Jsonl;
    QTest::newRow("ccsds sequence count") << WireFormat::Ccsds;
}

void TstUdpSource::sequenceGapsDuplicatesAndReorderingAreCounted()
{
    QFETCH(WireFormat, format);
    const Profile profile = benchProfile();
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://127.0.0.1:%1?format="_s + wireFormatName(format),
                                         loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;

    // 10, 11 and 12 go missing, 13 comes twice, then 11 turns up late.
    std::vector<std::int64_t> seqs = range(0, 10);
    seqs.insert(seqs.end(), {13, 13, 11, 14});
    const SampleBlock sent = makeSamples(seqs);
    QUdpSocket sender;
    for (const QByteArray &datagram : encodeDatagrams(format, profile, sent, 2)) {
        sender.writeDatagram(datagram, loopback, port);
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.lost, 2u);
    QCOMPARE(stats.duplicates, 1u);
    QCOMPARE(stats.outOfOrder, 1u);
}

void TstUdpSource::stateGoesConnectingLiveStaleAndBackToLive()
{
    const Profile profile = benchProfile(0.3);
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://127.0.0.1:%1"_s, loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Connecting, kTimeoutMs);

    QUdpSocket sender;
    const auto datagrams = encodeDatagrams(WireFormat::Jsonl, profile, makeSamples({0, 1}), 1);
    sender.writeDatagram(datagrams[0], loopback, port);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Stale, kTimeoutMs);
    sender.writeDatagram(datagrams[1], loopback, port);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);

    QTRY_COMPARE_WITH_TIMEOUT(h.states->size(), 4, kTimeoutMs);
    const std::vector<SourceState> expected{SourceState::Connecting, SourceState::Live,
                                            SourceState::Stale, SourceState::Live};
    QCOMPARE(h.stateHistory(), expected);
    h.source->stop();
    QTRY_COMPARE_WITH_TIMEOUT(h.states->size(), 5, kTimeoutMs);
    QCOMPARE(h.stateHistory().back(), SourceState::Disconnected);
}

void TstUdpSource::receivesOnIpv6Loopback()
{
    const QHostAddress loopback(QHostAddress::LocalHostIPv6);
    if (freeUdpPort(loopback) == 0) {
        QSKIP("this machine cannot bind UDP on ::1");
    }
    const Profile profile = benchProfile();
    quint16 port = 0;
    const auto started
        = startOnFreePort(u"udp://[::1]:%1?format=ccsds"_s, loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    const SampleBlock sent = makeSamples(range(100, 140));
    QUdpSocket sender;
    for (const QByteArray &datagram : encodeDatagrams(WireFormat::Ccsds, profile, sent, 10)) {
        QCOMPARE(sender.writeDatagram(datagram, loopback, port), datagram.size());
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
}

void TstUdpSource::bindsToAHostName()
{
    // The source resolves the name as this does; it binds the first address.
    const QHostInfo info = QHostInfo::fromName(u"localhost"_s);
    if (info.addresses().isEmpty()) {
        QSKIP("localhost does not resolve here");
    }
    const QHostAddress address = info.addresses().constFirst();
    const Profile profile = benchProfile();
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://localhost:%1"_s, address, profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    QUdpSocket sender;
    const SampleBlock sent = makeSamples(range(0, 3));
    for (const QByteArray &datagram : encodeDatagrams(WireFormat::Jsonl, profile, sent, 3)) {
        QCOMPARE(sender.writeDatagram(datagram, address, port), datagram.size());
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
}

void TstUdpSource::joinsAMulticastGroup()
{
    const QHostAddress group(u"239.255.91.17"_s);
    const Profile profile = benchProfile();
    const QByteArray datagram
        = encodeDatagrams(WireFormat::Jsonl, profile, makeSamples({5}), 1).front();

    // First ask whether this machine delivers its own multicast at all, with plain Qt sockets,
    // so that a skip is about the machine and a failure is about the source.
    {
        QUdpSocket listener;
        QUdpSocket sender;
        if (!listener.bind(QHostAddress::AnyIPv4, 0, QAbstractSocket::ShareAddress)
            || !listener.joinMulticastGroup(group)) {
            QSKIP(qPrintable(u"cannot join a multicast group here: "_s + listener.errorString()));
        }
        if (sender.writeDatagram(datagram, group, listener.localPort()) < 0) {
            QSKIP(qPrintable(u"cannot send multicast here: "_s + sender.errorString()));
        }
        QElapsedTimer waited;
        waited.start();
        while (!listener.hasPendingDatagrams() && waited.elapsed() < 2000) {
            QTest::qWait(20);
        }
        if (!listener.hasPendingDatagrams()) {
            QSKIP("multicast is not looped back to local members on this machine");
        }
    }

    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://239.255.91.17:%1"_s, group, profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    QUdpSocket sender;
    QVERIFY(sender.writeDatagram(datagram, group, port) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 1u, kTimeoutMs);
    QCOMPARE(h.received.seq(0), 5);
    QVERIFY(h.failures->isEmpty());

    // A unicast datagram to the same port is not for the group.
    sender.writeDatagram(datagram, QHostAddress(QHostAddress::LocalHost), port);
    sender.writeDatagram(datagram, group, port);
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 2u, kTimeoutMs);
    QTest::qWait(100);
    QCOMPARE(h.received.size(), 2u);
}

void TstUdpSource::portInUseFailsWithTheReason()
{
    QUdpSocket holder;
    QVERIFY(holder.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress));
    const QString uri = u"udp://127.0.0.1:%1"_s.arg(holder.localPort());
    Harness h(uri, benchProfile());
    QTRY_COMPARE_WITH_TIMEOUT(h.failures->size(), 1, kTimeoutMs);
    const QString message = h.failures->at(0).at(0).toString();
    QCOMPARE(message, uri + u": cannot bind: Address already in use"_s);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
    QVERIFY(h.source->isRunning());
}

void TstUdpSource::stopIsPromptWhileDatagramsFlow()
{
    const Profile profile = benchProfile();
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started
        = startOnFreePort(u"udp://127.0.0.1:%1?format=ccsds"_s, loopback, profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    const auto datagrams
        = encodeDatagrams(WireFormat::Ccsds, profile, makeSamples(range(0, 64)), 64);
    QUdpSocket sender;
    for (int i = 0; i < 2000; ++i) {
        sender.writeDatagram(datagrams.front(), loopback, port);
    }
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() > 0, kTimeoutMs);

    QElapsedTimer stopping;
    stopping.start();
    h.source->stop();
    // A bound well under Source::kStopTimeoutMs: a stop that hangs until the timeout fails.
    QVERIFY2(stopping.elapsed() < 1000, qPrintable(QString::number(stopping.elapsed())));
    QVERIFY(!h.source->isRunning());
    QCOMPARE(h.source->state(), SourceState::Disconnected);
    // The port is free again.
    QVERIFY(!udpPortTaken(loopback, port));
}

void TstUdpSource::datagramsTheKernelDropsAreCounted()
{
    // A receive buffer of 4 KiB and a burst of large datagrams: the kernel drops most of them
    // while the source decodes the one it holds. Every datagram sent is either received or
    // counted as dropped, so "lost" means lost anywhere on this host.
    const Profile profile = benchProfile();
    const QHostAddress loopback(QHostAddress::LocalHost);
    quint16 port = 0;
    const auto started = startOnFreePort(u"udp://127.0.0.1:%1?format=jsonl&rcvbuf=4096"_s, loopback,
                                         profile, &port);
    QVERIFY(started);
    Harness &h = *started;
    const auto big = encodeDatagrams(WireFormat::Jsonl, profile, makeSamples(range(0, 600)), 600);
    QCOMPARE(big.size(), 1u);
    QVERIFY(big.front().size() > 20000);
    QUdpSocket sender;
    constexpr int kBurst = 100;
    int sent = 0;
    for (int i = 0; i < kBurst; ++i) {
        sent += sender.writeDatagram(big.front(), loopback, port) > 0 ? 1 : 0;
    }
    QTest::qWait(300);
    // The drop count comes with the next datagram the socket receives.
    const auto last = encodeDatagrams(WireFormat::Jsonl, profile, makeSamples({100000}), 1);
    QVERIFY(sender.writeDatagram(last.front(), loopback, port) > 0);
    ++sent;
    QTRY_VERIFY_WITH_TIMEOUT(h.source->stats().datagrams + h.source->stats().kernelDrops
                                 == std::uint64_t(sent),
                             kTimeoutMs);
    const SourceStats stats = h.source->stats();
    QVERIFY2(stats.kernelDrops > 0, qPrintable(QString::number(stats.datagrams)));
    QCOMPARE(stats.samples, stats.datagrams * 600 - 599); // 600 per big one, 1 in the last
}

QTEST_GUILESS_MAIN(TstUdpSource)
#include "tst_udpsource.moc"
