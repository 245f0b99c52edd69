#include "sourceharness.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fw::WireFormat)

class TstTcpSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordSplitAcrossWritesDecodes_data();
    void recordSplitAcrossWritesDecodes();
    void tcpReconnectsAfterPeerComesBack();
    void aSilentPeerIsDroppedAndReconnected();
    void stopDuringBackoffIsPrompt();
    void connectsByHostName();
};

namespace {

QTcpSocket *acceptPeer(QTcpServer &server)
{
    if (!server.hasPendingConnections() && !server.waitForNewConnection(kTimeoutMs)) {
        return nullptr;
    }
    return server.nextPendingConnection();
}

void writeAll(QTcpSocket *peer, QByteArrayView bytes)
{
    peer->write(bytes.data(), bytes.size());
    while (peer->bytesToWrite() > 0) {
        QVERIFY(peer->waitForBytesWritten(kTimeoutMs));
    }
}

} // namespace

void TstTcpSource::recordSplitAcrossWritesDecodes_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::newRow("jsonl") << WireFormat::Jsonl;
    QTest::newRow("csv") << WireFormat::Csv;
    QTest::newRow("ccsds") << WireFormat::Ccsds;
}

void TstTcpSource::recordSplitAcrossWritesDecodes()
{
    QFETCH(WireFormat, format);
    const Profile profile = benchProfile();
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Harness h(
        u"tcp://127.0.0.1:%1?format=%2"_s.arg(server.serverPort()).arg(wireFormatName(format)),
        profile);
    QTcpSocket *peer = acceptPeer(server);
    QVERIFY(peer);

    const SampleBlock sent = makeSamples(range(0, 20));
    const std::string wire = encodeStream(format, profile, sent);
    // Cut inside a record: a third of the way in is never on a record boundary here.
    const std::size_t cuts[] = {wire.size() / 3, wire.size() / 3 + 1, wire.size() * 2 / 3};
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
        writeAll(peer, QByteArrayView(wire.data() + from, qsizetype(cut - from)));
        QTest::qWait(30); // separate segments, read separately
        from = cut;
    }
    writeAll(peer, QByteArrayView(wire.data() + from, qsizetype(wire.size() - from)));

    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.bytes, std::uint64_t(wire.size()));
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QCOMPARE(stats.reconnects, 0u);
    QCOMPARE(h.source->state(), SourceState::Live);
}

void TstTcpSource::tcpReconnectsAfterPeerComesBack()
{
    const Profile profile = benchProfile();
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    Harness h(u"tcp://127.0.0.1:%1"_s.arg(port), profile);
    QTcpSocket *peer = acceptPeer(server);
    QVERIFY(peer);
    writeAll(peer, encodeStream(WireFormat::Jsonl, profile, makeSamples(range(0, 10))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 10u, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);

    // The peer goes away entirely: connection closed and nobody listening.
    peer->close();
    server.close();
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Connecting, kTimeoutMs);
    QTest::qWait(400); // a few refused attempts
    QCOMPARE(h.source->state(), SourceState::Connecting);
    QCOMPARE(h.source->stats().reconnects, 0u);

    QVERIFY2(server.listen(QHostAddress::LocalHost, port), qPrintable(server.errorString()));
    peer = acceptPeer(server);
    QVERIFY(peer);
    // 10 and 11 never come: the tracker outlives the connection, so that is a loss of 2.
    writeAll(peer, encodeStream(WireFormat::Jsonl, profile, makeSamples(range(12, 20))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 18u, kTimeoutMs);
    std::vector<std::int64_t> expected = range(0, 10);
    const auto second = range(12, 20);
    expected.insert(expected.end(), second.begin(), second.end());
    QVERIFY(verifySame(h.received, makeSamples(expected)));

    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.reconnects, 1u);
    QCOMPARE(stats.lost, 2u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    const std::vector<SourceState> states{SourceState::Connecting, SourceState::Live,
                                          SourceState::Connecting, SourceState::Live};
    QCOMPARE(h.stateHistory(), states);
}

void TstTcpSource::aSilentPeerIsDroppedAndReconnected()
{
    // A hung bench: connected, sends, then nothing, and the connection never closes.
    const Profile profile = benchProfile(0.2); // stale after 0.2 s; dropped after 1 s silent
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Harness h(u"tcp://127.0.0.1:%1"_s.arg(server.serverPort()), profile);
    QTcpSocket *peer = acceptPeer(server);
    QVERIFY(peer);
    writeAll(peer, encodeStream(WireFormat::Jsonl, profile, makeSamples(range(0, 10))));
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Stale, kTimeoutMs);
    QElapsedTimer silent;
    silent.start();
    // The source gives up on it and connects anew; the old connection is closed.
    QTcpSocket *second = acceptPeer(server);
    QVERIFY(second);
    QVERIFY2(silent.elapsed() < 3000, qPrintable(QString::number(silent.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(peer->state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
    writeAll(second, encodeStream(WireFormat::Jsonl, profile, makeSamples(range(10, 20))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 20u, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);
    QCOMPARE(h.source->stats().reconnects, 1u);
    QCOMPARE(h.source->stats().lost, 0u);
}

void TstTcpSource::stopDuringBackoffIsPrompt()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port nobody listens on once the probe is gone
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    Harness h(u"tcp://127.0.0.1:%1"_s.arg(port), benchProfile());
    // 100 + 200 + 400 + 800 ms of backoff: by now the source waits for 800 or 1600 ms.
    QTest::qWait(1700);
    QCOMPARE(h.source->state(), SourceState::Connecting);
    QVERIFY(h.failures->isEmpty());

    QElapsedTimer stopping;
    stopping.start();
    h.source->stop();
    QVERIFY2(stopping.elapsed() < 500, qPrintable(QString::number(stopping.elapsed())));
    QVERIFY(!h.source->isRunning());
    QCOMPARE(h.source->state(), SourceState::Disconnected);
}

void TstTcpSource::connectsByHostName()
{
    const Profile profile = benchProfile();
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Harness h(u"tcp://localhost:%1?format=ccsds"_s.arg(server.serverPort()), profile);
    QTcpSocket *peer = acceptPeer(server);
    if (!peer) {
        QSKIP("localhost does not resolve to 127.0.0.1 here");
    }
    const SampleBlock sent = makeSamples(range(0, 5));
    writeAll(peer, encodeStream(WireFormat::Ccsds, profile, sent));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
}

QTEST_GUILESS_MAIN(TstTcpSource)
#include "tst_tcpsource.moc"
